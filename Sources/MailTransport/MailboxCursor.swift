import Foundation

/// How far an incremental check has read a mailbox. Persist it between checks.
public struct MailboxCursor: Codable, Hashable, Sendable {
    public var mailbox: String
    /// nil before the first check: the first check scans by date.
    public var uidValidity: UInt32?
    /// The highest UID already reported.
    public var highestUID: UInt32

    public init(mailbox: String = "INBOX", uidValidity: UInt32? = nil, highestUID: UInt32 = 0) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.highestUID = highestUID
    }
}

/// A new message as a check saw it: its UID, arrival time and the header
/// fields the check was asked for.
public struct MessageSummary: Hashable, Sendable {
    public var uid: UInt32
    public var internalDate: Date?
    /// The raw header fields, as the server sent them (CRLF line ends).
    public var header: [UInt8]
    /// False when a field was longer than a check keeps, or a piece of it
    /// could not be fetched: the fields are there, cut short.
    public var complete: Bool
    /// The whole message's size, as the server says (`RFC822.SIZE`).
    public var size: Int?

    public init(uid: UInt32, internalDate: Date?, header: [UInt8], complete: Bool = true, size: Int? = nil) {
        self.uid = uid
        self.internalDate = internalDate
        self.header = header
        self.complete = complete
        self.size = size
    }
}

/// What a check found and the cursor to store once the caller has recorded it.
public struct CheckResult: Hashable, Sendable {
    /// Why a check read by date instead of from the cursor.
    public enum Rescan: String, Hashable, Sendable {
        /// The cursor had never been used.
        case firstCheck = "first check"
        /// The mailbox was recreated or renumbered (RFC 3501 UIDVALIDITY).
        case uidValidityChanged = "UIDVALIDITY changed"
        /// The stored place lies at or past the server's UIDNEXT: it was
        /// never a place the server gave, so it cannot say what is new.
        case bookmarkBeyondUIDNext = "bookmark beyond UIDNEXT"
    }

    public var cursor: MailboxCursor
    public var messages: [MessageSummary]
    /// Set when the mailbox was scanned by date: messages reported before
    /// may come again; dedupe by Message-ID.
    public var rescan: Rescan?
    public var rescanned: Bool { rescan != nil }

    public init(cursor: MailboxCursor, messages: [MessageSummary], rescan: Rescan?) {
        self.cursor = cursor
        self.messages = messages
        self.rescan = rescan
    }
}

/// The Sent folder's position before an APPEND, to find the copy afterwards
/// when the APPEND's outcome was not seen.
public struct AppendMark: Codable, Hashable, Sendable {
    public var mailbox: String
    public var uidValidity: UInt32
    public var uidNext: UInt32

    public init(mailbox: String, uidValidity: UInt32, uidNext: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uidNext = uidNext
    }
}

/// How much of a message a partial fetch returns.
public enum MessagePart: String, Sendable {
    /// The body after the header (`BODY.PEEK[TEXT]`).
    case text = "TEXT"
    /// Header and body (`BODY.PEEK[]`).
    case whole = ""
}
