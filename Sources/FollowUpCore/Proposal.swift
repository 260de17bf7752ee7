import Foundation

public typealias ProposalID = Int64

/// An invitation from someone no application knows that looks like an
/// interview: never an application by itself, only a proposal the user
/// accepts (`fuctl accept`) or rejects. Kept until its interview is a week past.
public struct Proposal: Hashable, Codable, Sendable {
    public var id: ProposalID
    /// The invitation's UID and SEQUENCE: a later update replaces the proposal, a cancellation withdraws it.
    public var uid: String
    public var sequence: Int
    public var summary: String
    public var start: Date
    public var end: Date
    /// The zone the invitation is written in (an IANA name, a Windows one mapped), when it names one.
    public var timeZone: String?
    public var location: String?
    /// Who to write to: the organizer, or the interviewer when a booking mailbox organised it.
    public var contactName: String?
    public var contactEmail: String
    /// Guesses, from the contact's domain or the summary; the user confirms or overrides them.
    public var company: String?
    public var role: String?
    /// Why it looks like an interview: "the summary says “phone screen”", "sent by GoodTime".
    public var evidence: String
    public var receivedAt: Date

    public init(id: ProposalID = 0, uid: String, sequence: Int, summary: String, start: Date, end: Date, timeZone: String?,
                location: String?, contactName: String?, contactEmail: String, company: String?, role: String?,
                evidence: String, receivedAt: Date) {
        self.id = id
        self.uid = uid
        self.sequence = sequence
        self.summary = summary
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.location = location
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.company = company
        self.role = role
        self.evidence = evidence
        self.receivedAt = receivedAt
    }

    /// How long after its interview a proposal is kept (the week).
    public static let keptAfterEnd: TimeInterval = 7 * 86_400
}
