import Foundation
import GRDB
import FollowUpCore

extension Store {
    /// What recording a proposed invitation did.
    public enum ProposalOutcome: Equatable, Sendable {
        case new(Proposal)
        /// A later SEQUENCE of an open proposal: its time or words changed.
        case updated(Proposal)
        /// Known already, decided already, or not newer.
        case unchanged
    }

    /// Keeps a proposal by its invitation's UID: new, or newer than the one
    /// kept while it is still open. One the user decided stays decided.
    public func offerProposal(_ proposal: Proposal) throws -> ProposalOutcome {
        try writeTransaction { db in
            if let row = try Row.fetchOne(db, sql: "SELECT id, sequence, state FROM proposals WHERE uid = ?", arguments: [proposal.uid]) {
                guard row["state"] as String == "open", proposal.sequence > row["sequence"] as Int else { return .unchanged }
                var updated = proposal
                updated.id = row["id"]
                try db.execute(sql: "UPDATE proposals SET sequence = ?, ends_at = ?, proposal = ? WHERE id = ?",
                               arguments: [updated.sequence, updated.end.stored, try Self.json(updated), updated.id])
                return .updated(updated)
            }
            // A flood of invitations from strangers must not become a flood of notices.
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM proposals WHERE state = 'open'") ?? 0 < Self.openProposalsAtMost else {
                return .unchanged
            }
            try db.execute(sql: "INSERT INTO proposals (uid, sequence, ends_at, proposal) VALUES (?, ?, ?, '')",
                           arguments: [proposal.uid, proposal.sequence, proposal.end.stored])
            var stored = proposal
            stored.id = db.lastInsertedRowID
            try db.execute(sql: "UPDATE proposals SET proposal = ? WHERE id = ?", arguments: [try Self.json(stored), stored.id])
            return .new(stored)
        }
    }

    /// The invitation was cancelled: an open proposal for it is withdrawn. True when one was.
    @discardableResult
    public func withdrawProposal(uid: String) throws -> Bool {
        try writeTransaction { db in
            try db.execute(sql: "UPDATE proposals SET state = 'cancelled' WHERE uid = ? AND state = 'open'", arguments: [uid])
            return db.changesCount == 1
        }
    }

    /// How many proposals may wait at once; more are not kept (and logged).
    public static let openProposalsAtMost = 25

    /// The open proposals, soonest interview first; not one whose invitation
    /// an application has already (recorded with `fuctl add --ics`, say).
    public func proposals() throws -> [Proposal] {
        try db.read { db in
            try String.fetchAll(db, sql: """
                SELECT proposal FROM proposals WHERE state = 'open'
                    AND uid NOT IN (SELECT invitation_uid FROM events WHERE invitation_uid IS NOT NULL)
                ORDER BY ends_at, id
                """).map(Self.proposal)
        }
    }

    /// An open proposal, or a clear refusal.
    public func openProposal(_ id: ProposalID) throws -> Proposal {
        try db.read { db in try Self.openProposal(id, db) }
    }

    /// Records the application the user made of a proposal, in the same
    /// transaction as the proposal is closed: it is taken once.
    public func acceptProposal(_ id: ProposalID, as application: Application) throws -> Application {
        try writeTransaction { db in
            let proposal = try Self.openProposal(id, db)
            if let owner = try ApplicationID.fetchOne(db, sql: "SELECT application_id FROM events WHERE invitation_uid = ?",
                                                      arguments: [proposal.uid]) {
                throw StoreError(.invalidTransition, "the invitation of proposal \(id) is application \(owner)'s already")
            }
            let stored = try Self.insert(application, db)
            try db.execute(sql: "UPDATE proposals SET state = 'accepted', application_id = ? WHERE id = ?", arguments: [stored.id, id])
            return stored
        }
    }

    /// The user says it is no interview to follow up: it is not proposed again.
    public func rejectProposal(_ id: ProposalID) throws {
        try writeTransaction { db in
            _ = try Self.openProposal(id, db)
            try db.execute(sql: "UPDATE proposals SET state = 'rejected' WHERE id = ?", arguments: [id])
        }
    }

    /// Forgets every proposal, decided or not, whose interview ended a week before `now`.
    public func forgetProposals(at now: Date) throws {
        try writeTransaction { db in
            try db.execute(sql: "DELETE FROM proposals WHERE ends_at < ?", arguments: [now.addingTimeInterval(-Proposal.keptAfterEnd).stored])
        }
    }

    private static func openProposal(_ id: ProposalID, _ db: Database) throws -> Proposal {
        guard let row = try Row.fetchOne(db, sql: "SELECT state, proposal FROM proposals WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("proposal", id)
        }
        let state: String = row["state"]
        guard state == "open" else { throw StoreError(.invalidTransition, "proposal \(id) was \(state) already") }
        return try proposal(row["proposal"])
    }

    private static func json(_ proposal: Proposal) throws -> String {
        String(decoding: try JSONEncoder().encode(proposal), as: UTF8.self)
    }

    private static func proposal(_ json: String) throws -> Proposal {
        try JSONDecoder().decode(Proposal.self, from: Data(json.utf8))
    }
}
