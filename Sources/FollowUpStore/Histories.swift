import GRDB
import FollowUpCore

extension Store {
    /// Everything the policy needs, for every application, in id order.
    public func histories() throws -> [ApplicationHistory] {
        try db.read { db in
            try ApplicationID.fetchAll(db, sql: "SELECT id FROM applications ORDER BY id").map { try Self.history($0, db) }
        }
    }

    /// One application's history, or nil when there is no such application.
    public func history(for applicationID: ApplicationID) throws -> ApplicationHistory? {
        try db.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM applications WHERE id = ?", arguments: [applicationID]) != nil
            else { return nil }
            return try Self.history(applicationID, db)
        }
    }

    static func history(_ id: ApplicationID, _ db: Database) throws -> ApplicationHistory {
        ApplicationHistory(
            application: try application(id, db),
            drafts: try Row.fetchAll(db, sql: "SELECT * FROM drafts WHERE application_id = ? ORDER BY id", arguments: [id])
                .map(Draft.init(row:)),
            replies: try Row.fetchAll(db, sql: "SELECT * FROM replies WHERE application_id = ? ORDER BY received_at, id", arguments: [id])
                .map(RecordedReply.init(row:)))
    }
}
