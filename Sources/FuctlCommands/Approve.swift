import ArgumentParser
import FollowUpCore
import FollowUpDrafts

/// `fuctl approve ID…`: let drafts go out when they are due.
struct Approve: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Approve drafts for sending when due.",
        discussion: """
            All or nothing: every draft is checked first (state drafted, no problem with its current text); \
            if any is refused, none is approved, the reasons are listed and the drafts that were fine are named. \
            A draft already approved stays approved (exit 0). Only spelling problems may be overridden, \
            with --override-spelling.
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
        var fine: [Draft] = []
        var alreadyApproved: [DraftID] = []
        for id in ids {
            let draft = try workspace.store.existingDraft(id)
            if draft.state == .approved && draft.isApproved {
                alreadyApproved.append(id)
                continue
            }
            guard draft.state == .drafted else {
                refusals.append("draft \(id) is \(draft.state.rawValue): only drafted drafts can be approved")
                continue
            }
            let blocking = try workspace.currentProblems(of: draft).filter { !(overrideSpelling && $0.kind.isOverridable) }
            if blocking.isEmpty {
                fine.append(draft)
            } else {
                refusals.append((["draft \(id) has problems; edit it (fuctl edit \(id)) first:"] + blocking.map(\.listed))
                    .joined(separator: "\n"))
            }
        }
        guard refusals.isEmpty else {
            let spared = fine.isEmpty ? [] : [
                "fine but not approved (all or nothing): " + fine.map { "draft \($0.id)" }.joined(separator: ", ")
                    + "; approve them without the refused ones",
            ]
            throw CommandFailure(.refused, (["nothing approved"] + refusals + spared).joined(separator: "\n"))
        }
        for id in alreadyApproved { context.console.print("draft \(id) already approved") }
        for draft in fine {
            let approved = try workspace.store.approve(draftID: draft.id, checked: (draft.subject, draft.body), now: context.now)
            context.console.print("draft \(draft.id) approved (\(approved.kind.words) to \(approved.recipientEmail))")
        }
    }
}
