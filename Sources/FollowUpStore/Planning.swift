import Foundation
import GRDB
import FollowUpCore

/// Which applications a tick plans: those whose history changed since their
/// last plan (`plan_marks.facts`, raised by trigger at every write) and
/// those whose review moment has come; every one when the settings or the
/// rules they were planned by are not the current ones. A closed
/// application, which time alone cannot change, is planned only when it changes.
extension Store {
    public struct PlanWork: Sendable {
        public var histories: [ApplicationHistory]
        /// The `facts` each history was read at, by application.
        public var facts: [ApplicationID: Int64]
        /// Whether every application is planned: the basis changed.
        public var everything: Bool
    }

    /// One plan's mark: the facts it read, and when to plan again by time alone.
    public struct PlanMark: Sendable {
        public var applicationID: ApplicationID
        public var facts: Int64
        public var reviewAt: Date?

        public init(applicationID: ApplicationID, facts: Int64, reviewAt: Date?) {
            self.applicationID = applicationID
            self.facts = facts
            self.reviewAt = reviewAt
        }
    }

    /// The histories to plan at `now`, read in one transaction with their marks.
    public func planWork(basis: String, now: Date) throws -> PlanWork {
        try db.read { db in
            let everything = try String.fetchOne(db, sql: "SELECT basis FROM plan_basis WHERE id = 1") != basis
            let selection = everything ? .all : ApplicationSelection(
                ids: "SELECT application_id FROM plan_marks WHERE facts <> planned OR review_at <= ?", arguments: [now.stored])
            let histories = try Self.histories(db, selection)
            var facts: [ApplicationID: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT application_id, facts FROM plan_marks \(selection.filter("application_id"))",
                                           arguments: selection.arguments)
            while let row = try rows.next() { facts[row[0]] = row[1] }
            return PlanWork(histories: histories, facts: facts, everything: everything)
        }
    }

    /// What a tick's plans read, in one transaction; `basis` when they were
    /// every application's. A change since they read (a higher `facts`) still
    /// has its application planned at the next tick.
    public func recordPlans(_ marks: [PlanMark], basis: String?) throws {
        guard !marks.isEmpty || basis != nil else { return }
        try writeTransaction { db in
            let update = try db.makeStatement(sql: "UPDATE plan_marks SET planned = ?, review_at = ? WHERE application_id = ?")
            for mark in marks {
                try update.execute(arguments: [mark.facts, mark.reviewAt?.stored, mark.applicationID])
            }
            if let basis {
                try db.execute(sql: "INSERT INTO plan_basis (id, basis) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET basis = excluded.basis",
                               arguments: [basis])
            }
        }
    }
}
