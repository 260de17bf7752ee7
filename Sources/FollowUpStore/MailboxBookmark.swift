import Foundation
import GRDB
import FollowUpCore

/// How far the daemon has read a mailbox. A changed UIDVALIDITY means the
/// UIDs were renumbered: start over.
public struct MailboxBookmark: Hashable, Sendable {
    public var mailbox: String
    public var uidValidity: UInt32
    /// The highest UID already looked at.
    public var highestUID: UInt32
    /// For the Sent folder: UIDNEXT before our last APPEND, where to look for it.
    public var uidNext: UInt32?
    /// For the inbox: the newest event revision (`Event.revision`) whose
    /// replies the inbox has been read for. An event recorded or moved since
    /// may have had its reply read before, and skipped.
    public var eventsSeen: Int64

    public init(mailbox: String, uidValidity: UInt32, highestUID: UInt32, uidNext: UInt32? = nil, eventsSeen: Int64 = 0) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.highestUID = highestUID
        self.uidNext = uidNext
        self.eventsSeen = eventsSeen
    }
}

extension Store {
    public func bookmark(mailbox: String) throws -> MailboxBookmark? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM mailbox_cursors WHERE mailbox = ?", arguments: [mailbox]).map {
                MailboxBookmark(mailbox: $0["mailbox"], uidValidity: UInt32($0["uid_validity"] as Int64),
                              highestUID: UInt32($0["highest_uid"] as Int64),
                              uidNext: ($0["uid_next"] as Int64?).map { UInt32($0) }, eventsSeen: $0["events_seen"])
            }
        }
    }

    /// Stores the bookmark, replacing the mailbox's previous one.
    public func setBookmark(_ bookmark: MailboxBookmark) throws {
        try writeTransaction { db in
            try db.execute(sql: """
                INSERT INTO mailbox_cursors (mailbox, uid_validity, highest_uid, uid_next, events_seen) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(mailbox) DO UPDATE SET uid_validity = excluded.uid_validity,
                    highest_uid = excluded.highest_uid, uid_next = excluded.uid_next, events_seen = excluded.events_seen
                """, arguments: [bookmark.mailbox, Int64(bookmark.uidValidity), Int64(bookmark.highestUID),
                                 bookmark.uidNext.map { Int64($0) }, bookmark.eventsSeen])
        }
    }
}
