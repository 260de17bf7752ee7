import Foundation
import GRDB
import FollowUpCore

/// Where a reply was found in the mailbox, kept with it as a raw fact.
public struct MailboxPosition: Hashable, Sendable {
    public var mailbox: String
    public var uid: UInt32
    /// How the message was tied to its application, in words.
    public var matched: String?

    public init(mailbox: String, uid: UInt32, matched: String? = nil) {
        self.mailbox = mailbox
        self.uid = uid
        self.matched = matched
    }
}

extension Store {
    /// Records a reply; its id is assigned. Idempotent per application: a
    /// reply whose Message-ID is already recorded for the application (or, a
    /// mail without one, whose header digest is) is not stored again, from
    /// whichever folder it comes, and the stored one is returned with `inserted == false`. One
    /// message may be recorded for several applications it belongs to.
    @discardableResult
    public func recordReply(_ reply: RecordedReply, at position: MailboxPosition? = nil) throws
        -> (reply: RecordedReply, inserted: Bool) {
        try recordReplies([(reply, position)])[0]
    }

    /// `recordReply` for each, in one transaction: the replies one inbox
    /// check finds in a folder cost one commit, not one each.
    public func recordReplies(_ replies: [(reply: RecordedReply, position: MailboxPosition?)]) throws
        -> [(reply: RecordedReply, inserted: Bool)] {
        guard !replies.isEmpty else { return [] }
        return try writeTransaction { db in try replies.map { try Self.record($0.reply, at: $0.position, db) } }
    }

    private static func record(_ reply: RecordedReply, at position: MailboxPosition?, _ db: Database) throws
        -> (reply: RecordedReply, inserted: Bool) {
        if let row = try Self.recorded(reply, db) { return (try RecordedReply(row: row), false) }
        try db.execute(sql: """
            INSERT INTO replies (application_id, received_at, class, until, failed_recipient, source,
                message_id, header_digest, from_address, subject, mailbox, uid, matched, read_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [reply.applicationID, reply.receivedAt.stored, reply.replyClass.rawValue,
                             reply.until?.description, reply.failedRecipient, reply.source.rawValue,
                             reply.messageID, reply.headerDigest, reply.from, reply.subject, position?.mailbox,
                             position.map { Int64($0.uid) }, position?.matched, reply.readOn])
        var stored = reply
        stored.id = db.lastInsertedRowID
        return (stored, true)
    }

    /// One recorded reply, or nil when there is no such reply.
    public func reply(id: ReplyID) throws -> RecordedReply? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM replies WHERE id = ?", arguments: [id]).map(RecordedReply.init(row:))
        }
    }

    /// The same message, already recorded for the same application. A mail
    /// read again (a rescan by date) has the same arrival time on the server.
    private static func recorded(_ reply: RecordedReply, _ db: Database) throws -> Row? {
        if let mid = reply.messageID {
            return try Row.fetchOne(db, sql: "SELECT * FROM replies WHERE message_id = ? AND application_id = ?",
                                    arguments: [mid, reply.applicationID])
        }
        guard reply.source == .mail else { return nil }
        if let digest = reply.headerDigest,
           let row = try Row.fetchOne(db, sql: "SELECT * FROM replies WHERE header_digest = ? AND application_id = ?",
                                      arguments: [digest, reply.applicationID]) {
            return row
        }
        // Recorded before digests were kept (or without one): arrival, sender and subject.
        return try Row.fetchOne(db, sql: """
            SELECT * FROM replies WHERE message_id IS NULL AND header_digest IS NULL AND source = 'mail' AND application_id = ?
            AND received_at = ? AND from_address IS ? AND subject IS ?
            """, arguments: [reply.applicationID, reply.receivedAt.stored, reply.from, reply.subject])
    }
}

extension Store {
    /// Where each reply of the application was found and how it was matched.
    public func replyOrigins(application: ApplicationID) throws -> [ReplyID: MailboxPosition] {
        try db.read { db in
            var origins: [ReplyID: MailboxPosition] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, mailbox, uid, matched FROM replies WHERE application_id = ? AND mailbox IS NOT NULL",
                                        arguments: [application]) {
                origins[row["id"]] = MailboxPosition(mailbox: row["mailbox"], uid: UInt32(row["uid"] as Int64? ?? 0), matched: row["matched"])
            }
            return origins
        }
    }
}

/// A correction the user made to a reply's class (`fuctl relabel`).
public struct ReplyLabel: Hashable, Sendable {
    public var replyID: ReplyID
    public var from: ReplyClass
    public var to: ReplyClass
    public var until: LocalDate?
    public var at: Date
}

extension Store {
    /// Gives reply `id` the class it should have had, with its date, as if it
    /// had been read so: a bounce relabelled frees the address it marked
    /// (unless another bounce still marks it). Recorded for the audit.
    /// - Returns: the reply as it was, and as it is now.
    public func relabelReply(_ id: ReplyID, as replyClass: ReplyClass, until: LocalDate?, at now: Date) throws
        -> (before: RecordedReply, after: RecordedReply) {
        try writeTransaction { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM replies WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("reply", id)
            }
            let before = try RecordedReply(row: row)
            var after = before
            after.replyClass = replyClass
            after.until = until
            after.failedRecipient = replyClass.marksUndeliverable ? before.failedRecipient : nil
            try db.execute(sql: "UPDATE replies SET class = ?, until = ?, failed_recipient = ? WHERE id = ?",
                           arguments: [replyClass.rawValue, until?.description, after.failedRecipient, id])
            // A bounce that named no address marked the primary contact (RoundFacts.bouncedAddresses).
            let primary = try String.fetchOne(db, sql: "SELECT email FROM contacts WHERE application_id = ? ORDER BY position LIMIT 1",
                                              arguments: [before.applicationID])
            if let freed = before.failedRecipient ?? primary, before.replyClass.marksUndeliverable, !replyClass.marksUndeliverable {
                let stillBounced = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM replies r WHERE r.class = ? AND (r.failed_recipient = ? COLLATE NOCASE
                        OR (r.failed_recipient IS NULL AND (SELECT email FROM contacts c WHERE c.application_id = r.application_id
                                                            ORDER BY position LIMIT 1) = ? COLLATE NOCASE))
                    """, arguments: [ReplyClass.bounce.rawValue, freed, freed]) ?? 0
                if stillBounced == 0 {
                    try db.execute(sql: "UPDATE contacts SET undeliverable = 0 WHERE email = ? COLLATE NOCASE", arguments: [freed])
                }
            }
            try db.execute(sql: """
                INSERT INTO reply_labels (reply_id, from_class, to_class, until, relabeled_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [id, before.replyClass.rawValue, replyClass.rawValue, until?.description, now.stored])
            return (before, after)
        }
    }

    /// The user's corrections of the application's replies, oldest first.
    public func replyLabels(application: ApplicationID) throws -> [ReplyLabel] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.* FROM reply_labels l JOIN replies r ON r.id = l.reply_id
                WHERE r.application_id = ? ORDER BY l.id
                """, arguments: [application]).map { row in
                ReplyLabel(replyID: row["reply_id"], from: try row.value("from_class"), to: try row.value("to_class"),
                           until: (row["until"] as String?).flatMap(LocalDate.init(iso:)), at: row.date("relabeled_at"))
            }
        }
    }
}
