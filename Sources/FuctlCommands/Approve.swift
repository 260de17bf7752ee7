import ArgumentParser
import FollowUpCore
import FollowUpDrafts

/// `fuctl approve ID…`: let drafts go out when they are due.
struct Approve: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Approve drafts for sending when due.",
        discussion: """
            All or nothing: every draft is checked first (state drafted, no problem with its current text); \
            if any is refused, none is approved and the reasons are listed. Only spelling problems may be \
            overridden, with --override-spelling.
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The drafts' ids.") var ids: [DraftID]
    @Flag(name: .customLong("override-spelling"), help: "Approve despite words the spelling dictionary does not know.")
    var overrideSpelling = false

    func validate() throws {
        if ids.isEmpty { throw ValidationError("name at least one draft id") }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        var refusals: [String] = []
        var checked: [DraftID: Draft] = [:]
        for id in ids {
            let draft = try workspace.store.existingDraft(id)
            checked[id] = draft
            guard draft.state == .drafted else {
                refusals.append("draft \(id) is \(draft.state.rawValue): only drafted drafts can be approved")
                continue
            }
            let blocking = try workspace.currentProblems(of: draft).filter { !(overrideSpelling && $0.kind.isOverridable) }
            if !blocking.isEmpty {
                refusals.append((["draft \(id) has problems; edit it (fuctl edit \(id)) first:"] + blocking.map(\.listed))
                    .joined(separator: "\n"))
            }
        }
        guard refusals.isEmpty else {
            throw CommandFailure("nothing approved\n" + refusals.joined(separator: "\n"))
        }
        for id in ids {
            let draft = try workspace.store.approve(draftID: id, checked: checked[id].map { ($0.subject, $0.body) },
                                                    now: context.now)
            context.console.print("draft \(id) approved (\(draft.kind.rawValue) to \(draft.recipientEmail))")
        }
    }
}
