import GRDB
import FollowUpCore

extension Store {
    /// Everything the policy needs, for every application, in id order.
    /// One query per table, whatever the number of applications.
    public func histories() throws -> [ApplicationHistory] {
        try db.read { db in try Self.histories(db, .all) }
    }

    static func histories(_ db: Database, _ selection: ApplicationSelection) throws -> [ApplicationHistory] {
        var drafts: [ApplicationID: [Draft]] = [:], replies: [ApplicationID: [RecordedReply]] = [:]
        let filter = selection.filter("application_id")
        let draftRows = try Row.fetchCursor(db, sql: "SELECT * FROM drafts \(filter) ORDER BY id", arguments: selection.arguments)
        while let row = try draftRows.next() { drafts[row["application_id"], default: []].append(try Draft(row: row)) }
        let replyRows = try Row.fetchCursor(db, sql: "SELECT * FROM replies \(filter) ORDER BY received_at, id",
                                            arguments: selection.arguments)
        while let row = try replyRows.next() { replies[row["application_id"], default: []].append(try RecordedReply(row: row)) }
        return try applications(db, selection).map {
            ApplicationHistory(application: $0, drafts: drafts[$0.id] ?? [], replies: replies[$0.id] ?? [])
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
        guard let found = try histories(db, .one(id)).first else { throw StoreError.notFound("application", id) }
        return found
    }
}

/// Which applications a read takes: every one, or those whose ids an SQL
/// selection gives (`?` with one id, or a subquery).
struct ApplicationSelection {
    var ids: String?
    var arguments: StatementArguments

    static var all: ApplicationSelection { ApplicationSelection(ids: nil, arguments: []) }
    static func one(_ id: ApplicationID) -> ApplicationSelection { ApplicationSelection(ids: "?", arguments: [id]) }

    func filter(_ column: String) -> String { ids.map { "WHERE \(column) IN (\($0))" } ?? "" }
}
