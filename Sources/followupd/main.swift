import ArgumentParser
import Foundation
import Logging
import FollowUpConfig
import FollowUpDaemon
import FollowUpDrafts
import FollowUpStore
import FollowUpWorkspace

/// followupd: checks the inbox for the employer's replies, queues follow-up
/// drafts for approval on time, and sends the approved ones by the policy.
struct Followupd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followupd",
        abstract: "Drafts interview follow-ups on time and sends the ones you approve.")

    @Option(name: .long, help: "The config file (default: $XDG_CONFIG_HOME/followupd/config.toml, then /etc/followupd/config.toml).")
    var config: String?

    @Flag(name: .long, help: "Run one tick and exit: 0 when it succeeded.")
    var once = false

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func run() throws {
        JournalLogHandler.bootstrap(level: logLevel)
        let logger = Logger(label: "followupd")
        let path = config
        let workspace: Workspace
        do {
            workspace = try Workspace.open(configPath: path, requireCredentials: true)
            // The daemon checks the whole database at each start; --once at most daily.
            try workspace.store.verify(unlessPassedSince: once ? Date() - 86_400 : nil)
            try workspace.store.refuseIfSuperseded()
        } catch let error as StoreError where error.code == .unusable || error.code == .superseded {
            // A person must look (restore a backup): restarting cannot help.
            logger.critical("cannot start: \(error)")
            throw ExitCode(78)
        } catch let error as ConfigError {
            logger.critical("\(error)")
            throw ExitCode(78)
        } catch let error as TemplateError {
            // A broken template override is configuration too: systemd must not restart-loop on it.
            logger.critical("\(error)")
            throw ExitCode(78)
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode.failure
        }
        if let exposure = workspace.store.exposure { logger.warning("\(exposure)") }
        let lock: InstanceLock
        do {
            lock = try InstanceLock(database: workspace.config.daemon.database)
        } catch {
            logger.critical("\(error)")
            throw ExitCode.failure
        }
        defer { withExtendedLifetime(lock) {} }
        let engine = Engine(workspace: workspace, logger: logger) { LiveMailSession(config: $0.config, stopRequested: $1) }
        let daemon = Daemon(engine: engine, logger: logger, notifier: SystemdNotifier()) {
            try Workspace.open(configPath: path, requireCredentials: true)
        }
        if once {
            let status = daemon.runOnce()
            if status != 0 { throw ExitCode(status) }
            return
        }
        try daemon.runForever()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

Followupd.main()
