import Foundation
import GRDB
import FollowUpCore

/// Where a reply was found in the mailbox, kept with it as a raw fact.
public struct MailboxPosition: Hashable, Sendable {
    public var mailbox: String
    public var uid: UInt32

    public init(mailbox: String, uid: UInt32) {
        self.mailbox = mailbox
        self.uid = uid
    }
}

extension Store {
    /// Records a reply; its id is assigned. Idempotent on the Message-ID: a
    /// reply whose Message-ID is already recorded is not stored again, and the
    /// stored one is returned with `inserted == false`.
    @discardableResult
    public func recordReply(_ reply: RecordedReply, at position: MailboxPosition? = nil) throws
        -> (reply: RecordedReply, inserted: Bool) {
        try db.write { db in
            if let mid = reply.messageID,
               let row = try Row.fetchOne(db, sql: "SELECT * FROM replies WHERE message_id = ?", arguments: [mid]) {
                return (try RecordedReply(row: row), false)
            }
            try db.execute(sql: """
                INSERT INTO replies (application_id, received_at, class, until, failed_recipient, source,
                    message_id, from_address, subject, mailbox, uid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [reply.applicationID, reply.receivedAt.stored, reply.replyClass.rawValue,
                                 reply.until?.description, reply.failedRecipient, reply.source.rawValue,
                                 reply.messageID, reply.from, reply.subject, position?.mailbox,
                                 position.map { Int64($0.uid) }])
            var stored = reply
            stored.id = db.lastInsertedRowID
            return (stored, true)
        }
    }
}
