import Foundation
import GRDB
import FollowUpCore

/// The gate's word on a draft at one moment: `send`, or `held` with its reasons.
public struct GateDecisionRecord: Hashable, Sendable {
    public var draftID: DraftID
    public var decidedAt: Date
    public var verdict: String
    public var reasons: String
}

extension Store {
    /// Records the gate's decision on a draft when it differs from the last
    /// one recorded: the trail shows each change, not every tick.
    public func recordGateDecision(draftID: DraftID, verdict: String, reasons: String, now: Date) throws {
        try writeTransaction { db in
            let last = try Row.fetchOne(db, sql: "SELECT verdict, reasons FROM gate_decisions WHERE draft_id = ? ORDER BY id DESC LIMIT 1",
                                        arguments: [draftID])
            guard last?["verdict"] != verdict || last?["reasons"] != reasons else { return }
            try db.execute(sql: "INSERT INTO gate_decisions (draft_id, decided_at, verdict, reasons) VALUES (?, ?, ?, ?)",
                           arguments: [draftID, now.stored, verdict, reasons])
        }
    }

    public func gateDecisions(drafts: [DraftID]) throws -> [GateDecisionRecord] {
        guard !drafts.isEmpty else { return [] }
        return try db.read { db in
            let marks = Array(repeating: "?", count: drafts.count).joined(separator: ",")
            return try Row.fetchAll(db, sql: "SELECT * FROM gate_decisions WHERE draft_id IN (\(marks)) ORDER BY id",
                                    arguments: StatementArguments(drafts)).map {
                GateDecisionRecord(draftID: $0["draft_id"], decidedAt: $0.date("decided_at"), verdict: $0["verdict"], reasons: $0["reasons"])
            }
        }
    }

}
