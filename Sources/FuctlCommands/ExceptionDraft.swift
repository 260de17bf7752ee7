import FollowUpCore
import FollowUpWorkspace
import Foundation

/// `news` and `offer`: ask the policy, then queue the draft it allows.
enum ExceptionDraft {
    typealias Rule = (ApplicationHistory, PolicySettings, Date) -> Result<DueStep, ExceptionRefusal>

    static func queue(_ kind: MessageKind, for app: ApplicationID, text: String?, rule: Rule,
                      workspace: Workspace, context: Context) throws {
        let history = try workspace.store.existingHistory(app)
        let step: DueStep
        switch rule(history, workspace.settings, context.now) {
        case .failure(let refusal): throw CommandFailure("no \(kind.rawValue) draft: \(refusal)")
        case .success(let allowed): step = allowed
        }
        guard let contact = history.application.primaryContact else { throw CommandFailure("application \(app) has no contact") }
        let queued = QueuedDraft(applicationID: app, round: step.round, kind: step.kind, recipient: contact,
                                 due: step.due, thread: step.thread)
        let (draft, problems) = try workspace.writer.write(queued, history: history, text: text, now: context.now,
                                                           randomBytes: Workspace.randomBytes())
        let stored = try workspace.store.insertDraft(draft, lintProblems: problems.map(\.description))
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        context.console.print("draft \(stored.id) (\(kind.rawValue)) queued, due \(times.human(stored.due)); review it with fuctl draft \(stored.id)")
        if !problems.isEmpty {
            context.console.print("problems:")
            context.console.printProblems(problems)
        }
    }
}
