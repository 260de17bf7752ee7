import Foundation
import Logging
import FollowUpCore
import FollowUpStore
import FollowUpWorkspace
import MailMessage
import MailTransport

/// Sends the approved drafts that are due, one at a time: fresh inbox check,
/// gate (inside the store's send transaction), message, SMTP, outcome. The
/// order is `SendQueue.order`, the retry wait `SendQueue.retryAt`, the
/// decision `Gate.check`; this only carries them out.
struct Dispatcher {
    let workspace: Workspace
    let logger: Logger
    let clock: @Sendable () -> Date

    struct Result {
        var sent = 0
        var held = 0
        var failed = 0
        var unknown = 0
        /// What stopped this tick's sending before its end: a failed re-check
        /// of the inbox, an outcome that could not be recorded.
        var stoppedBy: String?
        /// An outcome the store could not take (a full disk): recorded before
        /// anything else is sent.
        var unrecorded: (draft: DraftID, outcome: SendAttemptOutcome)?
    }

    /// - Parameters:
    ///   - freshCheck: the start of a successful inbox check no older than
    ///     `fresh_check`, checking again first when the last one is older;
    ///     throws when that check fails, which stops every send of the tick.
    ///   - stopRequested: read before each draft: a stop waits only for the
    ///     SMTP transaction in flight.
    func run(_ session: any MailSession, freshCheck: () throws -> Date, stopRequested: () -> Bool) -> Result {
        var result = Result()
        let due: [Draft]
        do {
            due = SendQueue.order(try workspace.store.drafts(in: [.approved, .notSentRetryable]), now: clock())
        } catch {
            logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
            return result
        }
        for draft in due {
            if stopRequested() { break }
            if let wait = retryAt(draft), wait > clock() {
                logger.debug("retry waits", metadata: ["draft": "\(draft.id)", "until": "\(wait.formatted(.iso8601))"])
                continue
            }
            do {
                let checked = try freshCheck()
                try send(draft, session, checkedAt: checked, &result)
            } catch let error as Unrecorded {
                result.unrecorded = (error.draft, error.outcome)
                result.stoppedBy = "the outcome of draft \(error.draft) could not be recorded: \(error.cause)"
                break
            } catch {
                logger.error("sending stopped", metadata: ["draft": "\(draft.id)", "error": "\(error)"])
                result.stoppedBy = "\(error)"
                break
            }
        }
        return result
    }

    private func retryAt(_ draft: Draft) -> Date? {
        guard draft.state == .notSentRetryable,
              let attempts = try? workspace.store.outboxEntry(id: draft.id)?.attempts else { return nil }
        return SendQueue.retryAt(after: attempts)
    }

    private func send(_ draft: Draft, _ session: any MailSession, checkedAt: Date, _ result: inout Result) throws {
        let store = workspace.store
        let settings = workspace.settings
        // Where the Sent copy will land, so a crash can be settled later.
        if let mark = try? session.sentMark() {
            try store.setBookmark(MailboxBookmark(mailbox: workspace.config.imap.sent, uidValidity: mark.uidValidity,
                                                  highestUID: 0, uidNext: mark.uidNext))
        }
        let clock = self.clock
        let start = try store.beginSend(draftID: draft.id, now: clock()) { current, history, sameAddress in
            switch Gate.check(draft: current, history: history, sendsToSameAddress: sameAddress,
                              lastInboxCheck: checkedAt, now: clock(), settings: settings) {
            case .send: return .send
            case .refuse(let reasons): return .hold(reasons.map(\.description).joined(separator: "; "))
            }
        }
        guard case .started(let sending) = start else {
            if case .held(let why) = start {
                result.held += 1
                logger.info("draft held by the policy", metadata: ["draft": "\(draft.id)", "reasons": "\(why)"])
                try? store.recordGateDecision(draftID: draft.id, verdict: "held", reasons: why, now: clock())
            }
            return
        }
        try? store.recordGateDecision(draftID: draft.id, verdict: "send", reasons: "every rule of the gate passed", now: clock())
        let identity = workspace.config.identity
        let bytes: [UInt8]
        do {
            bytes = try OutgoingMessage(draft: sending, identity: identity, date: sending.sentAt ?? clock()).render()
        } catch {
            try finish(sending, .notSentPermanent(error: "cannot be made into a message: \(error)"), &result)
            return
        }
        // The journal: once it says the final dot is about to go, a crash
        // leaves the send unknown; before, it was certainly not sent.
        var journalFailure: (any Error)?
        let smtp = session.send(bytes, from: identity.email, to: [sending.recipientEmail], beforeFinalDot: {
            do {
                try store.recordFinalDot(draftID: sending.id, message: bytes, now: clock())
                return true
            } catch {
                journalFailure = error
                return false
            }
        })
        let outcome = Self.outcome(of: smtp)
        let fileCopy = workspace.config.imap.appendSent
        try finish(sending, outcome, fileCopy: fileCopy, &result)
        if let journalFailure {
            logger.critical("the send could not be journalled, so it was abandoned before the final dot",
                            metadata: ["draft": "\(sending.id)", "error": "\(journalFailure)"])
            throw journalFailure
        }
        if outcome == .sent, fileCopy {
            SentCopies(store: store, logger: logger).file(sending, bytes, session, lookFirst: false)
        }
    }

