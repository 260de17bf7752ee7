import Foundation
import Logging
import FollowUpConfig
import FollowUpCore
import FollowUpReplies
import FollowUpStore
import FollowUpWorkspace
import InboxReading
import MailMessage
import MailTransport

/// One tick of followupd: check the inbox and record what it means
/// (`InboxCheck`), plan by the policy (`PlanApplier`), send approved drafts
/// the gate lets go (`Dispatcher`), and settle unknown sends from the Sent
/// folder (`SentReconciler`). Mail in -> facts -> pure decisions -> store ->
/// mail out. This type holds only what lives across ticks.
///
/// Not thread-safe: the daemon runs it on one serial queue.
public final class Engine: @unchecked Sendable {
    public private(set) var workspace: Workspace
    /// Opens the tick's session; the closure it is given says whether a stop
    /// was requested, for transfers that wait on a server to give up early.
    private let openSession: (Workspace, @escaping @Sendable () -> Bool) throws -> any MailSession
    private let logger: Logger
    private let clock: @Sendable () -> Date
    /// The injected clock: what the daemon reports as now.
    public func now() -> Date { clock() }
    /// When the last inbox check that finished successfully began (POLICY invariant 4).
    /// Kept in memory only: after a restart the daemon checks before it sends.
    private(set) var lastCheck: Date?
    /// Unknown sends wait for a look into the Sent folder, once per process.
    private var settled = false
    private let stopFlag = StopFlag()
    /// A send's outcome the store could not take (a full disk): nothing more
    /// is sent until it is recorded.
    private var unrecorded: (draft: DraftID, outcome: SendAttemptOutcome)?
    /// The folders the last tick read, to log a change once, not every tick.
    private var folders: ReplyFolders?
    /// Whether the folders were ever resolved in this process: one missing at
    /// start is a config error, one that goes later fails each check.
    public var foldersResolved: Bool { folders != nil }
    private let noticeCommands: NoticeCommands

    public init(workspace: Workspace, logger: Logger, clock: @escaping @Sendable () -> Date = Date.init,
                openSession: @escaping (Workspace, @escaping @Sendable () -> Bool) throws -> any MailSession) {
        self.workspace = workspace
        self.logger = logger
        self.clock = clock
        self.openSession = openSession
        noticeCommands = NoticeCommands(logger: logger)
    }

    /// Asks a running tick to stop: a transfer waiting on a server gives up
    /// within a second, except an SMTP transaction whose final bytes are on
    /// their way, which waits for the server's answer (at most the stall limit).
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

    /// Why a tick did not do its job. Any of them fails `followupd --once`
    /// (exit 1) and shows in `fuctl status` as the last error.
    public struct TickFailure: Error, CustomStringConvertible {
        public enum Code: String, Sendable {
            /// No session could be opened: nothing was read or sent.
            case unreachable
            /// The inbox check failed: nothing was sent.
            case inboxCheck = "inbox-check"
            /// A send or its re-check failed: the sends after it wait.
            case sendingStopped = "sending-stopped"
            /// The config names what the server does not have (a folder): nothing was read or sent.
            case configuration
        }

        public var code: Code
        /// What went wrong underneath, in words without secrets.
        public var cause: String

        public var description: String {
            switch code {
            case .unreachable: "cannot reach the mail servers: \(cause)"
            case .inboxCheck, .configuration: "inbox check failed, nothing sent: \(cause)"
            case .sendingStopped: "sending stopped: \(cause)"
            }
        }
    }

    /// Runs one tick, then tells the user what needs them (`Notifier`),
    /// whether it succeeded or not. Throws when the inbox could not be
    /// checked: then nothing was sent.
    @discardableResult
    public func tick() throws -> TickReport {
        var session: (any MailSession)?
        let notifier = Notifier(workspace: workspace, logger: logger, clock: clock, commands: noticeCommands)
        let began = notifier.begin()
        do {
            let report = try work(&session)
            notifier.run(session, checkFailure: nil, began: began)
            return report
        } catch {
            let checkFailed = (error as? TickFailure).map { $0.code != .sendingStopped } ?? true
            notifier.run(session, checkFailure: checkFailed ? "\(error)" : nil, began: began)
            throw error
        }
    }

    /// Waits for notice commands still running: `--once` exits after this.
    public func waitForNotices() { noticeCommands.waitForAll() }

