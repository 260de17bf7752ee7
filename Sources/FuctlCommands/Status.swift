import ArgumentParser
import FollowUpConfig
import FollowUpCore
import FollowUpStore
import Foundation

/// `fuctl status`: is followupd alive, how did its last inbox check go, what waits for you.
struct Status: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show whether followupd is running, its last check and error, and counts.",
        discussion: """
            Exit status 0 when followupd is running, 3 when it is not (or has never run: no database yet), \
            with --json too, so scripts and monitors can test it. The last error is shown with when it \
            happened: before the last successful check (past) or since (current).
            """)

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag

    struct Report: Encodable {
        var daemonAlive: Bool
        var database: String
        var databaseExists: Bool
        var pid: Int32?
        var heartbeat: Date?
        /// The last successful inbox check.
        var lastCheckAt: Date?
        var lastCheckResult: String?
        var lastError: String?
        var lastErrorAt: Date?
        /// True when no successful check followed the last error; nil when its time is not recorded.
        var lastErrorCurrent: Bool?
        var queued = 0
        var approved = 0
        var unknown = 0
        var unknownDrafts: [DraftRow] = []
        /// Handed to the mail server with no outcome recorded yet: in flight,
        /// or the outcome could not be written (a full disk). Counts as sent.
        var sending = 0
    }

    func run(in context: Context) throws {
        let config = try Config.load(path: options.config, environment: context.environment, requireCredentials: false)
        // Opening the store would create it; an absent one means followupd never ran.
        guard FileManager.default.fileExists(atPath: config.daemon.database) else {
            let report = Report(daemonAlive: false, database: config.daemon.database, databaseExists: false)
            if output.json {
                try context.console.printJSON(report)
            } else {
                context.console.print("no database yet at \(config.daemon.database) (followupd has not run)")
            }
            throw ExitCode(FuctlMain.notRunning)
        }
        let workspace = try options.workspace(context)
        let status = try workspace.store.status()
        // Counted by SQLite; only the unknown ones are listed.
        let counts = try workspace.store.draftCounts()
        let unknown = try workspace.store.drafts(in: [.unknown])
        let report = Report(
            daemonAlive: Self.isAlive(status, pollInterval: workspace.settings.pollInterval, now: context.now),
            database: config.daemon.database, databaseExists: true,
            pid: status.pid, heartbeat: status.heartbeat, lastCheckAt: status.lastCheckAt,
            lastCheckResult: status.lastCheckResult, lastError: status.lastError, lastErrorAt: status.lastErrorAt,
            lastErrorCurrent: Self.isCurrent(status),
            queued: counts[.drafted] ?? 0, approved: counts[.approved] ?? 0,
            unknown: unknown.count, unknownDrafts: unknown.map { DraftRow($0) },
            sending: counts[.sending] ?? 0)
        if output.json {
            try context.console.printJSON(report)
        } else {
            print(report, unknown: unknown, to: context.console,
                  times: TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now))
        }
        if !report.daemonAlive { throw ExitCode(FuctlMain.notRunning) }
    }

    private func print(_ report: Report, unknown: [Draft], to console: Console, times: TimeText) {
        var facts = Table("", "")
        facts.showsHeaders = false
        facts.add("followupd", report.daemonAlive ? "running (pid \(report.pid.map(String.init) ?? "?"))"
                  : "NOT running" + (report.heartbeat.map { " (last heartbeat \(times.human($0)))" } ?? ""))
        facts.add("Last check", report.lastCheckAt.map { "\(times.human($0)): \(report.lastCheckResult ?? "?")" } ?? "never")
        facts.add("Last error", Self.lastErrorText(report, times: times))
        facts.add("Drafts", "\(report.queued) waiting for approval, \(report.approved) approved, \(report.unknown) unknown"
                  + (report.sending > 0 ? ", \(report.sending) being sent (no outcome recorded yet: counts as sent)" : ""))
        console.print(facts.text)
        guard !unknown.isEmpty else { return }
        console.print("\nThese sends may or may not have reached the employer; they are never retried by themselves:")
        var table = Table("DRAFT", "APP", "KIND", "TO", "HANDED OVER", "MESSAGE-ID")
        for d in unknown {
            table.add("\(d.id)", "\(d.applicationID)", d.kind.words, d.recipientEmail, d.sentAt.map(times.human) ?? "-", d.messageID)
        }
        console.print(table.text)
        console.print("When in doubt: fuctl resolve ID --sent (the safe side). Only when you know it did not arrive: fuctl resolve ID --not-sent (the step may be drafted again)")
    }

    /// The error with when it happened, set against the last successful check.
    static func lastErrorText(_ report: Report, times: TimeText) -> String {
        guard let error = report.lastError else { return "none" }
        guard let at = report.lastErrorAt else { return "\(error) (when: not recorded)" }
        if report.lastErrorCurrent == true {
            return "\(error) (\(times.human(at)); no successful check since)"
        }
        let checked = report.lastCheckAt.map { ", the last \(times.relative($0))" } ?? ""
        return "\(error) (\(times.human(at)); past: checks succeeded since\(checked))"
    }

    /// Whether no successful check followed the last error; nil without an error or its time.
    static func isCurrent(_ status: DaemonStatus) -> Bool? {
        guard status.lastError != nil, let at = status.lastErrorAt else { return nil }
        return status.lastCheckAt.map { at >= $0 } ?? true
    }

    /// Alive: the recorded process exists and wrote a heartbeat within two poll intervals.
    static func isAlive(_ status: DaemonStatus, pollInterval: TimeInterval, now: Date) -> Bool {
        guard let pid = status.pid, pid > 0, let heartbeat = status.heartbeat,
              now.timeIntervalSince(heartbeat) <= 2 * pollInterval else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
