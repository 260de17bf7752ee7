import Foundation
import MailTransport

/// The mail servers as one tick sees them. `LiveMailSession` talks to the
/// real ones through libcurl; unit tests of the tick use a small fake.
/// A session lives for one tick, so its connections are reused within it.
public protocol MailSession: AnyObject {
    /// Every mailbox on the server, with its attributes.
    func listMailboxes() throws -> [ListedMailbox]
    /// The messages that arrived in `cursor.mailbox` since `cursor`;
    /// `rescanSince` is asked only when the mailbox must be read by date.
    func checkMailbox(_ cursor: MailboxCursor, rescanSince: () throws -> Date) throws -> CheckResult
    /// The first `maxBytes` of each chosen message of `mailbox` (never marks them read).
    func fetchMessages(uids: [UInt32], in mailbox: String, maxBytes: Int) throws -> [UInt32: [UInt8]]
    /// Where the next message filed in the Sent folder will land.
    func sentMark() throws -> AppendMark
    /// Submits `message`; `beforeFinalDot` journals that the final dot is
    /// about to go (false: abandon the send, not sent).
    func send(_ message: [UInt8], from sender: String, to recipients: [String],
              beforeFinalDot: @escaping () -> Bool) -> SMTPOutcome
    func appendToSent(_ message: [UInt8]) throws
    /// Whether the Sent folder holds a message with this Message-ID, looking from `mark` on.
    func sentFolderContains(messageID: String, from mark: AppendMark?) throws -> Bool
}