    /// The transport's account of an SMTP transaction, as the outbox records it.
    static func outcome(of smtp: SMTPOutcome) -> SendAttemptOutcome {
        switch smtp {
        case .delivered: .sent
        case .notSent(.temporary, let detail): .notSentRetryable(error: detail)
        case .notSent(.permanent, let detail): .notSentPermanent(error: detail)
        case .unknown(let detail): .unknown(error: detail)
        }
    }

    /// Records the outcome; when that fails the draft stays `sending` (at the
    /// next start it becomes unknown, never resent blindly), the engine keeps
    /// the outcome to record it before anything else is sent, and this
    /// tick's sending stops.
    private func finish(_ draft: Draft, _ outcome: SendAttemptOutcome, fileCopy: Bool = false,
                        _ result: inout Result) throws {
        do {
            try workspace.store.finishSend(draftID: draft.id, outcome: outcome, fileCopy: fileCopy, now: clock())
        } catch {
            logger.critical("the send's outcome could not be recorded; nothing more is sent until it is",
                            metadata: ["draft": "\(draft.id)", "outcome": "\(outcome.recorded.rawValue)", "error": "\(error)"])
            throw Unrecorded(draft: draft.id, outcome: outcome, cause: "\(error)")
        }
        switch outcome {
        case .sent:
            result.sent += 1
            logger.notice("sent", metadata: ["draft": "\(draft.id)", "kind": "\(draft.kind.rawValue)",
                                             "message_id": "\(draft.messageID)"])
        case .notSentRetryable(let detail):
            result.failed += 1
            recordError(draft, "not sent, will retry: \(detail)")
            logger.warning("not sent, will retry", metadata: ["draft": "\(draft.id)", "error": "\(detail)"])
        case .notSentPermanent(let detail):
            result.failed += 1
            recordError(draft, "not sent: \(detail)")
            logger.error("not sent", metadata: ["draft": "\(draft.id)", "error": "\(detail)"])
        case .unknown(let detail):
            // Never retried: the employer may already have it.
            result.unknown += 1
            recordError(draft, "outcome unknown, decide with fuctl resolve: \(detail)")
            logger.error("send outcome unknown; decide with fuctl", metadata: ["draft": "\(draft.id)", "error": "\(detail)"])
        }
    }

    struct Unrecorded: Error {
        var draft: DraftID
        var outcome: SendAttemptOutcome
        var cause: String
    }

    /// A failed send is the daemon's last error too, for `fuctl status`.
    private func recordError(_ draft: Draft, _ detail: String) {
        let at = clock()
        _ = try? workspace.store.updateStatus {
            $0.lastError = "draft \(draft.id) (\(draft.kind.rawValue)): \(detail)"
            $0.lastErrorAt = at
        }
    }
}
