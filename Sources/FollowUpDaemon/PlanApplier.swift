import Foundation
import Logging
import FollowUpCore
import FollowUpStore
import FollowUpWorkspace

/// Carries out the planner's actions: queue a rendered draft, cancel,
/// reschedule, mark. The decisions are `Planner.plan`'s. Only the
/// applications whose history changed or whose review moment came are
/// planned (`Store.planWork`): a tick's cost grows with what is new.
struct PlanApplier {
    let workspace: Workspace
    let logger: Logger
    let clock: @Sendable () -> Date

    struct Result {
        var queued = 0
        var cancelled = 0
    }

    /// What the marks were planned by: the settings, and the planner's rules.
    /// A day's cap on every review keeps a rule this basis cannot see (a
    /// time-zone update) from waiting longer than that.
    var basis: String { "rules \(Planner.rulesRevision); \(workspace.settings)" }
    static let longestWait: TimeInterval = 86_400

    func run() -> Result {
        var result = Result()
        let now = clock()
        let settings = workspace.settings
        let work: Store.PlanWork
        do { work = try workspace.store.planWork(basis: basis, now: now) } catch {
            logger.error("cannot read the applications", metadata: ["error": "\(error)"])
            return result
        }
        var marks: [Store.PlanMark] = []
        for history in work.histories {
            let id = history.application.id
            var review = Planner.nextReview(history: history, settings: settings, now: now).map { min($0, now + Self.longestWait) }
            // One application's trouble must not hold the others back.
            do {
                try apply(Planner.plan(history: history, settings: settings, now: now), history, now, &result)
            } catch let error as StoreError where error.code == .changedMeanwhile {
                logger.notice("application changed while it was planned; planned again at the next tick",
                              metadata: ["application": "\(id)"])
            } catch {
                logger.error("planning failed", metadata: ["application": "\(id)", "error": "\(error)"])
                review = now
            }
            if let facts = work.facts[id] { marks.append(Store.PlanMark(applicationID: id, facts: facts, reviewAt: review)) }
        }
        do {
            try workspace.store.recordPlans(marks, basis: work.everything ? basis : nil)
        } catch {
            // Unrecorded, they are planned again at the next tick: planning is idempotent.
            logger.error("the plans could not be marked", metadata: ["error": "\(error)"])
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
