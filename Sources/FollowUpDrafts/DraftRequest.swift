import FollowUpCore
import Foundation

/// Who signs the drafts.
public struct Sender: Hashable, Sendable {
    public var name: String
    /// The closing lines under "Best regards,"; the name alone when empty.
    public var signature: String

    public init(name: String, signature: String = "") {
        self.name = name
        self.signature = signature
    }

    /// What the templates' `{{signature}}` renders.
    public var signatureBlock: String {
        let trimmed = signature.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? name : trimmed
    }
}

/// Everything one draft is rendered from.
public struct DraftRequest: Hashable, Sendable {
    public var kind: MessageKind
    public var application: Application
    /// The person it is addressed to (usually `application.primaryContact`).
    public var contact: Contact
    /// The event that started the round: its kind picks the thank-you text,
    /// its start names the day of the conversation.
    public var event: Event
    /// Specific things from the conversation, each a phrase that follows
    /// "our conversation about …" (e.g. "your plans for the new billing system");
    /// the first two are rendered.
    public var talkingPoints: [String]
    /// For `news`: the new information, as one or more full sentences.
    public var news: String?
    /// For `competing_offer`: optional sentences about the other offer. The
    /// template already says an offer exists; this must carry no deadline.
    public var offer: String?
    public var sender: Sender
    /// For `rejection_reply`: also ask for feedback (config).
    public var askForFeedback: Bool
    /// The subject of the earlier message of the same thread (ours or theirs);
    /// when set the subject is "Re: <earlier subject>" instead of the template's.
    public var earlierSubject: String?
    /// When the message is due to go out: a weekday names the event only while
    /// that is within 6 days of it ("on Monday"), later the date ("on November 16").
    /// Nil: always the date.
    public var due: Date?

    public init(kind: MessageKind, application: Application, contact: Contact, event: Event,
                talkingPoints: [String] = [], news: String? = nil, offer: String? = nil,
                sender: Sender, askForFeedback: Bool = false, earlierSubject: String? = nil, due: Date? = nil) {
        self.kind = kind
        self.application = application
        self.contact = contact
        self.event = event
        self.talkingPoints = talkingPoints
        self.news = news
        self.offer = offer
        self.sender = sender
        self.askForFeedback = askForFeedback
        self.earlierSubject = earlierSubject
        self.due = due
    }

    public var templateName: TemplateName { TemplateName(kind: kind, event: event.kind) }
}
