import Foundation
import Logging
import FollowUpCore
import FollowUpReplies
import FollowUpStore
import FollowUpWorkspace
import InboxReading
import MailMessage
import MailTransport

/// One tick of followupd: check the inbox and record what it means, plan by
/// the policy, send approved drafts the gate lets go. Mail in -> facts ->
/// pure decisions -> store -> mail out.
///
/// Not thread-safe: the daemon runs it on one serial queue.
public final class Engine: @unchecked Sendable {
    public private(set) var workspace: Workspace
    private let openSession: (Workspace) throws -> any MailSession
    private let logger: Logger
    private let clock: @Sendable () -> Date
    /// The injected clock: what the daemon reports as now.
    public func now() -> Date { clock() }
    /// When the last inbox check that finished successfully began (POLICY invariant 4).
    /// Kept in memory only: after a restart the daemon checks before it sends.
    private(set) var lastCheck: Date?
    /// Sends interrupted by a crash wait for a look into the Sent folder.
    private var settled = false
    private let stopFlag = StopFlag()

    public init(workspace: Workspace, logger: Logger, clock: @escaping @Sendable () -> Date = Date.init,
                openSession: @escaping (Workspace) throws -> any MailSession) {
        self.workspace = workspace
        self.logger = logger
        self.clock = clock
        self.openSession = openSession
    }

    /// Asks a running tick to stop after the SMTP transaction in flight.
    public func requestStop() { stopFlag.set() }
    public var stopRequested: Bool { stopFlag.isSet }

    /// A new config (SIGHUP) takes effect from the next tick on.
    public func replace(workspace: Workspace) { self.workspace = workspace }

    public struct TickReport: Equatable, Sendable {
        public var newMessages = 0
        public var repliesRecorded = 0
        public var queued = 0
        public var cancelled = 0
        public var sent = 0
        public var held = 0
        public var failed = 0
        public var unknown = 0
    }

    public struct TickFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs one tick. Throws when the inbox could not be checked: then nothing
    /// was sent.
    @discardableResult
    public func tick() throws -> TickReport {
        var report = TickReport()
        let store = workspace.store
        _ = try? store.updateStatus { $0.pid = getpid(); $0.heartbeat = clock() }
        let session: any MailSession
        do {
            session = try openSession(workspace)
        } catch {
            try recordCheckFailure(error)
            throw TickFailure(description: "cannot reach the mail servers: \(error)")
        }
        if !settled { settleInterruptedSends(session) }
        do {
            try checkInbox(session, &report)
        } catch {
            try recordCheckFailure(error)
            throw TickFailure(description: "inbox check failed, nothing sent: \(error)")
        }
        plan(&report)
        sendDue(session, &report)
        return report
    }

    // MARK: Inbox

