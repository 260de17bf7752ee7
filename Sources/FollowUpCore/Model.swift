import Foundation

// The nouns of POLICY.md. Plain values: the store persists them, the policy
// reasons about them, nothing here does I/O or reads the clock.

public typealias ApplicationID = Int64
public typealias EventID = Int64
public typealias DraftID = Int64
public typealias ReplyID = Int64

/// How fast the industry usually decides; sets the check-in delay.
public enum Pace: String, Codable, CaseIterable, Sendable {
    case fast, standard, slow

    public var checkInDays: Int {
        switch self {
        case .fast: return 5
        case .standard: return 7
        case .slow: return 14
        }
    }
}

/// A calendar day with no time and no zone: a decision date the interviewer
/// named, or a date read from a reply. Read in the application's time zone.
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real date.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...LocalDate.daysIn(month: m, year: y)).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

public struct Contact: Hashable, Codable, Sendable {
    public var name: String
    public var email: String
    /// Set when a bounce said this address cannot receive mail.
    public var undeliverable: Bool

    public init(name: String, email: String, undeliverable: Bool = false) {
        self.name = name
        self.email = email
        self.undeliverable = undeliverable
    }
}

public enum EventKind: String, Codable, CaseIterable, Sendable {
    case interview
    case jobFair = "job-fair"
    case networking
}

/// An interview round, a job fair or a networking conversation. Each event
/// starts a round of the policy: its own thank-you, its own cap.
public struct Event: Hashable, Codable, Sendable {
    public var id: EventID
    public var kind: EventKind
    public var start: Date
    public var end: Date
    /// The day the interviewer said they would decide by, if they named one.
    public var decisionDate: LocalDate?
    /// When the user recorded it (nil: not known). A round recorded before it
    /// takes place hears a rejection from then on: they may cancel it.
    public var recordedAt: Date?
    /// When it was last moved: every draft of its round made before then was
    /// written for the old time, and is drafted anew.
    public var movedAt: Date?
    /// When it was cancelled: nothing of its round goes out.
    public var cancelledAt: Date?
    /// The invitation it came from (its UID and SEQUENCE), for its updates.
    public var invitationUID: String?
    public var invitationSequence: Int?
    /// Raised, above every other event's, when it is recorded or moved: an
    /// inbox check reads again from its start what it may have skipped.
    public var revision: Int64 = 0

    public init(id: EventID, kind: EventKind = .interview, start: Date, end: Date, decisionDate: LocalDate? = nil,
                recordedAt: Date? = nil, movedAt: Date? = nil, cancelledAt: Date? = nil,
                invitationUID: String? = nil, invitationSequence: Int? = nil) {
        self.id = id
        self.kind = kind
        self.start = start
        self.end = end
        self.decisionDate = decisionDate
        self.recordedAt = recordedAt
        self.movedAt = movedAt
        self.cancelledAt = cancelledAt
        self.invitationUID = invitationUID
        self.invitationSequence = invitationSequence
    }

    /// From when a message can be about this event: its start, or when it was
    /// recorded if that was earlier.
    public var heardFrom: Date { recordedAt.map { min($0, start) } ?? start }
}

/// How a hiring process ended, set by the user or by the policy.
public enum Outcome: String, Codable, CaseIterable, Sendable {
    case offer, rejected, withdrawn
    case noResponse = "no-response"
}

/// One hiring process with one company for one role.
public struct Application: Hashable, Codable, Sendable {
    public var id: ApplicationID
    public var company: String
    public var role: String
    /// The first contact is the one follow-ups are addressed to.
    public var contacts: [Contact]
    /// The company's own mail domains, lower-case (never free-mail domains).
    public var companyDomains: [String]
    /// IANA identifier, e.g. "Europe/Berlin": the zone of the send window and of dates.
    public var timeZone: String
    /// Where the employer is, for its public holidays (ISO 3166: "DE", with
    /// region "BY"); nil: none are kept. Never guessed from the time zone:
    /// a zone spans countries, and the policy's worked examples name none.
    public var country: String?
    public var region: String?
    public var pace: Pace
    public var talkingPoints: [String]
    public var notes: String
    /// In start order; the last one is the current round.
    public var events: [Event]
    public var outcome: Outcome?
    /// When the user last changed what a draft says or who it goes to (the
    /// contact, role, company, zone): drafts written before are withdrawn.
    public var changedAt: Date?
    /// When the user last changed only when drafts are due (pace, holidays,
    /// decision date): the thank-you and check-ins written before, whose words
    /// name the interview's day as seen from their due time, are written anew.
    public var timingChangedAt: Date?
    /// Raised by every change of its facts (a correction, an event recorded,
    /// moved or cancelled, an outcome): a draft written from an older one is refused.
    public var revision = 0

    public init(id: ApplicationID, company: String, role: String, contacts: [Contact],
                companyDomains: [String] = [], timeZone: String, pace: Pace = .standard,
                talkingPoints: [String] = [], notes: String = "", events: [Event] = [],
                outcome: Outcome? = nil, changedAt: Date? = nil, country: String? = nil, region: String? = nil,
                revision: Int = 0, timingChangedAt: Date? = nil) {
        self.changedAt = changedAt
        self.timingChangedAt = timingChangedAt
        self.revision = revision
        self.country = country
        self.region = region
        self.id = id
        self.company = company
        self.role = role
        self.contacts = contacts
        self.companyDomains = companyDomains
        self.timeZone = timeZone
        self.pace = pace
        self.talkingPoints = talkingPoints
        self.notes = notes
        self.events = events
        self.outcome = outcome
    }

