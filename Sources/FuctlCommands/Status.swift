import ArgumentParser
import FollowUpCore
import FollowUpStore
import Foundation

/// `fuctl status`: is followupd alive, how did its last inbox check go, what waits for you.
struct Status: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "Show whether followupd is running, its last check and error, and counts.")

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag

    struct Report: Encodable {
        var daemonAlive: Bool
        var pid: Int32?
        var heartbeat: Date?
        var lastCheckAt: Date?
        var lastCheckResult: String?
        var lastError: String?
        var queued: Int
        var approved: Int
        var unknown: Int
        var unknownDrafts: [DraftRow]
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let status = try workspace.store.status()
        let drafts = try workspace.store.drafts(in: [.drafted, .approved, .unknown])
        let unknown = drafts.filter { $0.state == .unknown }
        let report = Report(
            daemonAlive: Self.isAlive(status, pollInterval: workspace.config.daemon.pollInterval, now: context.now),
            pid: status.pid, heartbeat: status.heartbeat, lastCheckAt: status.lastCheckAt,
            lastCheckResult: status.lastCheckResult, lastError: status.lastError,
            queued: drafts.filter { $0.state == .drafted }.count, approved: drafts.filter { $0.state == .approved }.count,
            unknown: unknown.count, unknownDrafts: unknown.map { DraftRow($0) })
        if output.json { return try context.console.printJSON(report) }
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        var facts = Table("", "")
        facts.showsHeaders = false
        facts.add("followupd", report.daemonAlive ? "running (pid \(status.pid.map(String.init) ?? "?"))"
                  : "NOT running" + (status.heartbeat.map { " (last heartbeat \(times.human($0)))" } ?? ""))
        facts.add("Last check", status.lastCheckAt.map { "\(times.human($0)): \(status.lastCheckResult ?? "?")" } ?? "never")
        facts.add("Last error", status.lastError ?? "none")
        facts.add("Drafts", "\(report.queued) waiting for approval, \(report.approved) approved, \(report.unknown) unknown")
        context.console.print(facts.text)
        guard !unknown.isEmpty else { return }
        context.console.print("\nThese sends may or may not have reached the employer; they are never retried by themselves:")
        var table = Table("DRAFT", "APP", "KIND", "TO", "HANDED OVER", "MESSAGE-ID")
        for d in unknown {
            table.add("\(d.id)", "\(d.applicationID)", d.kind.rawValue, d.recipientEmail, d.sentAt.map(times.human) ?? "-", d.messageID)
        }
        context.console.print(table.text)
        context.console.print("Look for the Message-ID in your Sent folder or ask the recipient, then decide: fuctl resolve ID --sent, or fuctl resolve ID --not-sent")
    }

    /// Alive: the recorded process exists and wrote a heartbeat within two poll intervals.
    static func isAlive(_ status: DaemonStatus, pollInterval: TimeInterval, now: Date) -> Bool {
        guard let pid = status.pid, pid > 0, let heartbeat = status.heartbeat,
              now.timeIntervalSince(heartbeat) <= 2 * pollInterval else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