    func checkInbox(_ session: any MailSession, _ report: inout TickReport) throws {
        let store = workspace.store
        let inbox = workspace.config.imap.inbox
        let saved = try store.bookmark(mailbox: inbox)
        let histories = try store.histories()
        let newestEvent = histories.flatMap(\.application.events).map(\.id).max() ?? 0
        var cursor = MailboxCursor(mailbox: inbox, uidValidity: saved?.uidValidity, highestUID: saved?.highestUID ?? 0)
        var since = rescanStart(histories)
        if let saved, let backfill = backfillStart(histories, eventsSeen: saved.eventsSeen) {
            // An event recorded after the last check may have had its reply
            // read (and skipped) already: read again from the event's start.
            cursor.uidValidity = nil
            since = backfill
        }
        // The mailbox is seen as it was when the check began: a slow check is
        // as old as its start, whenever it finishes.
        let started = clock()
        let result = try session.checkInbox(cursor, rescanSince: since)
        if result.rescanned {
            logger.log(level: saved == nil ? .info : .notice,
                       saved == nil ? "first inbox check: reading by date" : "inbox read again by date", metadata: [
                "mailbox": "\(inbox)", "since": "\(since.formatted(.iso8601))", "messages": "\(result.messages.count)",
            ])
        }
        report.newMessages = result.messages.count
        let context = ReplyContext(userAddresses: [workspace.config.identity.email], histories: histories)
        var candidates: [MessageSummary] = []
        for summary in result.messages {
            let screening = InboxReader.screen(headerBytes: summary.header, internalDate: summary.internalDate ?? clock(),
                                               context: context)
            if let reason = screening.skipReason {
                // Malformed mail is worth a line at the default level; ordinary mail is not.
                let level: Logger.Level = screening.defects.isEmpty ? .debug : .info
                logger.log(level: level, "skipped message", metadata: ["uid": "\(summary.uid)", "reason": "\(reason)"])
            } else {
                candidates.append(summary)
            }
        }
        let texts = candidates.isEmpty ? [:] : try session.fetchMessages(uids: candidates.map(\.uid))
        for summary in candidates {
            // A message deleted between the two fetches is read from its headers.
            let bytes = texts[summary.uid] ?? summary.header
            let reading = InboxReader.read(fullBytes: bytes, internalDate: summary.internalDate ?? clock(), context: context)
            guard case .attributed(let attribution) = reading.verdict else {
                logger.info("skipped message", metadata: ["uid": "\(summary.uid)", "reason": "\(reading.skipReason ?? "not a reply")"])
                continue
            }
            // A message that matched several applications equally (one contact
            // for two roles) is `unclear` for each: none may guess in favour of sending.
            for applicationID in [attribution.applicationID] + attribution.alsoMatching {
                var reply = attribution.recordedReply(id: 0, for: reading.message)
                reply.applicationID = applicationID
                let (_, inserted) = try store.recordReply(reply, at: MailboxPosition(mailbox: inbox, uid: summary.uid))
                if inserted {
                    report.repliesRecorded += 1
                    logger.notice("reply recorded", metadata: [
                        "application": "\(applicationID)", "class": "\(attribution.replyClass.rawValue)",
                        "matched": "\(attribution.match)",
                    ])
                }
            }
        }
        guard let validity = result.cursor.uidValidity else {
            throw TickFailure(description: "the server gave no UIDVALIDITY for \(inbox)")
        }
        try store.setBookmark(MailboxBookmark(mailbox: inbox, uidValidity: validity, highestUID: result.cursor.highestUID,
                                              uidNext: saved?.uidNext, eventsSeen: newestEvent))
        let finished = clock()
        lastCheck = started
        _ = try store.updateStatus {
            $0.lastCheckAt = finished
            $0.lastCheckResult = "ok: \(result.messages.count) new, \(report.repliesRecorded) replies"
        }
    }

    /// How far back a scan by date must look: the earliest moment a current
    /// event of an application still open hears replies from (its start, or
    /// when it was recorded ahead), since only replies after it count.
    func rescanStart(_ histories: [ApplicationHistory]) -> Date {
        let starts = histories.filter { $0.application.outcome == nil }
            .compactMap { $0.application.events.last?.heardFrom }
        return starts.min() ?? clock().addingTimeInterval(-30 * 86400)
    }

    /// The earliest start of the events recorded since the last check that
    /// have already begun, in applications still open; nil when there are none.
    func backfillStart(_ histories: [ApplicationHistory], eventsSeen: EventID) -> Date? {
        let now = clock()
        return histories.filter { $0.application.outcome == nil }
            .flatMap(\.application.events)
            .filter { $0.id > eventsSeen && $0.start <= now }
            .map(\.start).min()
    }

    private func recordCheckFailure(_ error: Error) throws {
        logger.error("inbox check failed", metadata: ["error": "\(error)"])
        let finished = clock()
        _ = try workspace.store.updateStatus {
            // The failed check's own time: fuctl status must not show an older success's time beside "failed".
            $0.lastCheckAt = finished
            $0.lastCheckResult = "failed"
            $0.lastError = "inbox check: \(error)"
            $0.lastErrorAt = finished
        }
    }

    /// A failed send is the daemon's last error too, for `fuctl status`.
    private func recordSendError(_ draft: Draft, _ detail: String) {
        let at = clock()
        _ = try? workspace.store.updateStatus {
            $0.lastError = "draft \(draft.id) (\(draft.kind.rawValue)): \(detail)"
            $0.lastErrorAt = at
        }
    }

    // MARK: Plan

    func plan(_ report: inout TickReport) {
        let store = workspace.store
        let now = clock()
        let histories: [ApplicationHistory]
        do { histories = try store.histories() } catch {
            logger.error("cannot read the applications", metadata: ["error": "\(error)"])
            return
        }
        for history in histories {
            // One application's trouble must not hold the others back.
            do {
                try apply(Planner.plan(history: history, settings: workspace.settings, now: now), history, now, &report)
            } catch {
                logger.error("planning failed", metadata: ["application": "\(history.application.id)", "error": "\(error)"])
            }
        }
    }

