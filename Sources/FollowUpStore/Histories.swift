import GRDB
import FollowUpCore

extension Store {
    /// Everything the policy needs, for every application, in id order.
    /// One query per table, whatever the number of applications.
    public func histories() throws -> [ApplicationHistory] {
        try db.read { db in
            var drafts: [ApplicationID: [Draft]] = [:], replies: [ApplicationID: [RecordedReply]] = [:]
            let draftRows = try Row.fetchCursor(db, sql: "SELECT * FROM drafts ORDER BY id")
            while let row = try draftRows.next() { drafts[row["application_id"], default: []].append(try Draft(row: row)) }
            let replyRows = try Row.fetchCursor(db, sql: "SELECT * FROM replies ORDER BY received_at, id")
            while let row = try replyRows.next() { replies[row["application_id"], default: []].append(try RecordedReply(row: row)) }
            return try Self.applications(db).map {
                ApplicationHistory(application: $0, drafts: drafts[$0.id] ?? [], replies: replies[$0.id] ?? [])
            }
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
