import Foundation
import GRDB
import FollowUpCore

/// A notice as the store keeps it, with how far each channel has taken it.
public struct StoredNotice: Hashable, Sendable {
    public var id: Int64
    public var notice: Notice
    public var createdAt: Date
    /// nil: the channel was off; "pending"; "done"; "skipped" (past at the first tick with notices).
    public var commandState: String?
    public var mailState: String?
    public var mailedAt: Date?
}

/// What notices have seen so far (in `daemon_status`).
public struct NoticeMarks: Hashable, Sendable {
    /// When notices began; nil before the first tick with `[notify]`.
    public var since: Date?
    public var replyMark: ReplyID
    public var lastGoodCheck: Date?
}

extension Store {
    public func noticeMarks() throws -> NoticeMarks {
        try db.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT notices_since, notice_reply_mark, last_good_check_at FROM daemon_status WHERE id = 1")
            return NoticeMarks(since: row?.optionalDate("notices_since"), replyMark: row?["notice_reply_mark"] ?? 0,
                               lastGoodCheck: row?.optionalDate("last_good_check_at"))
        }
    }

    /// Called by every successful inbox check.
    public func recordGoodCheck(at date: Date) throws {
        try writeTransaction { try $0.execute(sql: "UPDATE daemon_status SET last_good_check_at = ? WHERE id = 1", arguments: [date.stored]) }
    }

    /// The first tick with notices: from here on, replies above `replyMark` are news.
    public func beginNotices(at date: Date, replyMark: ReplyID) throws {
        try writeTransaction {
            try $0.execute(sql: "UPDATE daemon_status SET notices_since = ?, notice_reply_mark = ? WHERE id = 1 AND notices_since IS NULL",
                           arguments: [date.stored, replyMark])
        }
    }

    /// Stores the notices whose keys are new, each pending on the channels
    /// that are on (or `skipped`, for what was past before notices began),
    /// moves the reply mark, and returns what was stored. One transaction:
    /// a notice is stored once or not at all.
    public func recordNotices(_ notices: [Notice], command: Bool, mail: Bool, skipped: Set<String> = [],
                              replyMark: ReplyID, now: Date) throws -> [StoredNotice] {
        try writeTransaction { db in
            var stored: [StoredNotice] = []
            for notice in notices {
                let skip = skipped.contains(notice.key)
                let commandState = command ? (skip ? "skipped" : "pending") : nil
                let mailState = mail ? (skip ? "skipped" : "pending") : nil
                let json = String(decoding: try JSONEncoder().encode(notice), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO notices (key, kind, application_id, draft_id, created_at, notice, command_state, mail_state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING
                    """, arguments: [notice.key, notice.kind.rawValue, notice.applicationID, notice.draftID, now.stored, json,
                                     commandState, mailState])
                if db.changesCount > 0 {
                    stored.append(StoredNotice(id: db.lastInsertedRowID, notice: notice, createdAt: now,
                                               commandState: commandState, mailState: mailState))
                }
            }
            try db.execute(sql: "UPDATE daemon_status SET notice_reply_mark = MAX(notice_reply_mark, ?) WHERE id = 1",
                           arguments: [replyMark])
            return stored
        }
    }

    /// The keys among `keys` that no notice has yet.
    public func noticeKeysUnknown(_ keys: [String]) throws -> Set<String> {
        try db.read { db in
            Set(try keys.filter { try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM notices WHERE key = ?)", arguments: [$0]) ?? false) })
        }
    }

    public func notices(commandState: String? = nil, mailState: String? = nil) throws -> [StoredNotice] {
        try db.read { db in
            var sql = "SELECT * FROM notices"
            var arguments: [DatabaseValueConvertible] = []
            if let commandState { sql += " WHERE command_state = ?"; arguments.append(commandState) }
            if let mailState { sql += (arguments.isEmpty ? " WHERE" : " AND") + " mail_state = ?"; arguments.append(mailState) }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: StatementArguments(arguments)).map(Self.storedNotice)
        }
    }

    /// The notices about one application, oldest first.
    public func notices(application: ApplicationID) throws -> [StoredNotice] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notices WHERE application_id = ? ORDER BY id", arguments: [application])
                .map(Self.storedNotice)
        }
    }

    /// The channel has taken these notices (`command` or `mail`).
    public func markNotices(_ ids: [Int64], channel: String, now: Date, messageID: String? = nil) throws {
        precondition(channel == "command" || channel == "mail")
        try writeTransaction { db in
            for id in ids {
                if channel == "command" {
                    try db.execute(sql: "UPDATE notices SET command_state = 'done' WHERE id = ?", arguments: [id])
                } else {
                    try db.execute(sql: "UPDATE notices SET mail_state = 'done', mailed_at = ?, mail_message_id = ? WHERE id = ?",
                                   arguments: [now.stored, messageID, id])
                }
            }
        }
    }

    /// A notice mail the server refused at its end: the notices wait for the next one.
    public func reopenMail(_ ids: [Int64]) throws {
        try writeTransaction { db in
            for id in ids {
                try db.execute(sql: "UPDATE notices SET mail_state = 'pending', mailed_at = NULL, mail_message_id = NULL WHERE id = ?",
                               arguments: [id])
            }
        }
    }

    /// The notice mail an answer names (the first of `ids` that is one), with
    /// the drafts it showed and whether an answer to it was acted on before.
    public func answeredNotice(namedBy ids: [String]) throws -> AnswerRules.AnsweredNotice? {
        try db.read { db in
            for id in ids {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM notices WHERE mail_message_id = ? ORDER BY id", arguments: [id])
                guard !rows.isEmpty else { continue }
                let notices = try rows.map(Self.storedNotice).map(\.notice)
                let drafts = notices.compactMap { n in
                    n.draftID.map { (id: $0, revision: n.draftRevision ?? "") }
                }
                let answered = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM notice_answers WHERE notice_message_id = ? AND acted = 1)",
                                                 arguments: [id]) ?? false
                return AnswerRules.AnsweredNotice(messageID: id, drafts: drafts, answeredBefore: answered)
            }
            return nil
        }
    }

    /// Whether the answer with this id (its Message-ID, or header digest) was taken already.
    public func answerTaken(_ answerID: String) throws -> Bool {
        try db.read { try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM notice_answers WHERE answer_id = ?)", arguments: [answerID]) ?? false }
    }

    /// Records an answer and what came of it, once.
    public func recordAnswer(_ answerID: String, noticeMessageID: String, draftID: DraftID?, verb: AnswerVerb?, acted: Bool,
                             outcome: String, now: Date) throws {
        try writeTransaction { db in
            try db.execute(sql: """
                INSERT INTO notice_answers (answer_id, notice_message_id, draft_id, verb, acted, outcome, answered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(answer_id) DO NOTHING
                """, arguments: [answerID, noticeMessageID, draftID, verb?.rawValue, acted, outcome, now.stored])
        }
    }

    /// When the last notice mail went.
    public func lastNoticeMail() throws -> Date? {
        try db.read { db in
            try Double.fetchOne(db, sql: "SELECT MAX(mailed_at) FROM notices").map(Date.init(stored:))
        }
    }

    private static func storedNotice(_ row: Row) throws -> StoredNotice {
        let notice = try JSONDecoder().decode(Notice.self, from: Data((row["notice"] as String).utf8))
        return StoredNotice(id: row["id"], notice: notice, createdAt: row.date("created_at"), commandState: row["command_state"],
                            mailState: row["mail_state"], mailedAt: row.optionalDate("mailed_at"))
    }
}
