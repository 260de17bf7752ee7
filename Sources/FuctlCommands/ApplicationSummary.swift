import FollowUpCore
import Foundation

/// Where an application stands, for `list` and `show`.
struct ApplicationSummary {
    /// open, waiting for approval, closed (offer), replied (rejection), stopped, send unknown, no event.
    var state: String
    var nextStep: NextStep?

    struct NextStep: Encodable {
        var kind: MessageKind
        var due: Date
        /// "planned" (the daemon will draft it), "discarded" (it never will), or the draft's id and state.
        var status: String

        /// "thank-you (planned)", for human output.
        var text: String { "\(kind.words) (\(status))" }
    }

    init(_ history: ApplicationHistory, settings: PolicySettings, now: Date) {
        let app = history.application
        let pending = history.drafts.filter { $0.state.isPending }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        let timeline = try? Timeline.current(history: history, settings: settings, now: now)
        if let outcome = app.outcome {
            state = "closed (\(outcome.rawValue))"
        } else if history.drafts.contains(where: { $0.state == .unknown }) {
            state = "send unknown"
        } else if pending.contains(where: { $0.state == .drafted }) {
            state = "waiting for approval"
        } else {
            switch timeline?.state {
            case .open: state = "open"
            case .closedByReply(_, let replyClass): state = "replied (\(replyClass.rawValue))"
            case .stopped: state = "stopped"
            case nil: state = app.events.isEmpty ? "no event" : "needs attention"
            }
        }
        guard app.outcome == nil else { return }
        if let draft = pending.first {
            nextStep = NextStep(kind: draft.kind, due: draft.due, status: "draft \(draft.id) \(draft.state.rawValue)")
        } else if let step = timeline?.steps.first {
            let status = switch Self.settledDraft(of: step.kind, history).map({ ($0.id, $0.state) }) {
            case nil: "planned"
            case (_, .discarded)?: "discarded"
            case let (id, state)?: "draft \(id) \(state.rawValue)"
            }
            nextStep = NextStep(kind: step.kind, due: step.due, status: status)
        }
    }

    /// A draft of the step that stops the daemon from drafting it again: the
    /// planner's rule (`RoundFacts.currentDrafts`) counts every draft of the
    /// current round made since the latest human reply and not cancelled, so a
    /// discarded thank-you is not drafted again in that round.
    static func settledDraft(of kind: MessageKind, _ history: ApplicationHistory) -> Draft? {
        guard let round = history.application.events.last else { return nil }
        let since = history.replies
            .filter { $0.receivedAt > round.start && $0.replyClass.isFromAPerson }
            .map(\.receivedAt).max()
        return history.drafts.last { d in
            d.round == round.id && d.kind == kind && d.state != .cancelled && !d.state.isPending
                && (since.map { d.createdAt >= $0 } ?? true)
        }
    }
}
