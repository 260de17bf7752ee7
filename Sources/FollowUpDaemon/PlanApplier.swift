import Foundation
import Logging
import FollowUpCore
import FollowUpStore
import FollowUpWorkspace

/// Carries out the planner's actions for every application: queue a
/// rendered draft, cancel, reschedule, mark. The decisions are `Planner.plan`'s.
struct PlanApplier {
    let workspace: Workspace
    let logger: Logger
    let clock: @Sendable () -> Date

    struct Result {
        var queued = 0
        var cancelled = 0
    }

    func run() -> Result {
        var result = Result()
        let now = clock()
        let histories: [ApplicationHistory]
        do { histories = try workspace.store.histories() } catch {
            logger.error("cannot read the applications", metadata: ["error": "\(error)"])
            return result
        }
        for history in histories {
            // One application's trouble must not hold the others back.
            do {
                try apply(Planner.plan(history: history, settings: workspace.settings, now: now), history, now, &result)
            } catch let error as StoreError where error.code == .changedMeanwhile {
                logger.notice("application changed while it was planned; planned again at the next tick",
                              metadata: ["application": "\(history.application.id)"])
            } catch {
                logger.error("planning failed", metadata: ["application": "\(history.application.id)", "error": "\(error)"])
            }
        }
        return result
    }

    private func apply(_ actions: [PlanAction], _ history: ApplicationHistory, _ now: Date, _ result: inout Result) throws {
        let store = workspace.store
        let app = history.application
        for action in actions {
            switch action {
            case .queue(let queued):
                let (draft, problems) = try workspace.writer.write(queued, history: history, now: now,
                                                                   randomBytes: Workspace.randomBytes())
                let stored = try store.insertDraft(draft, lintProblems: problems.map(\.description), writtenFrom: app.revision)
                result.queued += 1
                logger.notice("draft queued for approval", metadata: [
                    "draft": "\(stored.id)", "application": "\(app.id)", "kind": "\(queued.kind.rawValue)",
                    "due": "\(queued.due.formatted(.iso8601))", "problems": "\(problems.count)",
                ])
            case .cancel(let id, let reason):
                try store.cancel(draftID: id, reason: reason.description, now: now)
                result.cancelled += 1
                logger.notice("draft cancelled", metadata: ["draft": "\(id)", "reason": "\(reason)"])
            case .reschedule(let id, let due):
                try store.reschedule(draftID: id, due: due)
                logger.info("draft rescheduled", metadata: ["draft": "\(id)", "due": "\(due.formatted(.iso8601))"])
            case .markUndeliverable(_, let email):
                try store.markUndeliverable(email: email)
                logger.warning("contact address bounced", metadata: ["application": "\(app.id)"])
            case .markNoResponse(let id):
                try store.setOutcome(.noResponse, for: id)
                logger.notice("application closed: no response", metadata: ["application": "\(id)"])
            case .needsAttention(let id, let error):
                logger.warning("application needs attention", metadata: ["application": "\(id)", "error": "\(error)"])
            }
        }
    }
}
