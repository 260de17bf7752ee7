import Foundation
import MailMessage
import Testing
import TestSupport

/// One test's world: empty mailboxes, its own directory, config and
/// database, and the two programs run as the user would run them.
final class World {
    let stack: OwnMailStack
    let dir: String
    let config: String
    let time = Timeline()

    /// The world, or nil after printing why the suite cannot run here (in CI, the test fails).
    static func begin() throws -> World? {
        let environment = SuiteEnvironment.current
        guard let stack = environment?.stack else {
            let reason = environment?.missing ?? "the suite's mail stack was not set up"
            return TestEnvironment.missing("end-to-end test cannot run: \(reason)")
        }
        return try World(stack: stack)
    }

    private init(stack: OwnMailStack) throws {
        self.stack = stack
        try stack.emptyMailboxes()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-world-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        config = dir + "/config.toml"
        let passwordFile = dir + "/mail-password"
        _ = FileManager.default.createFile(atPath: passwordFile, contents: Data(stack.password(OwnMailStack.candidate).utf8),
                                       attributes: [.posixPermissions: 0o600])
        try writeConfig(config, smtpURL: "smtp://127.0.0.1:\(stack.port("SUBMISSION_PORT"))")
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// A config file for the candidate; `smtpURL` and `imapURL` let a test put a proxy
    /// (or a closed port) in the way, `database` move the state elsewhere.
    /// `imapExtra`: more keys for `[imap]`, such as `folders = […]`.
    func writeConfig(_ path: String, smtpURL: String, imapURL: String? = nil, database: String? = nil,
                     pollInterval: String = "5m", imapExtra: String = "") throws {
        let text = """
            [identity]
            name = "Morgan Lee"
            email = "\(OwnMailStack.candidate)"
            timezone = "\(Run.zone)"

            [imap]
            url = "\(imapURL ?? "imap://127.0.0.1:\(stack.port("IMAP_PORT"))")"
            password_file = "\(dir)/mail-password"
            ca_file = "\(stack.caFile)"
            \(imapExtra)

            [smtp]
            url = "\(smtpURL)"
            password_file = "\(dir)/mail-password"
            ca_file = "\(stack.caFile)"

            [daemon]
            database = "\(database ?? dir + "/followupd.sqlite")"
            poll_interval = "\(pollInterval)"

            [templates]
            dir = "\(dir)/templates"

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    // MARK: The programs

    /// `fuctl SUB --config … ARGS` at `at` (nil: the real time); an exit other than `expecting` is an issue.
    @discardableResult
    func fuctl(_ sub: String, _ arguments: [String] = [], at: Date?, environment: [String: String] = [:],
               expecting: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let finished = try run(sub, arguments, at: at, environment: environment)
        #expect(finished.status == expecting, "fuctl \(sub) \(arguments) failed: \(finished.output)", sourceLocation: sourceLocation)
        return finished.stdout
    }

    /// `fuctl SUB --config … ARGS` at `at` (nil: the real time), however it ends.
    func run(_ sub: String, _ arguments: [String], at: Date?, environment: [String: String] = [:]) throws -> Finished {
        try Running(Paths.binary("fuctl"), [sub, "--config", config] + arguments,
                    fakeTime: at.map(time.fake), environment: environment).wait(seconds: 60)
    }

    /// One tick of followupd (`--once`) at `at` (nil: the real time), which must succeed.
    @discardableResult
    func tick(at: Date?, config: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Finished {
        let finished = try startTick(at: at, config: config).wait(seconds: 60)
        #expect(finished.status == 0, "followupd --once failed: \(finished.output)", sourceLocation: sourceLocation)
        return finished
    }

    /// A tick left running, for a test that kills it.
    func startTick(at: Date?, config: String? = nil, environment: [String: String] = [:]) throws -> Running {
        try Running(Paths.binary("followupd"), ["--config", config ?? self.config, "--once"],
                    fakeTime: at.map(time.fake), environment: environment)
    }

    /// Records the usual application: an interview 10:00–11:00 on the interview day.
    func addApplication(decisionDate: String? = nil, at: Date? = nil) throws -> Int {
        var arguments = ["--json", "--company", "Employer KK", "--role", "Platform Engineer",
                         "--contact-name", "Dana Roe", "--contact-email", OwnMailStack.hr,
                         "--interview", time.day() + " 10:00", "--duration", "1h", "--tz", Run.zone,
                         "--talking-point", "the move of the billing system to event sourcing"]
        if let decisionDate { arguments += ["--decision-date", decisionDate] }
        let out = try fuctl("add", arguments, at: at ?? time.at(0, "12:00"))
        return try JSONDecoder().decode([String: Int].self, from: Data(out.utf8))["id"] ?? 0
    }

    func queue(at: Date?) throws -> [DraftInfo] {
        try decode([DraftInfo].self, fuctl("queue", ["--json"], at: at))
    }

    func show(_ app: Int, at: Date?) throws -> ApplicationInfo {
        try decode(ApplicationInfo.self, fuctl("show", [String(app), "--json"], at: at))
    }

    func approve(_ draft: Int, at: Date?, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try fuctl("approve", [String(draft)], at: at, sourceLocation: sourceLocation)
    }

    func status(at: Date?) throws -> StatusInfo {
        try decode(StatusInfo.self, fuctl("status", ["--json"], at: at, expecting: 3))
    }

    /// The draft `id` as `fuctl show` has it now.
    func draft(_ id: Int, of app: Int, at: Date?) throws -> DraftInfo? {
        try show(app, at: at).allDrafts.first { $0.id == id }
    }

    /// The interview afternoon: the thank-you is drafted and approved (due the next day).
    func approvedThankYou(sourceLocation: SourceLocation = #_sourceLocation) throws -> DraftInfo {
        try tick(at: time.at(0, "15:00"), sourceLocation: sourceLocation)
        let thankYou = try #require(try waiting("thank_you", at: time.at(0, "15:01"), sourceLocation: sourceLocation),
                                    sourceLocation: sourceLocation)
        try approve(thankYou.id, at: time.at(0, "15:02"), sourceLocation: sourceLocation)
        return thankYou
    }

    /// The one waiting draft of `kind`, or nil (an issue) when there is none.
    func waiting(_ kind: String, at: Date?, sourceLocation: SourceLocation = #_sourceLocation) throws -> DraftInfo? {
        let found = try queue(at: at).filter { $0.kind == kind }
        #expect(found.count == 1, "expected one waiting \(kind), queue has \(found.map(\.kind))", sourceLocation: sourceLocation)
        return found.first
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(text.utf8))
    }

    // MARK: Mail

    /// What reached the employer's INBOX, parsed, oldest first.
    func employerInbox() throws -> [ParsedMessage] {
        try stack.messages(OwnMailStack.hr).map { ParsedMessage($0) }
    }

    /// A message filed straight into the candidate's `folder` (a server
    /// rule, the spam filter; "INBOX" is the inbox), arrived at `at`.
    func filed(_ message: String, in folder: String, at: Date) throws {
        let crlf = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        try stack.files.writeToMaildir([Array(crlf.utf8)], user: OwnMailStack.candidate,
                                       folder: folder == "INBOX" ? nil : folder, receivedAt: at)
    }

    /// The employer writes to the candidate (delivered at the real time).
    func employerWrites(_ message: String, envelopeFrom: String = OwnMailStack.hr) throws {
        try stack.deliverToCandidate(message, from: envelopeFrom, scratch: dir)
    }
}

/// A draft as `fuctl queue --json` and `fuctl show --json` print it.
struct DraftInfo: Decodable {
    var id: Int
    var applicationId: Int
    var kind: String
    var state: String
    var due: Date
    var to: String
    var subject: String
    var messageId: String
    var sentAt: Date?
    /// What lint found (`fuctl queue` only).
    var problems: [ProblemInfo]?

    struct ProblemInfo: Decodable { var text: String }
}

/// `fuctl show --json`.
struct ApplicationInfo: Decodable {
    struct ContactInfo: Decodable {
        var email: String
        var undeliverable: Bool
    }
    struct ReplyInfo: Decodable {
        var replyClass: String
        var from: String?
    }
    struct EventInfo: Decodable {
        var id: Int
        var start: Date
        var end: Date
        var movedAt: Date?
        var cancelledAt: Date?
        var invitation: String?
    }
    var state: String
    var outcome: String?
    var contacts: [ContactInfo]
    var events: [EventInfo]
    var drafts: [DraftInfo]
    var sent: [DraftInfo]
    var replies: [ReplyInfo]

    var allDrafts: [DraftInfo] { drafts + sent }
}

/// `fuctl status --json`.
struct StatusInfo: Decodable {
    var lastCheckAt: Date?
    var lastCheckResult: String?
    var lastError: String?
    var unknown: Int
    var unknownDrafts: [DraftInfo]
}

/// A row of `fuctl log --json`.
struct LogRow: Decodable {
    var draft: Int
    var state: String
    var outcome: String
    var messageId: String
}

extension ParsedMessage {
    /// The Message-ID without its angle brackets, as fuctl shows it.
    var bareMessageID: String? { messageID.map(Self.bare) }
    var bareInReplyTo: [String] { inReplyTo.map(Self.bare) }
    var bareReferences: [String] { references.map(Self.bare) }

    static func bare(_ id: String) -> String { id.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }

    /// Words of the body, the signature included.
    var wordCount: Int {
        text.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains(where: \.isLetter) }.count
    }
}
