import Foundation
import FollowUpCore

/// Why a message in the inbox is not a reply to any application.
public enum IgnoreReason: Hashable, Sendable {
    /// Sent from one of the user's addresses, or carrying a Message-ID we sent,
    /// in its own headers; a mail system's message (mailer-daemon, postmaster,
    /// null Return-Path, `multipart/report`) is never our own.
    case ownMessage
    /// No thread, contact, company domain or named company points to an application.
    case noApplicationMatches
    /// It points to this application but arrived before the start of its current event.
    case arrivedBeforeEventStart(ApplicationID)
    /// A delivery report that positively says delayed, relayed, delivered or
    /// expanded for every recipient, with no failure wording: the message may
    /// still arrive (a later bounce will come), so nothing changes. A report
    /// whose outcome cannot be read is not this: it is `unclear` for its application.
    case deliveryNoticeWithoutFailure
    /// A read receipt (`multipart/report; report-type=disposition-notification`).
    case readReceipt
    /// Automated mail for many people that ties to this application but is no
    /// reply: a newsletter, a job alert, a platform's notification, an
    /// acknowledgement of an application; says which, and what showed it.
    case bulkMail(ApplicationID, String)
    /// The invitation of an interview already recorded, a newer version or its
    /// cancellation: it changes the event, it is no reply (`invitationEffect(of:)`).
    case calendarUpdate(ApplicationID)
}

/// How a message was tied to its application, strongest last (POLICY.md
/// "Replies from the employer": thread > contact > domain > tracking system).
public enum MatchPath: Int, Comparable, CaseIterable, Sendable {
    /// Sent by an applicant-tracking, scheduling or job-platform system, naming the company or a contact.
    case relaySystem = 1
    /// Sent from the company's domain or one of its subdomains.
    case companyDomain
    /// Sent by one of the application's contacts, or with one in `Reply-To` or as
    /// the organizer of its invitation (a bounce: addressed to one).
    case contactAddress
    /// `In-Reply-To`/`References` names a Message-ID we sent for the application.
    case threadReference

    public static func < (a: MatchPath, b: MatchPath) -> Bool { a.rawValue < b.rawValue }

    /// How the message was tied to its application, as people read it.
    public var words: String {
        switch self {
        case .relaySystem: "sent by an applicant-tracking, scheduling or job-platform system, naming the company or a contact"
        case .companyDomain: "sent from the company's domain"
        case .contactAddress: "sent by a contact of the application (or with one in Reply-To or as an invitation's organizer; a bounce: addressed to one)"
        case .threadReference: "In-Reply-To or References names a message sent for the application"
        }
    }
}

/// What a message says, read from its headers and the text its sender wrote.
public struct ReplyReading: Hashable, Sendable {
    public var replyClass: ReplyClass
    /// need-more-time: the date they named; auto-reply: the return date.
    public var until: LocalDate?
    /// bounce: the address that could not be delivered to.
    public var failedRecipient: String?
    /// The phrases that decided the class, as `fuctl explain` shows them:
    /// `rejection: "decided to move forward with other candidates"`.
    public var phrases: [String]
    /// A job platform's notice: the platform where the message itself is to be read.
    public var readOn: String?

    public init(replyClass: ReplyClass, until: LocalDate? = nil, failedRecipient: String? = nil, phrases: [String] = [],
                readOn: String? = nil) {
        self.replyClass = replyClass
        self.until = until
        self.failedRecipient = failedRecipient
        self.phrases = phrases
        self.readOn = readOn
    }

    /// Equal readings say the same; the phrases only show why.
    public static func == (a: Self, b: Self) -> Bool {
        a.replyClass == b.replyClass && a.until == b.until && a.failedRecipient == b.failedRecipient && a.readOn == b.readOn
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(replyClass) }
}

/// A message tied to one application.
public struct ReplyAttribution: Hashable, Sendable {
    public var applicationID: ApplicationID
    public var match: MatchPath
    /// What the message itself says.
    public var reading: ReplyReading
    /// Other applications that matched just as strongly. When not empty the
    /// message went to the application whose current event started last, and
    /// its class is `unclear`: the user decides, nothing is guessed.
    public var alsoMatching: [ApplicationID]

    public init(applicationID: ApplicationID, match: MatchPath, reading: ReplyReading, alsoMatching: [ApplicationID] = []) {
        self.applicationID = applicationID
        self.match = match
        self.reading = reading
        self.alsoMatching = alsoMatching
    }

    /// The class the policy acts on.
    public var replyClass: ReplyClass { alsoMatching.isEmpty ? reading.replyClass : .unclear }

    /// The record the store keeps for this reply.
    public func recordedReply(id: ReplyID, for message: IncomingMessage) -> RecordedReply {
        let effective = replyClass
        return RecordedReply(id: id, applicationID: applicationID, receivedAt: message.internalDate,
                             replyClass: effective,
                             until: effective == reading.replyClass ? reading.until : nil,
                             failedRecipient: effective == .bounce ? reading.failedRecipient : nil,
                             source: .mail, messageID: message.messageID,
                             headerDigest: message.messageID == nil ? message.headerDigest : nil, from: message.from?.normalized, subject: message.subject,
                             readOn: reading.readOn)
    }
}

/// The outcome of reading one inbox message.
public enum ReplyVerdict: Hashable, Sendable {
    case ignored(IgnoreReason)
    case attributed(ReplyAttribution)
}
