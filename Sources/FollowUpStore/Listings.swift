import Foundation
import GRDB
import FollowUpCore

/// What fuctl's listings read: one page, filtered and ordered by SQLite, with
/// only the histories and deliveries that page needs, whatever is stored.
extension Store {
    /// The rows of one page, and how many there are in all.
    public struct Page<Item: Sendable>: Sendable {
        public var items: [Item]
        public var total: Int
    }

    /// Where a page starts and how long it is; no limit takes every row.
    public struct PageRange: Sendable {
        public var limit: Int?
        public var offset: Int

        public init(limit: Int?, offset: Int) {
            self.limit = limit
            self.offset = offset
        }

        var sql: String { "LIMIT \(limit ?? -1) OFFSET \(offset)" }
    }

    /// The drafts in `state`, by due time, one page.
    public func drafts(in state: DraftState, page: PageRange) throws -> Page<Draft> {
        try db.read { db in
            let drafts = try Row.fetchAll(db, sql: "SELECT * FROM drafts WHERE state = ? ORDER BY due, id \(page.sql)",
                                          arguments: [state.rawValue]).map(Draft.init(row:))
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM drafts WHERE state = ?", arguments: [state.rawValue]) ?? 0
            return Page(items: drafts, total: total)
        }
    }

    /// How many drafts are in each state.
    public func draftCounts() throws -> [DraftState: Int] {
        try db.read { db in
            var counts: [DraftState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM drafts GROUP BY state") {
                if let state = DraftState(rawValue: row[0]) { counts[state] = row[1] }
            }
            return counts
        }
    }

    /// The histories the notices can come from at `now` (`NoticePlanner`):
    /// applications with a draft waiting or unknown, a reply above
    /// `replyMark`, an invitation's change since `since` or a round still to
    /// come, or a no-response round not told yet. Not every history: the
    /// cost of a tick's notices is that of what they tell. With them, read
    /// at the same moment, the highest reply id: the mark once they are told.
    public func noticeHistories(replyMark: ReplyID, since: Date, now: Date) throws -> (histories: [ApplicationHistory], newestReply: ReplyID) {
        try db.read { db in
            let newest = try ReplyID.fetchOne(db, sql: "SELECT MAX(id) FROM replies") ?? 0
            return (try Self.histories(db, ApplicationSelection(ids: """
                SELECT application_id FROM drafts WHERE state IN ('\(DraftState.drafted.rawValue)', '\(DraftState.unknown.rawValue)')
                UNION SELECT application_id FROM replies WHERE id > ?
                UNION SELECT application_id FROM events
                    WHERE invitation_uid IS NOT NULL AND (cancelled_at >= ? OR moved_at >= ? OR start > ?)
                UNION SELECT a.id FROM applications a WHERE a.outcome = '\(Outcome.noResponse.rawValue)' AND NOT EXISTS (
                    SELECT 1 FROM notices n WHERE n.key = 'round-ended:' || a.id || ':'
                        || (SELECT COALESCE(MAX(e.id), 0) FROM events e WHERE e.application_id = a.id))
                """, arguments: [replyMark, since.stored, since.stored, now.stored])), newest)
        }
    }

    /// The highest reply id: the mark of the replies noticed.
    public func newestReplyID() throws -> ReplyID {
        try db.read { db in try ReplyID.fetchOne(db, sql: "SELECT MAX(id) FROM replies") ?? 0 }
    }

    /// The histories of the applications `ids` names, in id order.
    public func histories(of ids: some Collection<ApplicationID>) throws -> [ApplicationHistory] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [] }
        return try db.read { db in
            try Self.histories(db, ApplicationSelection(ids: databaseQuestionMarks(count: unique.count), arguments: StatementArguments(unique)))
        }
    }

    /// Applications in id order, one page; only those without an outcome when `openOnly`.
    public func histories(openOnly: Bool, page: PageRange) throws -> Page<ApplicationHistory> {
        try db.read { db in
            let filter = openOnly ? "WHERE outcome IS NULL" : ""
            let histories = try Self.histories(db, ApplicationSelection(
                ids: "SELECT id FROM applications \(filter) ORDER BY id \(page.sql)", arguments: []))
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applications \(filter)") ?? 0
            return Page(items: histories, total: total)
        }
    }

    /// Every draft that may have reached `addresses` (any case): what the
    /// one-message-a-day rule counts. SQLite folds only ASCII letters, so an
    /// address with others in it reads every delivery, and the caller's
    /// grouping (`Deliveries`) folds them as Swift does.
    public func delivered(to addresses: some Collection<String>) throws -> [Draft] {
        let states = DraftState.allCases.filter(\.mayHaveBeenDelivered).map(\.rawValue)
        let inStates = "state IN (\(databaseQuestionMarks(count: states.count)))"
        let list = Array(Set(addresses))
        guard !list.isEmpty else { return [] }
        return try db.read { db in
            if list.contains(where: { !$0.allSatisfy(\.isASCII) }) {
                return try Row.fetchAll(db, sql: "SELECT * FROM drafts WHERE \(inStates)", arguments: StatementArguments(states))
                    .map(Draft.init(row:))
            }
            return try Row.fetchAll(db, sql: """
                SELECT * FROM drafts WHERE recipient_email COLLATE NOCASE IN (\(databaseQuestionMarks(count: list.count))) AND \(inStates)
                """, arguments: StatementArguments(list) + StatementArguments(states)).map(Draft.init(row:))
        }
    }
}
