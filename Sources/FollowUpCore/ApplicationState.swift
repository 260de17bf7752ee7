import Foundation

/// Where an application stands, as `fuctl list` and `show` tell it. Derived
/// from its history by the same rules the planner uses, never stored.
public enum ApplicationState: Hashable, Sendable, CustomStringConvertible {
    /// The user closed it (offer, withdrawn…).
    case closed(Outcome)
    /// A send's outcome is unknown: `fuctl resolve` must settle it first.
    case sendUnknown
    /// A draft waits for the user's approval.
    case waitingForApproval
    /// Follow-ups go on as planned.
    case open
    /// The employer replied; no follow-up goes out in this round.
    case replied(ReplyClass)
    /// Every follow-up of the round went out, or the round was stopped.
    case stopped
    /// Its interview was cancelled: record the next one with fuctl event.
    case eventCancelled
    /// No interview recorded yet.
    case noEvent
    /// The history could not be read as a round (an event the planner refuses).
    case needsAttention

    public static func of(_ history: ApplicationHistory, settings: PolicySettings, now: Date) -> ApplicationState {
        if let outcome = history.application.outcome { return .closed(outcome) }
        if history.drafts.contains(where: { $0.state == .unknown }) { return .sendUnknown }
        if history.drafts.contains(where: { $0.state == .drafted }) { return .waitingForApproval }
        switch (try? Timeline.current(history: history, settings: settings, now: now))?.state {
        case .open: return .open
        case .closedByReply(_, let replyClass): return .replied(replyClass)
        case .stopped: return .stopped
        case .cancelled: return .eventCancelled
        case nil: return history.application.events.isEmpty ? .noEvent : .needsAttention
        }
    }

    /// The words `list` and `show` print (and their JSON carries).
    public var description: String {
        switch self {
        case .closed(let outcome): "closed (\(outcome.rawValue))"
        case .sendUnknown: "send unknown"
        case .waitingForApproval: "waiting for approval"
        case .open: "open"
        case .replied(let replyClass): "replied (\(replyClass.rawValue))"
        case .stopped: "stopped"
        case .eventCancelled: "interview cancelled"
        case .noEvent: "no event"
        case .needsAttention: "needs attention"
        }
    }
}
