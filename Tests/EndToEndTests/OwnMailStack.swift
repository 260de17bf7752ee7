import Foundation
import MailTransport

/// The suite's own Dovecot + Postfix (scripts/mailstack.sh in a temp dir of
/// its own, so its ports and mailboxes are apart from the stack the
/// transport tests share), with the three users' mailboxes as files and over IMAP.
final class OwnMailStack: Sendable {
    static let candidate = "candidate@example.test"
    static let hr = "hr@employer.test"
    static let recruiter = "recruiter@employer.test"

    let dir: String
    let ports: [String: Int]
    let caFile: String
    private let passwords: [String: String]

    /// Starts a stack in `dir`; throws with the script's output when it cannot.
    init(dir: String) throws {
        let start = try Run.tool(Paths.script("mailstack.sh"), ["start", dir])
        guard start.status == 0 else { throw StackFailure(reason: "scripts/mailstack.sh start failed: \(start.output)") }
        // Open ports alone could be another stack's on the same ports: our own daemons must be up.
        for pidFile in ["/dovecot/run/master.pid", "/postfix/spool/pid/master.pid"]
            where !FileManager.default.fileExists(atPath: dir + pidFile) {
            throw StackFailure(reason: "scripts/mailstack.sh start left no \(pidFile): are its ports taken?")
        }
        let env = try String(contentsOfFile: dir + "/stack.env", encoding: .utf8)
        var values: [String: String] = [:]
        for line in env.split(separator: "\n") {
            let kv = line.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { values[kv[0]] = kv[1] }
        }
        var passwords: [String: String] = [:]
        for line in try String(contentsOfFile: dir + "/passwords", encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            if parts.count == 2 { passwords[parts[0]] = parts[1] }
        }
        self.dir = dir
        self.ports = values.compactMapValues(Int.init)
        self.caFile = values["CA_FILE"] ?? dir + "/tls/ca.pem"
        self.passwords = passwords
    }

    struct StackFailure: Error, CustomStringConvertible { let reason: String; var description: String { reason } }

    func stop() {
        _ = try? Run.tool(Paths.script("mailstack.sh"), ["stop", dir])
        try? FileManager.default.removeItem(atPath: dir)
    }

    func port(_ name: String) -> Int { ports[name] ?? 0 }
    func password(_ user: String) -> String { passwords[user] ?? "" }

    /// A port for a test's own listener (the script leaves base+10… free).
    func testPort(_ offset: Int) -> Int { port("TEST_PORT_BASE") + offset }

    // MARK: Mailboxes

    /// Empties every mailbox of the three users, so each test starts from nothing.
    func emptyMailboxes() throws {
        for user in [Self.candidate, Self.hr, Self.recruiter] {
            // A user who never received mail has no Maildir yet: nothing to expunge.
            guard FileManager.default.fileExists(atPath: maildir(user, nil)) else { continue }
            let result = try Run.tool("/usr/bin/doveadm", ["-c", dir + "/dovecot/dovecot.conf", "expunge", "-u", user,
                                                          "mailbox", "*", "all"])
            guard result.status == 0 else { throw StackFailure(reason: "doveadm expunge \(user): \(result.output)") }
        }
    }

    /// The Maildir of `user`'s `folder` (nil: INBOX), as Dovecot and Postfix lay it out.
    func maildir(_ user: String, _ folder: String?) -> String {
        let parts = user.split(separator: "@").map(String.init)
        return "\(dir)/mail/\(parts[1])/\(parts[0])" + (folder.map { "/.\($0)" } ?? "")
    }

    /// How many messages the folder holds, counted as files (no IMAP session, no side effects).
    func count(_ user: String, _ folder: String? = nil) -> Int {
        let base = maildir(user, folder)
        return ["new", "cur"].reduce(0) { sum, sub in
            sum + ((try? FileManager.default.contentsOfDirectory(atPath: base + "/" + sub))?.count ?? 0)
        }
    }

    /// Waits until the folder holds at least `expected` messages (Postfix delivers
    /// a moment after it accepted); returns the count it saw last.
    @discardableResult
    func waitFor(_ expected: Int, in user: String, _ folder: String? = nil, seconds: Double = 10) -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var seen = count(user, folder)
        while seen < expected, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            seen = count(user, folder)
        }
        return seen
    }

    /// Every message of the folder over IMAP, exactly as the server gives it (CRLF), oldest first.
    func messages(_ user: String, _ mailbox: String = "INBOX") throws -> [[UInt8]] {
        let server = MailServer(host: "127.0.0.1", port: port("IMAP_PORT"), security: .startTLS, caFile: caFile)
        let client = try IMAPClient(server: server, credentials: .password(user: user, password: password(user)))
        let found = try client.check(MailboxCursor(mailbox: mailbox), rescanSince: Date(timeIntervalSince1970: 0),
                                     headerFields: ["Message-ID"])
        let uids = found.messages.map(\.uid).sorted()
        guard !uids.isEmpty else { return [] }
        let bodies = try client.fetchPartial(.whole, uids: uids, in: mailbox, maxBytes: 1 << 20)
        return uids.compactMap { bodies[$0] }
    }

    // MARK: The employer's side

    /// Hands `message` to Postfix's inbound SMTP port, as another mail server
    /// would: no login; an empty `from` is the null return path of a bounce.
    /// Waits until it is in the candidate's INBOX.
    func deliverToCandidate(_ message: String, from: String, scratch: String) throws {
        let before = count(Self.candidate)
        let file = scratch + "/incoming-\(UUID().uuidString).eml"
        let crlf = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        try Data(crlf.utf8).write(to: URL(fileURLWithPath: file))
        let result = try Run.tool("/usr/bin/curl", ["--silent", "--show-error", "--url", "smtp://127.0.0.1:\(port("SMTP_PORT"))",
                                                   "--mail-from", from, "--mail-rcpt", Self.candidate, "--upload-file", file])
        guard result.status == 0 else { throw StackFailure(reason: "delivery to the candidate failed: \(result.output)") }
        guard waitFor(before + 1, in: Self.candidate) > before else {
            throw StackFailure(reason: "the message did not reach the candidate's INBOX")
        }
    }
}
