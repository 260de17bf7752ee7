import Foundation
import FollowUpReplies
import MailMessage
import FollowUpConfig

/// Reads the inbox in two stages so the daemon downloads the text only of
/// messages that may be replies: first the header fields in `headerFields`
/// (with the server's INTERNALDATE) for every new message, then the first
/// `textFetchBytes` bytes of the whole message for the candidates. Pure: the
/// bytes and the dates are the only input; a malformed message never throws.
public enum InboxReader {
    /// Every header field the adapter reads, for `BODY.PEEK[HEADER.FIELDS (...)]`.
    public static let headerFields: [String] = [
        "From", "To", "Cc", "Return-Path", "Subject", "Date", "Message-ID",
        "In-Reply-To", "References", "Auto-Submitted", "X-Autoreply", "X-Auto-Response-Suppress",
        "Precedence", "Content-Type", "Content-Class", "X-Failed-Recipients", "Reply-To",
    ] + bulkHeaderFields

    /// What bulk senders add and people's mail programs do not: RFC 2369 and
    /// RFC 2919 list headers, RFC 8058 one-click unsubscribe, the Certified
    /// Senders Alliance's complaint address and campaign ids. Not the sending
    /// services' message ids (Feedback-ID, X-SG-EID): a recruiter's words sent
    /// through an ATS carry them too.
    public static let bulkHeaderFields: [String] = [
        "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Post", "X-CSA-Complaints", "X-Campaign", "X-CampaignID",
    ]

    /// How much of a candidate message is fetched: enough for the text a
    /// person writes and a delivery report, bounded for the IMAP response size.
    public static let textFetchBytes = 65_536
    /// How much of a message whose calendar invitation the first fetch cut is
    /// fetched again: as much as the calendar reader reads (Outlook's, with
    /// its HTML and X-ALT-DESC, often passes 64 KiB).
    public static let invitationFetchBytes = 512 * 1024

    /// First stage: decides from the headers alone whether the message's text
    /// is needed. The text is fetched for a message that matches an
    /// application, and for one whose text may still tie it to one (a possible
    /// delivery report, a message from an applicant-tracking system).
    public static func screen(headerBytes: some Collection<UInt8>, internalDate: Date,
                              context: ReplyContext) -> Screening {
        let parsed = ParsedMessage(headerBytes)
        let message = IncomingMessage(parsed, internalDate: internalDate)
        let decision: Screening.Decision
        switch context.verdict(for: message) {
        case .attributed, .ignored(.deliveryNoticeWithoutFailure), .ignored(.bulkMail):
            // A notice's per-recipient lines in the text may still report a failure;
            // bulk headers decide nothing until the text shows who wrote what.
            decision = .fetchText
        case .ignored(.ownMessage):
            decision = .ignore(.ownMessage)
        case .ignored(.readReceipt):
            // A mail system's "read receipt" may be a rejection in that format (a full mailbox).
            decision = message.comesFromAMailSystem ? .fetchText : .ignore(.readReceipt)
        case .ignored(let reason):
            decision = context.textMayTieItToAnApplication(message) ? .fetchText : .ignore(reason)
        }
        return Screening(decision: decision, message: message, defects: parsed.defects)
    }

    /// Second stage: the verdict on the whole message, or its first
    /// `textFetchBytes` bytes.
    public static func read(fullBytes: some Collection<UInt8>, internalDate: Date,
                            context: ReplyContext) -> MessageReading {
        let parsed = ParsedMessage(fullBytes)
        let message = IncomingMessage(parsed, internalDate: internalDate)
        return MessageReading(verdict: context.verdict(for: message), message: message, defects: parsed.defects)
    }
}

extension RelaySystems {
    /// The known systems with those the user's `[replies]` adds.
    public init(_ replies: ReplySettings) {
        self.init(tracking: replies.trackingSystems, scheduling: replies.schedulingTools, platforms: replies.jobPlatforms)
    }
}
