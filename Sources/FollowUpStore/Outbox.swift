import Foundation
import GRDB
import FollowUpCore

/// A draft with what the outbox keeps about it beyond the domain's `Draft`.
public struct OutboxEntry: Hashable, Sendable {
    public var draft: Draft
    /// The last edit, if any (an edit withdraws approval).
    public var editedAt: Date?
    /// Why it was discarded or cancelled.
    public var reason: String?
    /// The linter's problems when it was last rendered or edited.
    public var lintProblems: [String]
    /// Every hand-over to SMTP and how it ended, oldest first.
    public var attempts: [SendAttempt]
}

extension Store {
    /// Adds a rendered draft to the outbox as `drafted`, unapproved and unsent,
    /// whatever state `draft` carries. Its id is assigned; its message id must be unique.
    @discardableResult
    /// `writtenFrom`: the application's revision the draft was written from;
    /// when it changed meanwhile (a correction, a move committed while the
    /// planner wrote), the draft is refused with `changedMeanwhile`.
    public func insertDraft(_ draft: Draft, lintProblems: [String] = [], writtenFrom revision: Int? = nil) throws -> Draft {
        try writeTransaction { db in
            if let revision {
                let current = try Int.fetchOne(db, sql: "SELECT revision FROM applications WHERE id = ?", arguments: [draft.applicationID])
                guard current == revision else {
                    throw StoreError(.changedMeanwhile, "application \(draft.applicationID) changed while its \(draft.kind.rawValue) was written")
                }
            }
            try db.execute(sql: """
                INSERT INTO drafts (application_id, round, kind, recipient_name, recipient_email, subject, body,
                    due, message_id, in_reply_to, refs, state, created_at, lint_problems)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [draft.applicationID, draft.round, draft.kind.rawValue, draft.recipientName,
                                 draft.recipientEmail, draft.subject, draft.body, draft.due.stored, draft.messageID,
                                 draft.inReplyTo, Lines.join(draft.references), DraftState.drafted.rawValue,
                                 draft.createdAt.stored, Lines.join(lintProblems)])
            return try Self.draft(db.lastInsertedRowID, db)
        }
    }

    public func draft(id: DraftID) throws -> Draft? {
        try db.read { db in try? Self.draft(id, db) }
    }

    /// Drafts in any of `states` (every draft when nil), by due time.
    public func drafts(in states: Set<DraftState>? = nil) throws -> [Draft] {
        try db.read { db in
            guard let states else { return try Row.fetchAll(db, sql: "SELECT * FROM drafts ORDER BY due, id").map(Draft.init(row:)) }
            let names = states.map(\.rawValue).sorted()
            return try Row.fetchAll(db, sql: "SELECT * FROM drafts WHERE state IN (\(databaseQuestionMarks(count: names.count))) ORDER BY due, id",
                                    arguments: StatementArguments(names)).map(Draft.init(row:))
        }
    }

    /// The Message-ID of every draft that may have reached an employer, with
    /// its application: what a reply's threading names.
    public func deliveredMessageIDs() throws -> [String: ApplicationID] {
        let states = DraftState.allCases.filter(\.mayHaveBeenDelivered).map(\.rawValue)
        return try db.read { db in
            var ids: [String: ApplicationID] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT message_id, application_id FROM drafts WHERE state IN (\(databaseQuestionMarks(count: states.count))) ORDER BY id
                """, arguments: StatementArguments(states))
            while let row = try rows.next() { ids[row[0]] = row[1] }
            return ids
        }
    }

