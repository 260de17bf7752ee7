import FollowUpCore
import Foundation

/// Where an application stands, for `list` and `show`.
struct ApplicationSummary {
    var state: ApplicationState
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
        state = ApplicationState.of(history, settings: settings, now: now)
        guard app.outcome == nil else { return }
        if let draft = pending.first {
            nextStep = NextStep(kind: draft.kind, due: draft.due, status: "draft \(draft.id) \(draft.state.rawValue)")
        } else if let step = timeline?.steps.first {
            let status = switch Timeline.settledDraft(of: step.kind, history: history, settings: settings, now: now).map({ ($0.id, $0.state) }) {
            case nil: "planned"
            case (_, .discarded)?: "discarded"
            case let (id, state)?: "draft \(id) \(state.rawValue)"
            }
            nextStep = NextStep(kind: step.kind, due: step.due, status: status)
        }
    }
}
