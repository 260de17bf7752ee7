import Foundation
import GRDB
import FollowUpCore

/// One send attempt with the draft it belongs to, for `fuctl log`.
public struct SendLogEntry: Hashable, Sendable {
    public var draft: Draft
    public var attempt: SendAttempt
}

extension Store {
    /// Every hand-over to SMTP across all drafts, oldest first.
    public func sendLog() throws -> [SendLogEntry] {
        try db.read { db in
            let drafts = try Row.fetchAll(db, sql: "SELECT * FROM drafts WHERE id IN (SELECT draft_id FROM send_attempts)")
                .map(Draft.init(row:))
            let byID = Dictionary(uniqueKeysWithValues: drafts.map { ($0.id, $0) })
            return try Row.fetchAll(db, sql: "SELECT * FROM send_attempts ORDER BY at, id").compactMap { row in
                byID[row["draft_id"]].map {
                    SendLogEntry(draft: $0, attempt: SendAttempt(at: row.date("at"), outcome: Self.attemptOutcome(row["outcome"]),
                                                                 messageID: row["message_id"], error: row["error"]))
                }
            }
        }
    }
}