    private func work(_ opened: inout (any MailSession)?) throws -> TickReport {
        var report = TickReport()
        let store = workspace.store
        try store.refuseIfSuperseded()
        _ = try? store.updateStatus { $0.pid = getpid(); $0.heartbeat = clock() }
        let inbox = InboxCheck(workspace: workspace, logger: logger, clock: clock)
        let session: any MailSession
        do {
            session = try openSession(workspace) { [stopFlag] in stopFlag.isSet }
            opened = session
        } catch {
            try inbox.recordFailure(error)
            throw TickFailure(code: .unreachable, cause: "\(error)")
        }
        try recordUnrecordedOutcome()
        if !settled { settled = reconciler.settleUnknownSends(session) }
        if workspace.config.imap.appendSent { SentCopies(store: store, logger: logger).filePending(session) }
        let folders: [String]
        do {
            folders = try resolveFolders(session)
            let checked = try inbox.run(session, folders: folders)
            lastCheck = checked.started
            report.newMessages = checked.newMessages
            report.repliesRecorded = checked.repliesRecorded
        } catch {
            try inbox.recordFailure(error)
            throw TickFailure(code: error is ConfigError ? .configuration : .inboxCheck, cause: "\(error)")
        }
        let planned = PlanApplier(workspace: workspace, logger: logger, clock: clock).run()
        report.queued = planned.queued
        report.cancelled = planned.cancelled
        let dispatcher = Dispatcher(workspace: workspace, logger: logger, clock: clock)
        let sent = dispatcher.run(session, freshCheck: { try freshCheck(inbox, session, folders, &report) },
                                  stopRequested: { stopRequested })
        report.sent = sent.sent
        report.held = sent.held
        report.failed = sent.failed
        report.unknown = sent.unknown
        unrecorded = sent.unrecorded
        if let why = sent.stoppedBy {
            // Nothing unsafe went out, but the tick did not do its job: say so (exit code, status).
            throw TickFailure(code: .sendingStopped, cause: why)
        }
        return report
    }

    /// The outcome a full disk kept from the store, recorded before anything
    /// else happens; while it cannot be, the tick fails and nothing is sent.
    private func recordUnrecordedOutcome() throws {
        guard let (draft, outcome) = unrecorded else { return }
        do {
            try workspace.store.finishSend(draftID: draft, outcome: outcome, fileCopy: workspace.config.imap.appendSent, now: clock())
            unrecorded = nil
            logger.notice("the send's outcome is recorded at last", metadata: ["draft": "\(draft)"])
        } catch let error as StoreError where error.code == .invalidTransition {
            // No longer `sending`: another process settled it (fuctl resolve). Nothing left to record.
            unrecorded = nil
            logger.warning("the send's outcome was settled meanwhile", metadata: ["draft": "\(draft)", "error": "\(error)"])
        } catch {
            logger.critical("the send's outcome still cannot be recorded; nothing is sent",
                            metadata: ["draft": "\(draft)", "error": "\(error)"])
            throw TickFailure(code: .sendingStopped, cause: "the outcome of draft \(draft) could not be recorded: \(error)")
        }
    }

    /// The last check's start when it is fresh enough to send on; otherwise
    /// the inbox is checked again first (POLICY invariant 4).
    private func freshCheck(_ inbox: InboxCheck, _ session: any MailSession, _ folders: [String],
                            _ report: inout TickReport) throws -> Date {
        if let lastCheck, clock().timeIntervalSince(lastCheck) <= workspace.settings.freshCheck { return lastCheck }
        do {
            let checked = try inbox.run(session, folders: folders)
            lastCheck = checked.started
            report.repliesRecorded += checked.repliesRecorded
            return checked.started
        } catch {
            try? inbox.recordFailure(error)
            throw error
        }
    }

    /// `imap.folders` against the server's list, at every tick, so that a
    /// folder made or removed since is seen. A folder the config names and
    /// the server lacks is a `ConfigError` naming the file and line.
    private func resolveFolders(_ session: any MailSession) throws -> [String] {
        let imap = workspace.config.imap
        let listing = try session.listMailboxes()
        let resolved: ReplyFolders
        do {
            resolved = try ReplyFolders.resolve(imap.folders, allRequired: imap.foldersGiven, sent: imap.sent, listing: listing)
        } catch let problem as ReplyFolders.Problem {
            if folders != nil { logger.warning("a folder of imap.folders is gone from the server", metadata: ["error": "\(problem)"]) }
            throw ConfigError(file: workspace.config.path, line: imap.foldersLine, key: "imap.folders", message: problem.message)
        }
        if resolved != folders {
            let shown = { (names: [String]) in names.map { ModifiedUTF7.decode($0) ?? $0 }.joined(separator: ", ") }
            logger.notice("reading folders for replies", metadata: ["folders": "\(shown(resolved.mailboxes))"])
            for choice in resolved.leftOut {
                logger.notice("the server has no \(choice) folder; it is left out", metadata: ["key": "imap.folders"])
            }
            if !resolved.heldByAll.isEmpty {
                logger.notice("not read on their own: \\All holds them", metadata: ["folders": "\(shown(resolved.heldByAll))"])
            }
        }
        folders = resolved
        return resolved.mailboxes
    }

    private var reconciler: SentReconciler { SentReconciler(workspace: workspace, logger: logger, clock: clock) }

    /// At start-up: every send that was in flight is settled by its journal.
    public func recoverInterruptedSends() throws { try reconciler.recoverInterruptedSends() }
}

/// A flag set from the signal queue and read from the tick's.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
