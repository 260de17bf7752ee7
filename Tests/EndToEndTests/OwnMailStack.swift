import Foundation
import MailTransport
import TestSupport

/// The suite's own Dovecot + Postfix (scripts/mailstack.sh in a temp dir of
/// its own, so its ports and mailboxes are apart from the stack the
/// transport tests share), with the three users' mailboxes as files and over IMAP.
@dynamicMemberLookup
final class OwnMailStack: Sendable {
    static let candidate = MailStackFiles.candidate
    static let hr = MailStackFiles.hr
    static let recruiter = MailStackFiles.recruiter

    let files: MailStackFiles
    var dir: String { files.dir }

    subscript<T>(dynamicMember path: KeyPath<MailStackFiles, T>) -> T { files[keyPath: path] }

    /// Starts a stack in `dir`; throws with the script's output when it cannot.
    init(dir: String) throws {
        let start = try Run.tool(Paths.script("mailstack.sh"), ["start", dir])
        guard start.status == 0 else { throw StackFailure(reason: "scripts/mailstack.sh start failed: \(start.output)") }
        // Open ports alone could be another stack's on the same ports: our own daemons must be up.
        for pidFile in ["/dovecot/run/master.pid", "/postfix/spool/pid/master.pid"]
            where !FileManager.default.fileExists(atPath: dir + pidFile) {
            throw StackFailure(reason: "scripts/mailstack.sh start left no \(pidFile): are its ports taken?")
        }
        files = try MailStackFiles(dir: dir)
    }

    struct StackFailure: Error, CustomStringConvertible { let reason: String; var description: String { reason } }

    func stop() {
        _ = try? Run.tool(Paths.script("mailstack.sh"), ["stop", dir])
        try? FileManager.default.removeItem(atPath: dir)
    }

    func port(_ name: String) -> Int { files.port(name) }
    func password(_ user: String) -> String { files.password(user) }
    func testPort(_ offset: Int) -> Int { files.testPort(offset) }
    func maildir(_ user: String, _ folder: String?) -> String { files.maildir(user, folder) }
    func count(_ user: String, _ folder: String? = nil) -> Int { files.count(user, folder) }

    // MARK: Mailboxes

    /// Empties every mailbox of the three users, so each test starts from nothing.
    func emptyMailboxes() throws {
        for user in MailStackFiles.users {
            // A user who never received mail has no Maildir yet: nothing to expunge.
            guard FileManager.default.fileExists(atPath: maildir(user, nil)) else { continue }
            let result = try Run.tool("/usr/bin/doveadm", ["-c", dir + "/dovecot/dovecot.conf", "expunge", "-u", user,
                                                          "mailbox", "*", "all"])
            guard result.status == 0 else { throw StackFailure(reason: "doveadm expunge \(user): \(result.output)") }
        }
    }

    /// Moves every message of `user`'s `from` into `to`, as a mail client
    /// or a server rule does (new UIDs there, the same messages).
    func move(_ user: String, from: String, to: String) throws {
        let result = try Run.tool("/usr/bin/doveadm", ["-c", dir + "/dovecot/dovecot.conf", "move", "-u", user, to,
                                                      "mailbox", from, "all"])
        guard result.status == 0 else { throw StackFailure(reason: "doveadm move \(from) \(to): \(result.output)") }
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
        let server = MailServer(host: "127.0.0.1", port: port("IMAP_PORT"), security: .startTLS, caFile: files.caFile)
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
