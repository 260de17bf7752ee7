import FollowUpCore
import FollowUpReplies
import MailMessage

/// The first stage's answer for one message, from its headers.
public struct Screening: Hashable, Sendable {
    public enum Decision: Hashable, Sendable {
        /// Not a reply to any application, whatever its text says.
        case ignore(IgnoreReason)
        /// A candidate: fetch the text and `InboxReader.read` it.
        case fetchText
    }

    public var decision: Decision
    /// What the headers said, the body empty.
    public var message: IncomingMessage
    /// What the parser worked around in the headers.
    public var defects: [Defect]

    public init(decision: Decision, message: IncomingMessage, defects: [Defect]) {
        self.decision = decision
        self.message = message
        self.defects = defects
    }

    /// Whether it answers a notice followupd mailed (In-Reply-To or References
    /// names an answerable notice's Message-ID).
    public var namesANotice: Bool {
        (message.inReplyTo + message.references).contains { MessageIDs.normalize($0).hasPrefix(AnswerRules.messageIDPrefix) }
    }

    /// For the daemon's log line when the message is skipped: why, without content.
    public var skipReason: String? {
        guard case .ignore(let reason) = decision else { return nil }
        return SkipReason.describe(reason, message: message, defects: defects)
    }
}

/// The second stage's answer: the verdict on the whole (possibly truncated) message.
public struct MessageReading: Hashable, Sendable {
    public var verdict: ReplyVerdict
    /// The facts the verdict was read from; a reply is recorded with
    /// `ReplyAttribution.recordedReply(id:for:)` on this message.
    public var message: IncomingMessage
    /// What the parser worked around (a truncated text, a missing boundary).
    public var defects: [Defect]

    public init(verdict: ReplyVerdict, message: IncomingMessage, defects: [Defect]) {
        self.verdict = verdict
        self.message = message
        self.defects = defects
    }

    /// For the daemon's log line when the message is skipped: why, without content.
    public var skipReason: String? {
        guard case .ignored(let reason) = verdict else { return nil }
        return SkipReason.describe(reason, message: message, defects: defects)
    }
}

/// "no application matches (no From; defects: unparsableDate)": the reason,
/// then the missing facts and parser defects that may explain it. Names no
/// address and quotes no text.
enum SkipReason {
    static func describe(_ reason: IgnoreReason, message: IncomingMessage, defects: [Defect]) -> String {
        var notes: [String] = []
        if message.from == nil { notes.append("no From") }
        if !defects.isEmpty { notes.append("defects: " + defects.map(\.description).joined(separator: ", ")) }
        return notes.isEmpty ? phrase(reason) : "\(phrase(reason)) (\(notes.joined(separator: "; ")))"
    }

    private static func phrase(_ reason: IgnoreReason) -> String {
        switch reason {
        case .ownMessage: return "own message"
        case .noApplicationMatches: return "no application matches"
        case .arrivedBeforeEventStart(let id): return "arrived before the current event of application \(id)"
        case .deliveryNoticeWithoutFailure: return "delivery notice without failure"
        case .readReceipt: return "read receipt"
        case .bulkMail(let id, let what): return "not a reply to application \(id): \(what)"
        case .calendarUpdate(let id): return "the invitation of an interview of application \(id), or its update"
        }
    }
}
