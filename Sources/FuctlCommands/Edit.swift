import ArgumentParser
import FollowUpCore
import FollowUpStore
import FollowUpDrafts
import FollowUpWorkspace

/// `fuctl edit ID`: change a draft's words; this withdraws its approval.
struct Edit: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Edit a draft in $VISUAL or $EDITOR; this withdraws its approval.",
        discussion: "The file holds \"Subject: …\", a blank line, then the body. The draft is linted again afterwards.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The draft's id.") var id: DraftID

    func run(in context: Context) throws {
        _ = try Self.edit(id, workspace: try options.workspace(context), context: context)
    }

    /// Opens the editor on the draft, saves a change and lints it again; the
    /// problems of what is saved (empty when unchanged and clean).
    static func edit(_ id: DraftID, workspace: Workspace, context: Context) throws -> [LintProblem] {
        let draft = try workspace.store.existingDraft(id)
        guard draft.state.isPending else {
            throw CommandFailure(.refused, "draft \(id) is \(draft.state.rawValue): only drafts not yet sent can be edited")
        }
        let before = EditedText(subject: draft.subject, body: draft.body)
        let after = try EditedText(parsing: Editor.edit(before.fileText, environment: context.environment))
        guard after != before else {
            context.console.print("draft \(id) unchanged\(draft.isApproved ? "; still approved" : "")")
            return try workspace.currentProblems(of: draft)
        }
        var changed = draft
        changed.subject = after.subject
        changed.body = after.body
        let problems = try workspace.currentProblems(of: changed)
        do {
            try workspace.store.edit(draftID: id, subject: after.subject, body: after.body,
                                     lintProblems: problems.map(\.description), opened: (before.subject, before.body),
                                     now: context.now)
        } catch let error as StoreError where error.code == .changedMeanwhile {
            throw CommandFailure(.refused, "\(error.message); run fuctl edit \(id) again")
        }
        context.console.print("draft \(id) saved\(draft.isApproved ? "; its approval is withdrawn: approve it again to send it" : "")")
        if problems.isEmpty {
            context.console.print("no problems")
        } else {
            context.console.print("problems:")
            context.console.printProblems(problems)
        }
        return problems
    }
}
