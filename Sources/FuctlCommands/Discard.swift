import ArgumentParser
import FollowUpCore
import FollowUpStore

/// `fuctl discard ID…`: throw drafts away.
struct Discard: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Discard drafts.",
        discussion: "Each id on its own: the ones that can be discarded are, one already discarded is noted; the others are reported (exit 1).")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The drafts' ids.") var ids: [DraftID]

    func validate() throws {
        if ids.isEmpty { throw ValidationError("name at least one draft id") }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        var failures: [String] = []
        for id in ids {
            do {
                if try workspace.store.existingDraft(id).state == .discarded {
                    context.console.print("draft \(id) was already discarded")
                    continue
                }
                try workspace.store.discard(draftID: id, reason: "discarded by the user", now: context.now)
                context.console.print("draft \(id) discarded")
            } catch let e as StoreError {
                failures.append(e.description)
            } catch let e as CommandFailure {
                failures.append(e.description)
            }
        }
        if !failures.isEmpty { throw CommandFailure(.refused, failures.joined(separator: "\n")) }
    }
}