    public var primaryContact: Contact? { contacts.first }

    /// Where its public holidays are kept; nil: nowhere.
    public var holidayPlace: HolidayPlace? {
        country.flatMap { HolidayPlace(country: $0, region: region) }
    }
}

/// Where a draft is in the outbox. The store moves drafts along these edges;
/// only `approved` may become `sending`, and only through the gate.
public enum DraftState: String, Codable, CaseIterable, Sendable {
    case drafted
    case approved
    case sending
    case sent
    /// Refused before the final dot with a temporary failure: may be retried.
    case notSentRetryable = "not-sent-retryable"
    /// Refused before the final dot for good.
    case notSentPermanent = "not-sent-permanent"
    /// Something failed after the final dot: maybe delivered. Never retried
    /// automatically; counts toward the cap and the gap until the user decides.
    case unknown
    case discarded
    /// Withdrawn by the policy (a reply arrived, a step was superseded).
    case cancelled

    /// States in which the message may have reached the employer.
    public var mayHaveBeenDelivered: Bool {
        self == .sending || self == .sent || self == .unknown
    }

    /// States a draft can still leave for `sent`.
    public var isPending: Bool {
        self == .drafted || self == .approved || self == .notSentRetryable
    }
}

/// A rendered message waiting for approval, or its record once sent.
public struct Draft: Hashable, Codable, Sendable {
    public var id: DraftID
    public var applicationID: ApplicationID
    /// The event whose round this message belongs to.
    public var round: EventID
    public var kind: MessageKind
    public var recipientName: String
    public var recipientEmail: String
    public var subject: String
    public var body: String
    /// The first send-window moment at which the policy lets it go.
    public var due: Date
    /// Fixed once per draft, so a retry or a crash never makes a second identity.
    public var messageID: String
    /// Threading onto the earlier message of the same thread.
    public var inReplyTo: String?
    public var references: [String]
    public var state: DraftState
    public var createdAt: Date
    /// Set by approval; cleared by any edit (POLICY invariant 6).
    public var approvedAt: Date?
    /// When it was handed to SMTP (`sending`, `sent`, `unknown`).
    public var sentAt: Date?

    public init(id: DraftID, applicationID: ApplicationID, round: EventID, kind: MessageKind,
                recipientName: String, recipientEmail: String, subject: String, body: String,
                due: Date, messageID: String, inReplyTo: String? = nil, references: [String] = [],
                state: DraftState = .drafted, createdAt: Date, approvedAt: Date? = nil, sentAt: Date? = nil) {
        self.id = id
        self.applicationID = applicationID
        self.round = round
        self.kind = kind
        self.recipientName = recipientName
        self.recipientEmail = recipientEmail
        self.subject = subject
        self.body = body
        self.due = due
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.state = state
        self.createdAt = createdAt
        self.approvedAt = approvedAt
        self.sentAt = sentAt
    }

    public var isApproved: Bool { approvedAt != nil }
}

public enum ReplySource: String, Codable, Sendable {
    case mail, phone
}

/// A reply attributed to an application, as recorded.
public struct RecordedReply: Hashable, Codable, Sendable {
    public var id: ReplyID
    public var applicationID: ApplicationID
    public var receivedAt: Date
    public var replyClass: ReplyClass
    /// need-more-time: the date they named; auto-reply: the return date.
    public var until: LocalDate?
    /// bounce: the address that could not be delivered to.
    public var failedRecipient: String?
    public var source: ReplySource
    public var messageID: String?
    /// For mail without a Message-ID: a digest of its header fields, the same
    /// in every folder it is seen in.
    public var headerDigest: String?
    public var from: String?
    public var subject: String?
    /// A job platform's notice: where the message itself is to be read.
    public var readOn: String?

    public init(id: ReplyID, applicationID: ApplicationID, receivedAt: Date, replyClass: ReplyClass,
                until: LocalDate? = nil, failedRecipient: String? = nil, source: ReplySource = .mail,
                messageID: String? = nil, headerDigest: String? = nil, from: String? = nil, subject: String? = nil,
                readOn: String? = nil) {
        self.id = id
        self.applicationID = applicationID
        self.receivedAt = receivedAt
        self.replyClass = replyClass
        self.until = until
        self.failedRecipient = failedRecipient
        self.source = source
        self.messageID = messageID
        self.headerDigest = headerDigest
        self.from = from
        self.subject = subject
        self.readOn = readOn
    }
}

/// Everything the policy knows about one application.
public struct ApplicationHistory: Hashable, Codable, Sendable {
    public var application: Application
    /// Every draft ever made for it, in any state (sent ones are the sent history).
    public var drafts: [Draft]
    public var replies: [RecordedReply]

    public init(application: Application, drafts: [Draft] = [], replies: [RecordedReply] = []) {
        self.application = application
        self.drafts = drafts
        self.replies = replies
    }
}
