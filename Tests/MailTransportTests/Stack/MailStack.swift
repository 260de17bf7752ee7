import Foundation
import MailTransport
import Testing
import TestSupport

/// The stack `scripts/mailstack.sh start` runs, found through $FOLLOWUPD_MAILSTACK.
@dynamicMemberLookup
struct MailStack {
    let files: MailStackFiles

    static let candidate = MailStackFiles.candidate
    static let hr = MailStackFiles.hr
    static let recruiter = MailStackFiles.recruiter
    /// What a check fetches of each new message (the daemon asks for InboxReader.headerFields).
    static let headerFields = ["From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References"]

    subscript<T>(dynamicMember path: KeyPath<MailStackFiles, T>) -> T { files[keyPath: path] }

    /// The stack, or nil after printing why it is absent; in CI its absence fails the test.
    static func required() throws -> MailStack? {
        guard let dir = ProcessInfo.processInfo.environment["FOLLOWUPD_MAILSTACK"],
              FileManager.default.fileExists(atPath: dir + "/stack.env") else {
            let reason = "mail stack absent: run `scripts/mailstack.sh start` and export `scripts/mailstack.sh env`"
            return TestEnvironment.missing(reason)
        }
        return MailStack(files: try MailStackFiles(dir: dir))
    }

    func password(_ user: String) -> String { files.password(user) }
    func testPort(_ offset: Int) -> Int { files.testPort(offset) }

    func login(_ user: String) -> MailCredentials { .password(user: user, password: password(user)) }

    func server(_ portName: String, _ security: MailServer.Security, host: String = "localhost",
                interface: String? = nil, timeouts: TransportTimeouts = TransportTimeouts(connect: 5, stall: 5, total: 30)) -> MailServer {
        MailServer(host: host, port: files.port(portName), security: security, caFile: files.caFile,
                   interface: interface, timeouts: timeouts)
    }

    var imaps: MailServer { server("IMAPS_PORT", .implicitTLS) }
    var submission: MailServer { server("SUBMISSION_PORT", .startTLS) }

    /// A loopback address of its own for a test that fails a login: Dovecot
    /// delays every later login from an address that failed (for minutes).
    static func freshLoopbackAddress() -> String {
        "127.\(Int.random(in: 1...254)).\(Int.random(in: 1...254)).\(Int.random(in: 2...254))"
    }

    func imap(_ user: String) throws -> IMAPClient { try IMAPClient(server: imaps, credentials: login(user)) }

    func smtp(_ user: String) throws -> SMTPSubmitter {
        try SMTPSubmitter(server: submission, credentials: login(user), heloName: "candidate.example.test")
    }
}

/// A message as raw bytes with a unique Message-ID.
func rawMessage(from: String, to: String, subject: String, body: String = "Thank you for your time today.",
                messageID: String = "<\(UUID().uuidString)@example.test>", date: String = "Sat, 21 Nov 2026 10:00:00 +0000") -> [UInt8] {
    let text = "From: Candidate <\(from)>\r\nTo: <\(to)>\r\nSubject: \(subject)\r\nDate: \(date)\r\n" +
        "Message-ID: \(messageID)\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n"
    return Array(text.utf8)
}

func headerValue(_ name: String, in header: [UInt8]) -> String? {
    let text = String(decoding: header, as: UTF8.self)
    for line in text.components(separatedBy: "\r\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
        return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
    }
    return nil
}

/// Waits until delivery puts a message with `messageID` into the user's INBOX.
func waitForDelivery(_ stack: MailStack, user: String, messageID: String) throws -> UInt32 {
    let imap = try stack.imap(user)
    for _ in 0..<50 {
        if let uid = try imap.find(messageID: messageID, in: "INBOX") { return uid }
        Thread.sleep(forTimeInterval: 0.1)
    }
    throw StackTimeout()
}

struct StackTimeout: Error {}
