import Foundation
import GRDB
import FollowUpCore

/// The policy's verdict on one send, given inside the send transaction.
public enum SendDecision: Equatable, Sendable {
    case send
    /// Not now, and why (for the log and `fuctl status`).
    case hold(String)
}

/// What `beginSend` did.
public enum SendStart: Equatable, Sendable {
    /// The draft is now `sending`, `sentAt` stamped: hand it to SMTP, then call `finishSend`.
    case started(Draft)
    /// The gate said not now; nothing changed.
    case held(String)
    /// The draft is not approved any more (another process is sending it or
    /// sent it, or it was edited, discarded or cancelled); nothing changed.
    case notSendable(DraftState)
}

/// The gate: sees the draft as it is now, its application's full history, and
/// every other draft to the same address, in any application, that may have
/// been delivered (`sending`, `sent`, `unknown`; POLICY invariant 3).
public typealias SendGate = (_ draft: Draft, _ history: ApplicationHistory, _ toSameAddress: [Draft]) throws -> SendDecision

extension Store {
    /// The one way a draft starts sending. In ONE `BEGIN IMMEDIATE`
    /// transaction it re-reads the draft and its history, asks `gate`, and
    /// only on `.send` moves the draft to `sending` with `sentAt = now`. Two
    /// processes (or threads) can therefore never both start the same draft,
    /// and the gate never decides on stale facts.
    ///
    /// A draft may start from `approved`, or from `not-sent-retryable`
    /// (its approval stands: nothing was delivered and nothing edited).
    /// Keep `gate` quick: other writers wait while it runs.
    public func beginSend(draftID: DraftID, now: Date, gate: SendGate) throws -> SendStart {
        try writeSession { db in
            var start = SendStart.notSendable(.drafted)
            try db.inTransaction(.immediate) {
                try Self.refuseSuperseded(db)
                let draft = try Self.draft(draftID, db)
                guard DraftTransitions.sendable.contains(draft.state), draft.approvedAt != nil else {
                    start = .notSendable(draft.state)
                    return .rollback
                }
                let history = try Self.history(draft.applicationID, db)
                let toSameAddress = try Row.fetchAll(db, sql: """
                    SELECT * FROM drafts WHERE recipient_email = ? COLLATE NOCASE AND id != ?
                    AND state IN ('sending', 'sent', 'unknown') ORDER BY sent_at, id
                    """, arguments: [draft.recipientEmail, draftID]).map(Draft.init(row:))
                switch try gate(draft, history, toSameAddress) {
                case .hold(let reason):
                    start = .held(reason)
                    return .rollback
                case .send:
                    start = .started(try Self.move(draftID, action: "send", from: DraftTransitions.sendable, to: .sending,
                                                   set: "sent_at = ?, final_dot_at = NULL, message = NULL, sent_copy = NULL",
                                                   [now.stored], now: now, attempt: nil, db))
                    return .commit
                }
            }
            return start
        }
    }

    /// The send journal, written from inside the SMTP transaction just before
    /// the final dot can leave: from here on the server may have the message.
    /// Keeps `message`, the exact bytes, for the Sent copy.
    public func recordFinalDot(draftID: DraftID, message: [UInt8], now: Date) throws {
        try writeTransaction { db in
            try db.execute(sql: "UPDATE drafts SET final_dot_at = ?, message = ? WHERE id = ? AND state = 'sending'",
                           arguments: [now.stored, Data(message), draftID])
            guard db.changesCount == 1 else { throw StoreError.invalidTransition(draftID, from: try Self.draft(draftID, db).state,
                                                                                  action: "record the final dot") }
        }
    }

    /// Records how the hand-over ended: `sending` → `sent`, `not-sent-retryable`
    /// (approval kept; `beginSend` may start it again), `not-sent-permanent` or
    /// `unknown`. A refused send clears `sentAt`. Every call adds a send attempt.
    /// `fileCopy`: a sent message's Sent copy is still to be filed
    /// (`pendingSentCopies`), so that a crash before the APPEND loses no copy.
    @discardableResult
    public func finishSend(draftID: DraftID, outcome: SendAttemptOutcome, fileCopy: Bool = false, now: Date) throws -> Draft {
        let state = outcome.draftState
        let assignments = switch state {
        case .notSentRetryable, .notSentPermanent: "sent_at = NULL, final_dot_at = NULL, message = NULL"
        case .sent where fileCopy: "sent_copy = 'pending'"
        case .sent: "message = NULL"
        default: ""
        }
        return try move(draftID, action: "finish sending", from: [.sending], to: state, set: assignments, [], now: now,
                        attempt: (outcome.recorded, outcome.error))
    }

