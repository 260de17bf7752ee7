import Foundation
import TestSupport
import Testing
import FollowUpCore
import FollowUpStore
import FollowUpWorkspace
@testable import FuctlCommands

/// A scratch home with a minimal valid config and its own database; commands
/// run in-process with a fixed clock and captured output.
struct Fixture {
    let dir: String
    let configPath: String
    let environment: [String: String]

    /// Interview Tue 2027-01-12 10:00–11:00 America/Los_Angeles (POLICY worked example 1).
    static let interview = "2027-01-12 10:00"
    /// Tue 2027-01-12 12:00 PST.
    static let afterInterview = utc("2027-01-12T20:00:00Z")

    init(configText: ((String) -> String)? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("fuctl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        configPath = dir + "/config.toml"
        let text = """
            [identity]
            name = "Morgan Lee"
            email = "morgan@example.com"
            timezone = "America/Los_Angeles"

            [imap]
            url = "imap://127.0.0.1:1143"
            password_command = "echo x"

            [smtp]
            url = "smtp://127.0.0.1:1587"
            password_command = "echo x"

            [daemon]
            database = "\(dir)/state/followupd.sqlite"
            """
        try (configText?(text) ?? text).write(toFile: configPath, atomically: true, encoding: .utf8)
        environment = ["HOME": dir, "PATH": "/usr/bin:/bin"]
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }

    struct Outcome {
        var code: Int32
        var output: String
        var errors: String
    }

    /// Runs `fuctl ARGS --config <this config>` at `now`.
    @discardableResult
    func run(_ arguments: [String], now: Date = afterInterview, environment extra: [String: String] = [:],
             input: Data = Data()) -> Outcome {
        let console = Console.captured()
        let context = Context(now: now, environment: environment.merging(extra) { _, new in new }, console: console,
                              input: { input })
        let code = FuctlMain.run(arguments: arguments + ["--config", configPath], context: context)
        return Outcome(code: code, output: console.output, errors: console.errors)
    }

    /// Runs `fuctl ARGS` with no `--config`: root-level flags and parse errors.
    func runBare(_ arguments: [String]) -> Outcome {
        let console = Console.captured()
        let code = FuctlMain.run(arguments: arguments, context: Context(now: Self.afterInterview, environment: environment, console: console))
        return Outcome(code: code, output: console.output, errors: console.errors)
    }

    /// The 1-based line of the config that starts with `prefix`.
    func configLine(startingWith prefix: String) throws -> Int {
        let lines = try String(contentsOfFile: configPath, encoding: .utf8).components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.hasPrefix(prefix) }) + 1
    }

    /// `fuctl add` for Acme with the worked example's interview; returns the id.
    func addApplication(email: String = "dana@acme.example", extra: [String] = []) throws -> ApplicationID {
        let r = run(["add", "--json", "--company", "Acme", "--role", "Platform Engineer", "--contact-name", "Dana Reyes",
                     "--contact-email", email, "--interview", Self.interview, "--duration", "1h",
                     "--tz", "America/Los_Angeles", "--talking-point", "the move to a new build system"] + extra)
        guard r.code == 0, let object = try? json(r.output) as? [String: Any], let id = object["id"] as? Int else {
            throw FixtureError("add failed: \(r.code) \(r.errors)")
        }
        return ApplicationID(id)
    }

    /// The default override directory for templates under this fixture's HOME.
    var templatesDir: String { dir + "/.config/followupd/templates" }

    func workspace() throws -> Workspace {
        try Workspace.open(configPath: configPath, requireCredentials: false, checkTemplates: false, environment: environment)
    }

    /// A thank-you drafted the way the daemon drafts it, in the store.
    func queueThankYou(_ app: ApplicationID, now: Date = afterInterview) throws -> Draft {
        let ws = try workspace()
        let history = try #require(try ws.store.history(for: app))
        let queued = QueuedDraft(applicationID: app, round: history.application.events[0].id, kind: .thankYou,
                                 recipient: history.application.contacts[0], due: utc("2027-01-13T19:00:00Z"), thread: nil)
        let (draft, problems) = try ws.writer.write(queued, history: history, now: now, randomBytes: Workspace.randomBytes())
        return try ws.store.insertDraft(draft, lintProblems: problems.map(\.description))
    }

    /// Replaces a draft's body through the store, as an edit would.
    func setBody(_ id: DraftID, _ change: (String) -> String) throws {
        let store = try workspace().store
        let draft = try #require(try store.draft(id: id))
        try store.edit(draftID: id, subject: draft.subject, body: change(draft.body), lintProblems: [], now: Self.afterInterview)
    }

    /// Takes an approved draft through a send that ends as `outcome`.
    func send(_ id: DraftID, at time: Date, outcome: SendAttemptOutcome = .sent) throws {
        let store = try workspace().store
        if try store.draft(id: id)?.state == .drafted { try store.approve(draftID: id, now: time) }
        guard case .started = try store.beginSend(draftID: id, now: time, gate: { _, _, _ in .send }) else {
            throw FixtureError("send of \(id) did not start")
        }
        try store.finishSend(draftID: id, outcome: outcome, now: time)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The JSON object or array a command printed.
func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
}
