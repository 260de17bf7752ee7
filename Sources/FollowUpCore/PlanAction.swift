import Foundation

/// Threading of a follow-up onto the earlier message it answers.
public struct ThreadParent: Hashable, Sendable {
    /// For `In-Reply-To`.
    public var messageID: String
    /// For `References`: the parent's references, then the parent.
    public var references: [String]
    /// "Re: " and the parent's subject (never "Re: Re: ").
    public var subject: String

    public init(messageID: String, references: [String], subject: String) {
        self.messageID = messageID
        self.references = references
        self.subject = subject
    }
}

/// A draft the daemon should render and put in the queue for approval.
public struct QueuedDraft: Hashable, Sendable {
    public var applicationID: ApplicationID
    public var round: EventID
    public var kind: MessageKind
    public var recipient: Contact
    public var due: Date
    /// nil: a new thread (the round's first message).
    public var thread: ThreadParent?

    public init(applicationID: ApplicationID, round: EventID, kind: MessageKind, recipient: Contact,
                due: Date, thread: ThreadParent?) {
        self.applicationID = applicationID
        self.round = round
        self.kind = kind
        self.recipient = recipient
        self.due = due
        self.thread = thread
    }
}

/// Why the planner withdraws a pending draft.
public enum CancelReason: Hashable, Sendable, CustomStringConvertible {
    case newRound
    case applicationClosed(Outcome)
    case recipientUndeliverable
    /// A reply arrived after the draft was made.
    case reply(ReplyID, ReplyClass)
    /// The thank-you was not sent before the check-in became due.
    case thankYouDropped
    /// A news message took this check-in's place.
    case replacedByNews
    case capReached
    /// The round's timeline stopped (second check-in sent, or the one follow-up after "need more time").
    case timelineStopped
    /// Another draft already stands for the same step.
    case duplicate(of: DraftID)
    /// A rejection reply whose rejection was relabelled as something else.
    case noRejection
    /// The interview was cancelled.
    case eventCancelled
    /// The interview moved after the draft was written.
    case eventMoved
    /// The user corrected the application after the draft was written.
    case applicationChanged

    public var description: String {
        switch self {
        case .newRound: return "a new round started"
        case .applicationClosed(let o): return "the application is closed (\(o.rawValue))"
        case .recipientUndeliverable: return "the recipient's address bounced"
        case .reply(let id, let c): return "reply \(id) (\(c.rawValue)) arrived after the draft was made"
        case .thankYouDropped: return "the thank-you was not sent before the check-in became due"
        case .replacedByNews: return "news took the check-in's place"
        case .capReached: return "the follow-up cap is reached"
        case .timelineStopped: return "the round's timeline has stopped"
        case .duplicate(let id): return "draft \(id) stands for the same step"
        case .noRejection: return "the reply it answered is no rejection any more"
        case .eventCancelled: return "the interview was cancelled"
        case .eventMoved: return "the interview moved after it was written"
        case .applicationChanged: return "the application was corrected after it was written"
        }
    }
}

/// What the planner asks the daemon to do, in the order it applies them. Planning is
/// idempotent, so a tick cut off halfway is completed by the next one.
public enum PlanAction: Hashable, Sendable {
    case queue(QueuedDraft)
    case cancel(DraftID, CancelReason)
    /// The step is still wanted but its due time moved (a send changed the gap, a date moved).
    case reschedule(DraftID, due: Date)
    /// A bounce named this contact address.
    case markUndeliverable(ApplicationID, email: String)
    /// Seven days after the round's last follow-up with no answer.
    case markNoResponse(ApplicationID)
    /// Planning cannot start; tell the user.
    case needsAttention(ApplicationID, PolicyError)
}
