import FollowUpCore
import FollowUpWorkspace
import Foundation

/// `news` and `offer`: ask the policy, then queue the draft it allows.
enum ExceptionDraft {
    typealias Rule = (ApplicationHistory, PolicySettings, Date) -> Result<DueStep, ExceptionRefusal>

    /// What `--json` prints: the new draft's id and its problems.
    struct Queued: Encodable {
        var id: DraftID
        var problems: [DraftRow.Problem]
    }

    static func queue(_ kind: MessageKind, for app: ApplicationID, text: String?, rule: Rule,
                      json: Bool, workspace: Workspace, context: Context) throws {
        let history = try workspace.store.existingHistory(app)
        let step: DueStep
        switch rule(history, workspace.settings, context.now) {
        case .failure(let refusal): throw CommandFailure(.refused, "no \(kind.words) draft: \(refusal)")
        case .success(let allowed): step = allowed
        }
        guard let contact = history.application.primaryContact else { throw CommandFailure(.refused, "application \(app) has no contact") }
        let queued = QueuedDraft(applicationID: app, round: step.round, kind: step.kind, recipient: contact,
                                 due: step.due, thread: step.thread)
        let (draft, problems) = try workspace.writer.write(queued, history: history, text: text, now: context.now,
                                                           randomBytes: Workspace.randomBytes())
        let stored = try workspace.store.insertDraft(draft, lintProblems: problems.map(\.description),
                                                     writtenFrom: history.application.revision)
        if json { return try context.console.printJSON(Queued(id: stored.id, problems: problems.map(DraftRow.Problem.init))) }
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        context.console.print("draft \(stored.id) (\(kind.words)) queued, due \(times.human(stored.due)); review it with fuctl draft \(stored.id)")
        if !problems.isEmpty {
            context.console.print("problems:")
            context.console.printProblems(problems)
        }
    }
}
