import Foundation
import FollowUpConfig
import InboxReading
import MailMessage
import MailTransport

/// The real mail servers, through libcurl. Passwords are resolved when the
/// session opens (once a tick), never stored; the IMAP and SMTP connections
/// open on first use and are reused for the rest of the tick.
public final class LiveMailSession: MailSession {
    private let config: Config
    private var imapClient: IMAPClient?
    private var smtpSubmitter: SMTPSubmitter?
    private let stopRequested: @Sendable () -> Bool

    /// `stopRequested` makes a transfer waiting on a server give up (SIGTERM).
    public init(config: Config, stopRequested: @escaping @Sendable () -> Bool = { false }) {
        self.config = config
        self.stopRequested = stopRequested
    }

    private func imap() throws -> IMAPClient {
        if let imapClient { return imapClient }
        let account = config.imap.account
        let client = try IMAPClient(server: Self.server(account), credentials: try Self.credentials(account))
        client.stopRequested = stopRequested
        imapClient = client
        return client
    }

    private func smtp() throws -> SMTPSubmitter {
        if let smtpSubmitter { return smtpSubmitter }
        let account = config.smtp
        let helo = MailAddress(address: config.identity.email).domain
        let submitter = try SMTPSubmitter(server: Self.server(account), credentials: try Self.credentials(account),
                                          heloName: helo.isEmpty ? "localhost" : helo)
        submitter.stopRequested = stopRequested
        smtpSubmitter = submitter
        return submitter
    }

    static func server(_ account: MailAccount) -> MailServer {
        MailServer(host: account.url.host ?? "", port: account.url.port ?? 0,
                   security: account.implicitTLS ? .implicitTLS : .startTLS, caFile: account.caFile)
    }

    static func credentials(_ account: MailAccount) throws -> MailCredentials {
        let secret = try account.password.resolve().reveal()
        switch account.auth {
        case .password: return .password(user: account.username, password: secret)
        case .xoauth2: return .oauth2(user: account.username, bearerToken: secret)
        }
    }

    public func listMailboxes() throws -> [ListedMailbox] {
        try imap().listMailboxes()
    }

    public func checkMailbox(_ cursor: MailboxCursor, rescanSince: () throws -> Date) throws -> CheckResult {
        try imap().check(cursor, rescanSince: rescanSince, headerFields: InboxReader.headerFields)
    }

    public func fetchMessages(uids: [UInt32], in mailbox: String, maxBytes: Int) throws -> [UInt32: [UInt8]] {
        try imap().fetchPartial(.whole, uids: uids, in: mailbox, maxBytes: maxBytes)
    }

    public func sentMark() throws -> AppendMark {
        try imap().appendMark(config.imap.sent)
    }

    public func send(_ message: [UInt8], from sender: String, to recipients: [String],
                     beforeFinalDot: @escaping () -> Bool) -> SMTPOutcome {
        do {
            return try smtp().send(message, from: sender, to: recipients, beforeFinalDot: beforeFinalDot)
        } catch {
            // Could not even connect or log in: nothing was handed over.
            return .notSent(.temporary, detail: "\(error)")
        }
    }

    public func appendToSent(_ message: [UInt8]) throws {
        try imap().append(message, to: config.imap.sent)
    }

    public func sentFolderContains(messageID: String, from mark: AppendMark?) throws -> Bool {
        try imap().find(messageID: messageID, in: config.imap.sent, from: mark) != nil
    }
}