    private func apply(_ actions: [PlanAction], _ history: ApplicationHistory, _ now: Date,
                       _ report: inout TickReport) throws {
        let store = workspace.store
        let app = history.application
        for action in actions {
            switch action {
            case .queue(let queued):
                let (draft, problems) = try workspace.writer.write(queued, history: history, now: now,
                                                                   randomBytes: Workspace.randomBytes())
                let stored = try store.insertDraft(draft, lintProblems: problems.map(\.description))
                report.queued += 1
                logger.notice("draft queued for approval", metadata: [
                    "draft": "\(stored.id)", "application": "\(app.id)", "kind": "\(queued.kind.rawValue)",
                    "due": "\(queued.due.formatted(.iso8601))", "problems": "\(problems.count)",
                ])
            case .cancel(let id, let reason):
                try store.cancel(draftID: id, reason: reason.description, now: now)
                report.cancelled += 1
                logger.notice("draft cancelled", metadata: ["draft": "\(id)", "reason": "\(reason)"])
            case .reschedule(let id, let due):
                try store.reschedule(draftID: id, due: due)
                logger.info("draft rescheduled", metadata: ["draft": "\(id)", "due": "\(due.formatted(.iso8601))"])
            case .markUndeliverable(_, let email):
                try store.markUndeliverable(email: email)
                logger.warning("contact address bounced", metadata: ["application": "\(app.id)"])
            case .markNoResponse(let id):
                try store.setOutcome(.noResponse, for: id)
                logger.notice("application closed: no response", metadata: ["application": "\(id)"])
            case .needsAttention(let id, let error):
                logger.warning("application needs attention", metadata: ["application": "\(id)", "error": "\(error)"])
            }
        }
    }

    // MARK: Send

    func sendDue(_ session: any MailSession, _ report: inout TickReport) {
        let store = workspace.store
        let due: [Draft]
        do {
            // A thank-you due with another message goes first: sent second it
            // would be held by the gap and then dropped.
            due = try store.drafts(in: [.approved, .notSentRetryable]).filter { $0.due <= clock() }
                .sorted { ($0.kind != .thankYou ? 1 : 0, $0.due, $0.id) < ($1.kind != .thankYou ? 1 : 0, $1.due, $1.id) }
        } catch {
            logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
            return
        }
        for draft in due {
            if stopRequested { return }
            if draft.state == .notSentRetryable, let wait = retryWait(draft), wait > clock() {
                logger.debug("retry waits", metadata: ["draft": "\(draft.id)", "until": "\(wait.formatted(.iso8601))"])
                continue
            }
            do {
                try send(draft, session, &report)
            } catch {
                // A check that fails right before a send stops every send of this tick.
                logger.error("sending stopped", metadata: ["draft": "\(draft.id)", "error": "\(error)"])
                return
            }
        }
    }

    /// A temporary failure is retried after 5 minutes, then after twice as
    /// long each time, up to 6 hours, so a server that is down is not hammered.
    func retryWait(_ draft: Draft) -> Date? {
        guard let attempts = try? workspace.store.outboxEntry(id: draft.id)?.attempts,
              let last = attempts.last else { return nil }
        let failures = attempts.reversed().prefix { $0.outcome == DraftState.notSentRetryable.rawValue }.count
        let delay = min(6 * 3600, 300 * pow(2, Double(max(0, failures - 1))))
        return last.at.addingTimeInterval(delay)
    }