    /// At start-up: a draft still `sending` was interrupted (killed, crashed,
    /// power lost). Before its journal says the final dot was about to go,
    /// the server discarded the incomplete message (RFC 5321 §4.1.1.4): not
    /// sent, approval kept, tried again through the gate. After it, the
    /// outcome is `unknown`. Returns the drafts left unknown, for the daemon
    /// to look for in the Sent folder (`settle`), and those found not sent.
    public func recoverInterruptedSends(now: Date) throws -> (unknown: [Draft], notSent: [Draft]) {
        try writeTransaction { db in
            var recovered: (unknown: [Draft], notSent: [Draft]) = ([], [])
            for row in try Row.fetchAll(db, sql: "SELECT id, final_dot_at FROM drafts WHERE state = 'sending' ORDER BY id") {
                if row["final_dot_at"] as Double? == nil {
                    recovered.notSent.append(try Self.move(
                        row["id"], action: "recover", from: [.sending], to: .notSentRetryable,
                        set: "sent_at = NULL, message = NULL", [], now: now,
                        attempt: (.notSentRetryable, "interrupted before the final dot: the server discards a message without it"), db))
                } else {
                    recovered.unknown.append(try Self.move(row["id"], action: "recover", from: [.sending], to: .unknown, set: "", [],
                                                           now: now, attempt: (.interrupted, "interrupted after the final dot"), db))
                }
            }
            return recovered
        }
    }

    /// Sent messages whose copy is still to be filed in the Sent folder, with their bytes.
    public func pendingSentCopies() throws -> [(draft: Draft, message: [UInt8])] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM drafts WHERE sent_copy = 'pending' ORDER BY sent_at, id").map {
                (try Draft(row: $0), [UInt8]($0["message"] as Data? ?? Data()))
            }
        }
    }

    /// The Sent copy is filed (or found there): the bytes are no longer kept.
    public func sentCopyFiled(draftID: DraftID) throws {
        try writeTransaction { db in
            try db.execute(sql: "UPDATE drafts SET sent_copy = 'filed', message = NULL WHERE id = ?", arguments: [draftID])
        }
    }

    /// The daemon's verdict on an `unknown` draft after searching the Sent
    /// folder for its Message-ID: found → `sent`; not found → stays `unknown`
    /// (absence proves nothing: the user decides).
    @discardableResult
    public func settle(draftID: DraftID, foundInSent: Bool, now: Date) throws -> Draft {
        guard foundInSent else {
            let d = try db.read { try Self.draft(draftID, $0) }
            guard d.state == .unknown else { throw StoreError.invalidTransition(draftID, from: d.state, action: "settle") }
            return d
        }
        return try move(draftID, action: "settle", from: [.unknown], to: .sent, set: "sent_copy = 'filed', message = NULL", [], now: now)
    }

    /// The user says an `unknown` draft did reach the employer.
    @discardableResult
    public func markSent(draftID: DraftID, now: Date) throws -> Draft {
        // Its Sent copy, when the journal kept the bytes, is filed by the daemon.
        try move(draftID, action: "mark as sent", from: [.unknown], to: .sent,
                 set: "sent_copy = CASE WHEN message IS NULL THEN NULL ELSE 'pending' END", [], now: now)
    }

    /// The user says an `unknown` draft did not go out: `not-sent-permanent`,
    /// never resent by itself (the planner may draft a new message).
    @discardableResult
    public func markNotSent(draftID: DraftID, now: Date) throws -> Draft {
        try move(draftID, action: "mark as not sent", from: [.unknown], to: .notSentPermanent,
                 set: "sent_at = NULL, message = NULL", [], now: now)
    }

    static func attempts(_ id: DraftID, _ db: Database) throws -> [SendAttempt] {
        try Row.fetchAll(db, sql: "SELECT * FROM send_attempts WHERE draft_id = ? ORDER BY at, id", arguments: [id]).map {
            SendAttempt(at: $0.date("at"), outcome: attemptOutcome($0["outcome"]), messageID: $0["message_id"], error: $0["error"])
        }
    }

    /// A stored outcome; one this version does not know reads as `unknown`,
    /// the reading that never resends.
    static func attemptOutcome(_ text: String) -> SendAttempt.Outcome {
        SendAttempt.Outcome(rawValue: text) ?? .unknown
    }
}