    public func outboxEntry(id: DraftID) throws -> OutboxEntry? {
        try db.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM drafts WHERE id = ?", arguments: [id]) else { return nil }
            return OutboxEntry(draft: try Draft(row: row), editedAt: row.optionalDate("edited_at"), reason: row["reason"],
                               lintProblems: Lines.split(row["lint_problems"]), attempts: try Self.attempts(id, db))
        }
    }

    /// drafted → approved. Whether the draft passes the linter is the caller's
    /// check; `checked` is the text it checked, and an edit since then (by
    /// another process) refuses the approval rather than approving unseen text.
    @discardableResult
    public func approve(draftID: DraftID, checked: (subject: String, body: String)? = nil, now: Date) throws -> Draft {
        try writeTransaction { db in
            let current = try Self.draft(draftID, db)
            if let checked, checked.subject != current.subject || checked.body != current.body {
                throw StoreError.invalidTransition(draftID, from: current.state, action: "approve a draft edited since it was checked")
            }
            return try Self.move(draftID, action: "approve", from: [.drafted], to: .approved,
                                 set: "approved_at = ?", [now.stored], now: now, attempt: nil, db)
        }
    }

    /// Replaces subject and body; the draft goes back to `drafted` and loses
    /// its approval (POLICY invariant 6). Allowed while it is still pending.
    /// `opened` is the text the edit began from: when another process saved
    /// a different text meanwhile, the edit is refused (`changedMeanwhile`)
    /// rather than overwriting it.
    @discardableResult
    public func edit(draftID: DraftID, subject: String, body: String, lintProblems: [String],
                     opened: (subject: String, body: String)? = nil, now: Date) throws -> Draft {
        try writeTransaction { db in
            let current = try Self.draft(draftID, db)
            if let opened, opened.subject != current.subject || opened.body != current.body {
                throw StoreError(.changedMeanwhile, "draft \(draftID) was changed meanwhile by another edit; your text was not saved")
            }
            return try Self.move(draftID, action: "edit", from: DraftTransitions.editable, to: .drafted,
                                 set: "subject = ?, body = ?, lint_problems = ?, approved_at = NULL, edited_at = ?",
                                 [subject, body, Lines.join(lintProblems), now.stored], now: now, attempt: nil, db)
        }
    }

    /// followupd writes a waiting draft again from its templates (new facts
    /// about the application), only while it is unapproved and the user never
    /// edited it (checked in the same transaction, so an edit that lands
    /// first wins). Not the user's edit: `edited_at` stays empty.
    /// - Returns: the draft written again, or nil when the user has edited it.
    @discardableResult
    public func rewriteUnedited(draftID: DraftID, subject: String, body: String, lintProblems: [String], now: Date) throws -> Draft? {
        try writeTransaction { db in
            let edited = try Row.fetchOne(db, sql: "SELECT edited_at FROM drafts WHERE id = ?", arguments: [draftID])
            guard let edited else { throw StoreError.notFound("draft", draftID) }
            guard (edited["edited_at"] as Double?) == nil else { return nil }
            return try Self.move(draftID, action: "write again", from: [.drafted], to: .drafted,
                                 set: "subject = ?, body = ?, lint_problems = ?", [subject, body, Lines.join(lintProblems)],
                                 now: now, attempt: nil, db)
        }
    }

    /// The user throws a draft away.
    @discardableResult
    public func discard(draftID: DraftID, reason: String, now: Date) throws -> Draft {
        try move(draftID, action: "discard", from: DraftTransitions.discardable, to: .discarded,
                 set: "reason = ?", [reason], now: now)
    }

    /// The policy withdraws a draft (a reply arrived, a step was superseded).
    @discardableResult
    public func cancel(draftID: DraftID, reason: String, now: Date) throws -> Draft {
        try move(draftID, action: "cancel", from: DraftTransitions.cancellable, to: .cancelled,
                 set: "reason = ?", [reason], now: now)
    }

    /// The policy moved the step's due time (a send changed the gap, a reply
    /// named a date). The text is unchanged, so an approval stands.
    @discardableResult
    public func reschedule(draftID: DraftID, due: Date) throws -> Draft {
        try writeTransaction { db in
            let current = try Self.draft(draftID, db)
            guard current.state.isPending else {
                throw StoreError.invalidTransition(draftID, from: current.state, action: "reschedule")
            }
            try db.execute(sql: "UPDATE drafts SET due = ? WHERE id = ?", arguments: [due.stored, draftID])
            return try Self.draft(draftID, db)
        }
    }

    /// Moves one draft along an edge of the state machine in one write
    /// transaction, refusing when it is not in one of `from`.
    func move(_ id: DraftID, action: String, from: Set<DraftState>, to: DraftState,
              set assignments: String, _ arguments: StatementArguments, now: Date,
              attempt: (outcome: SendAttempt.Outcome, error: String?)? = nil) throws -> Draft {
        try writeTransaction { db in
            try Self.move(id, action: action, from: from, to: to, set: assignments, arguments, now: now, attempt: attempt, db)
        }
    }

    static func move(_ id: DraftID, action: String, from: Set<DraftState>, to: DraftState,
                     set assignments: String, _ arguments: StatementArguments, now: Date,
                     attempt: (outcome: SendAttempt.Outcome, error: String?)?, _ db: Database) throws -> Draft {
        let current = try draft(id, db)
        guard from.contains(current.state) else {
            throw StoreError.invalidTransition(id, from: current.state, action: action)
        }
        let sets = assignments.isEmpty ? "" : assignments + ", "
        try db.execute(sql: "UPDATE drafts SET \(sets)state = ?, state_changed_at = ? WHERE id = ?",
                       arguments: arguments + [to.rawValue, now.stored, id])
        if let attempt {
            try db.execute(sql: "INSERT INTO send_attempts (draft_id, at, outcome, message_id, error) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, now.stored, attempt.outcome.rawValue, current.messageID, attempt.error])
        }
        return try draft(id, db)
    }

    static func draft(_ id: DraftID, _ db: Database) throws -> Draft {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM drafts WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("draft", id)
        }
        return try Draft(row: row)
    }
}

/// Which states each user or policy action may leave from.
enum DraftTransitions {
    /// Not yet handed to SMTP, or refused before the final dot for now.
    static let editable: Set<DraftState> = [.drafted, .approved, .notSentRetryable]
    static let cancellable: Set<DraftState> = [.drafted, .approved, .notSentRetryable]
    /// A permanent refusal can only be thrown away.
    static let discardable: Set<DraftState> = [.drafted, .approved, .notSentRetryable, .notSentPermanent]
    /// Approved, and never handed over or refused for now: the gate decides.
    static let sendable: Set<DraftState> = [.approved, .notSentRetryable]
}