    private func send(_ draft: Draft, _ session: any MailSession, _ report: inout TickReport) throws {
        let store = workspace.store
        let settings = workspace.settings
        if lastCheck.map({ clock().timeIntervalSince($0) > settings.freshCheck }) ?? true {
            var recheck = TickReport()
            try checkInbox(session, &recheck)
            report.repliesRecorded += recheck.repliesRecorded
        }
        let sentFolder = workspace.config.imap.sent
        // Where the Sent copy will land, so a crash can be settled later.
        let mark = try? session.sentMark()
        if let mark {
            try store.setBookmark(MailboxBookmark(mailbox: sentFolder, uidValidity: mark.uidValidity,
                                                            highestUID: 0, uidNext: mark.uidNext))
        }
        let lastCheck = self.lastCheck
        let start = try store.beginSend(draftID: draft.id, now: clock()) { current, history, sameAddress in
            switch Gate.check(draft: current, history: history, sendsToSameAddress: sameAddress,
                              lastInboxCheck: lastCheck, now: self.clock(), settings: settings) {
            case .send: return .send
            case .refuse(let reasons): return .hold(reasons.map(\.description).joined(separator: "; "))
            }
        }
        guard case .started(let sending) = start else {
            if case .held(let why) = start {
                report.held += 1
                logger.info("draft held by the policy", metadata: ["draft": "\(draft.id)", "reasons": "\(why)"])
            }
            return
        }
        let identity = workspace.config.identity
        let bytes: [UInt8]
        do {
            bytes = try OutgoingMessage(draft: sending, identity: identity, date: sending.sentAt ?? clock()).render()
        } catch {
            try store.finishSend(draftID: sending.id, outcome: .notSentPermanent(error: "\(error)"), now: clock())
            report.failed += 1
            logger.error("draft cannot be made into a message", metadata: ["draft": "\(sending.id)", "error": "\(error)"])
            return
        }
        let outcome = session.send(bytes, from: identity.email, to: [sending.recipientEmail])
        switch outcome {
        case .delivered:
            try store.finishSend(draftID: sending.id, outcome: .sent, now: clock())
            report.sent += 1
            logger.notice("sent", metadata: ["draft": "\(sending.id)", "kind": "\(sending.kind.rawValue)",
                                             "message_id": "\(sending.messageID)"])
            if workspace.config.imap.appendSent {
                do { try session.appendToSent(bytes) } catch {
                    logger.warning("sent, but the Sent copy failed", metadata: ["draft": "\(sending.id)", "error": "\(error)"])
                }
            }
        case .notSent(.temporary, let detail):
            try store.finishSend(draftID: sending.id, outcome: .notSentRetryable(error: detail), now: clock())
            recordSendError(sending, "not sent, will retry: \(detail)")
            report.failed += 1
            logger.warning("not sent, will retry", metadata: ["draft": "\(sending.id)", "error": "\(detail)"])
        case .notSent(.permanent, let detail):
            try store.finishSend(draftID: sending.id, outcome: .notSentPermanent(error: detail), now: clock())
            recordSendError(sending, "not sent: \(detail)")
            report.failed += 1
            logger.error("not sent", metadata: ["draft": "\(sending.id)", "error": "\(detail)"])
        case .unknown(let detail):
            // Never retried: the employer may already have it.
            try store.finishSend(draftID: sending.id, outcome: .unknown(error: detail), now: clock())
            recordSendError(sending, "outcome unknown, decide with fuctl resolve: \(detail)")
            report.unknown += 1
            logger.error("send outcome unknown; decide with fuctl", metadata: ["draft": "\(sending.id)", "error": "\(detail)"])
        }
    }

    // MARK: Crash recovery

    /// At start-up: every send that was in flight becomes `unknown`.
    public func recoverInterruptedSends() throws {
        for draft in try workspace.store.recoverInterruptedSends(now: clock()) {
            logger.warning("a send was interrupted; looking for it in the Sent folder", metadata: ["draft": "\(draft.id)"])
        }
    }

    /// Looks for every `unknown` draft's Message-ID in the Sent folder: found
    /// means sent; not found leaves it unknown for the user to decide, and it
    /// counts toward the cap and the gap meanwhile.
    private func settleInterruptedSends(_ session: any MailSession) {
        let store = workspace.store
        do {
            let sentFolder = workspace.config.imap.sent
            let mark = try store.bookmark(mailbox: sentFolder).flatMap { c in
                c.uidNext.map { AppendMark(mailbox: sentFolder, uidValidity: c.uidValidity, uidNext: $0) }
            }
            for draft in try store.drafts(in: [.unknown]) {
                // The mark is where the latest send would have been filed; an
                // older unknown send is looked for in the whole folder.
                let found = try session.sentFolderContains(messageID: draft.messageID, from: mark)
                    || (mark != nil && session.sentFolderContains(messageID: draft.messageID, from: nil))
                try store.settle(draftID: draft.id, foundInSent: found, now: clock())
                if found {
                    logger.notice("interrupted send found in the Sent folder: sent", metadata: ["draft": "\(draft.id)"])
                } else {
                    logger.warning("interrupted send not found in the Sent folder; decide with fuctl resolve",
                                   metadata: ["draft": "\(draft.id)"])
                }
            }
            settled = true
        } catch {
            logger.warning("cannot look into the Sent folder yet", metadata: ["error": "\(error)"])
        }
    }
}

/// A flag set from the signal queue and read from the tick's.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
