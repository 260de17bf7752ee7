import Dispatch
import Foundation
import Logging
import FollowUpStore
import FollowUpWorkspace

/// followupd's life: start-up recovery, a tick at every poll interval (with
/// jitter, so many users' daemons don't hit a provider in step), systemd
/// notifications, and signals. Every tick runs on one serial queue, so a
/// stop or a reload waits for the tick in flight to finish.
public final class Daemon: @unchecked Sendable {
    private let engine: Engine
    private let reload: () throws -> Workspace
    private let logger: Logger
    private let notifier: SystemdNotifier
    private let queue = DispatchQueue(label: "followupd.tick")
    private var timer: DispatchSourceTimer?
    private var watchdogTimer: DispatchSourceTimer?
    private var signals: SignalWatcher?

    /// `reload` opens the workspace again from the config file (SIGHUP).
    public init(engine: Engine, logger: Logger, notifier: SystemdNotifier, reload: @escaping () throws -> Workspace) {
        self.engine = engine
        self.logger = logger
        self.notifier = notifier
        self.reload = reload
    }

    /// `--once`: recovery and one tick. The exit status: 0 when the tick
    /// succeeded, 78 (EX_CONFIG) when the config names a folder the server lacks.
    public func runOnce() -> Int32 {
        defer { engine.waitForNotices() }
        do {
            try engine.recoverInterruptedSends()
            let report = try engine.tick()
            logger.info("tick done", metadata: Self.metadata(report))
            return 0
        } catch let failure as Engine.TickFailure where failure.code == .configuration {
            logger.critical("\(failure.cause)")
            return 78
        } catch {
            logger.error("tick failed", metadata: ["error": "\(error)"])
            return 1
        }
    }

    /// Runs until SIGTERM or SIGINT, then exits the process with status 0.
    public func runForever() throws -> Never {
        try engine.recoverInterruptedSends()
        let interval = engine.workspace.settings.pollInterval
        signals = SignalWatcher(queue: DispatchQueue(label: "followupd.signals"), onStop: { [self] sig in
            logger.notice("stopping", metadata: ["signal": "\(sig)"])
            notifier.stopping()
            engine.requestStop()
            // Queued behind the tick in flight, which ends after its current send.
            queue.async { exit(0) }
        }, onReload: { [self] in
            queue.async { self.reloadConfig() }
        })
        // One shot at a time, rescheduled after each tick: the next tick is a
        // full interval after this one ended, and no tick ever waits on the queue.
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.setEventHandler { [self] in
            runTick()
            engine.workspace.releaseBetweenTicks()
            IdleMemory.release()
            scheduleNextTick()
        }
        timer.schedule(deadline: .now())
        self.timer = timer
        if let watchdog = notifier.watchdogInterval {
            // Pinged from the tick queue: a hung tick stops the pings and systemd restarts us.
            let ping = DispatchSource.makeTimerSource(queue: queue)
            ping.schedule(deadline: .now() + watchdog, repeating: watchdog)
            ping.setEventHandler { [notifier] in notifier.watchdog() }
            ping.resume()
            watchdogTimer = ping
        }
        notifier.ready(status: "checking every \(Self.duration(interval))")
        logger.notice("followupd started", metadata: ["poll_interval": "\(Int(interval))s"])
        timer.resume()
        dispatchMain()
    }

    private func runTick() {
        if engine.stopRequested { return }
        let atStart = !engine.foldersResolved
        do {
            let report = try engine.tick()
            logger.info("tick done", metadata: Self.metadata(report))
            notifier.status("last check \(engine.now().formatted(.iso8601)): ok, \(report.sent) sent, \(report.queued) queued")
        } catch let failure as Engine.TickFailure where failure.code == .configuration && atStart {
            // As any config error at start: exit 78, which the unit does not restart on.
            logger.critical("\(failure.cause)")
            notifier.stopping()
            exit(78)
        } catch let error as StoreError where error.code == .superseded {
            // Not 78: on-failure, systemd restarts the service, with the binary now installed.
            logger.critical("\(error)")
            notifier.stopping()
            exit(1)
        } catch {
            logger.error("tick failed", metadata: ["error": "\(error)"])
            notifier.status("last tick failed: \(error)")
        }
    }

    /// A poll interval later, plus jitter of up to a tenth of it, so that
    /// many users' daemons do not reach a provider in step.
    private func scheduleNextTick() {
        let interval = engine.workspace.settings.pollInterval
        timer?.schedule(deadline: .now() + interval + Double.random(in: 0...(interval / 10)), leeway: .seconds(1))
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let s = Int(seconds)
        if s % 3600 == 0 { return "\(s / 3600) h" }
        if s % 60 == 0 { return "\(s / 60) min" }
        return "\(s) s"
    }

    private func reloadConfig() {
        notifier.reloading()
        do {
            engine.replace(workspace: try reload())
            scheduleNextTick()
            logger.notice("config reloaded")
        } catch {
            logger.error("config reload failed; keeping the old one", metadata: ["error": "\(error)"])
        }
        notifier.ready(status: "config reloaded")
    }

    static func metadata(_ r: Engine.TickReport) -> Logger.Metadata {
        ["messages": "\(r.newMessages)", "replies": "\(r.repliesRecorded)", "queued": "\(r.queued)",
         "cancelled": "\(r.cancelled)", "sent": "\(r.sent)", "held": "\(r.held)", "failed": "\(r.failed)",
         "unknown": "\(r.unknown)"]
    }
}
