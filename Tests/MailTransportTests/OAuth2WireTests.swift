import Foundation
import MailTransport
import Testing

/// What `.oauth2(user:bearerToken:)` puts on the wire, seen by a proxy that
/// terminates the client's TLS and records the decrypted bytes in front of the
/// real servers. The stack's Dovecot checks a bearer token as the password, so
/// a random token is refused and the password is accepted. The proxy connects
/// from a fresh loopback address: Dovecot slows later logins from an address
/// that failed one. Serialized: the tests share the listener offsets 25–29.
@Suite("OAuth 2.0 on the wire", .serialized)
struct OAuth2WireTests {
    private static let timeouts = TransportTimeouts(connect: 5, stall: 5, total: 20)
    private let week = Date(timeIntervalSinceNow: -7 * 86400)

    private func server(_ stack: MailStack, port: Int) -> MailServer {
        MailServer(host: "localhost", port: port, security: .implicitTLS, caFile: stack.caFile, timeouts: Self.timeouts)
    }

    /// The SASL initial response each mechanism must carry (RFC 7628 for OAUTHBEARER;
    /// Google's and Microsoft's XOAUTH2), base64-encoded.
    private func initialResponse(_ mechanism: String, user: String, token: String, port: Int) -> String {
        let text = mechanism == "OAUTHBEARER"
            ? "n,a=\(user),\u{1}host=localhost\u{1}port=\(port)\u{1}auth=Bearer \(token)\u{1}\u{1}"
            : "user=\(user)\u{1}auth=Bearer \(token)\u{1}\u{1}"
        return Data(text.utf8).base64EncodedString()
    }

    /// The lines of an IMAP client without their tags.
    private func untagged(_ lines: [String]) -> [String] {
        lines.map { $0.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? "" }
    }

    /// The main Dovecot offers OAUTHBEARER and XOAUTH2 (libcurl takes
    /// OAUTHBEARER); the plain one offers XOAUTH2 only.
    @Test(arguments: [("IMAPS_PORT", true, "OAUTHBEARER"), ("IMAP_NOTLS_PORT", false, "XOAUTH2")])
    func anIMAPLoginSendsTheTokenByTheOfferedMechanismAndARefusalIsAnAuthenticationError(
        target: String, targetSpeaksTLS: Bool, mechanism: String) throws {
        guard let stack = try MailStack.required() else { return }
        let port = stack.testPort(25)
        let recorder = try Recorder(port: port, target: stack.ports[target]!, extra: stack.tlsTermination()
            + ["--source", MailStack.freshLoopbackAddress()] + (targetSpeaksTLS ? ["--target-tls"] : []))
        defer { recorder.stop() }
        let token = "token-\(UUID().uuidString)"
        let blob = initialResponse(mechanism, user: MailStack.candidate, token: token, port: port)
        do {
            _ = try IMAPClient(server: server(stack, port: port), credentials: .oauth2(user: MailStack.candidate, bearerToken: token))
                .check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields)
            Issue.record("a random bearer token logged in")
        } catch let error as TransportError {
            #expect(error.category == .authentication, "\(error)")
            #expect(!error.description.contains(token) && !error.description.contains(blob))
        }
        let logins = untagged(recorder.clientLines).filter { $0.hasPrefix("AUTHENTICATE") || $0.hasPrefix("LOGIN") }
        #expect(logins == ["AUTHENTICATE \(mechanism) \(blob)"], "\(recorder.clientLines)")
    }

    /// Postfix offers what Dovecot's auth offers: libcurl takes OAUTHBEARER.
    @Test func anSMTPLoginSendsTheTokenByOAUTHBEARERAndARefusalIsNotSentPermanently() throws {
        guard let stack = try MailStack.required() else { return }
        let port = stack.testPort(26)
        let recorder = try Recorder(port: port, target: stack.ports["SMTPS_PORT"]!, extra: stack.tlsTermination()
            + ["--source", MailStack.freshLoopbackAddress(), "--target-tls"])
        defer { recorder.stop() }
        let token = "token-\(UUID().uuidString)"
        let blob = initialResponse("OAUTHBEARER", user: MailStack.candidate, token: token, port: port)
        let outcome = try SMTPSubmitter(server: server(stack, port: port), credentials: .oauth2(user: MailStack.candidate, bearerToken: token),
                                        heloName: "candidate.example.test")
            .send(rawMessage(from: MailStack.candidate, to: MailStack.hr, subject: "OAuth"), from: MailStack.candidate, to: [MailStack.hr])
        guard case .notSent(.permanent, let detail) = outcome else {
            Issue.record("expected a permanent refusal, got \(outcome)")
            return
        }
        #expect(detail.hasPrefix("\(TransportError.Category.authentication):"), "\(detail)")
        #expect(!detail.contains(token) && !detail.contains(blob))
        // Without SASL-IR libcurl sends the initial response on a line of its own.
        let lines = recorder.clientLines
        let auth = lines.indices.filter { lines[$0].hasPrefix("AUTH") }
        #expect(auth.map { lines[$0] } == ["AUTH OAUTHBEARER"], "\(lines)")
        #expect(auth.first.map { $0 + 1 < lines.count && lines[$0 + 1] == blob } == true, "\(lines)")
        #expect(!recorder.clientLines.contains { $0.hasPrefix("MAIL FROM") })
    }

    @Test func aTokenTheServerAcceptsLogsInOverIMAPAndSMTP() throws {
        guard let stack = try MailStack.required() else { return }
        // Dovecot checks the token as the password.
        let credentials = MailCredentials.oauth2(user: MailStack.candidate, bearerToken: stack.password(MailStack.candidate))
        let checked = try IMAPClient(server: stack.imaps, credentials: credentials)
            .check(MailboxCursor(), rescanSince: Date(), headerFields: MailStack.headerFields)
        #expect(checked.cursor.uidValidity != nil)
        let outcome = try SMTPSubmitter(server: stack.submission, credentials: credentials, heloName: "candidate.example.test")
            .send(rawMessage(from: MailStack.candidate, to: MailStack.candidate, subject: "OAuth"), from: MailStack.candidate, to: [MailStack.candidate])
        #expect(outcome == .delivered)
    }

    /// A server that offers only PLAIN and LOGIN gets no login at all: not the
    /// user name with an empty password, not the token as a password.
    @Test func anIMAPServerWithoutOAuthGetsNoLogin() throws {
        guard let stack = try MailStack.required() else { return }
        let port = stack.testPort(27)
        let recorder = try Recorder(port: port, target: stack.ports["IMAPS_WRONGHOST_PORT"]!, extra: stack.tlsTermination()
            + ["--source", MailStack.freshLoopbackAddress(), "--target-tls"])
        defer { recorder.stop() }
        let token = "token-\(UUID().uuidString)"
        do {
            _ = try IMAPClient(server: server(stack, port: port), credentials: .oauth2(user: MailStack.candidate, bearerToken: token))
                .check(MailboxCursor(), rescanSince: week, headerFields: MailStack.headerFields)
            Issue.record("logged in without OAuth")
        } catch let error as TransportError {
            #expect(error.category == .authentication, "\(error)")
        }
        let commands = untagged(recorder.clientLines)
        #expect(commands.contains("CAPABILITY"), "the recorder saw the client")
        #expect(!commands.contains { $0.hasPrefix("AUTHENTICATE") || $0.hasPrefix("LOGIN") }, "\(commands)")
        #expect(!recorder.clientBytes.contains(token))
    }

    /// smtp-sink offers AUTH PLAIN LOGIN only.
    @Test func anSMTPServerWithoutOAuthGetsNoLoginAndNoMessage() throws {
        guard let stack = try MailStack.required() else { return }
        let sink = try Helper(["smtp-sink", "-u", "mail", "127.0.0.1:\(stack.testPort(28))", "10"], port: stack.testPort(28))
        defer { sink.stop() }
        let port = stack.testPort(29)
        let recorder = try Recorder(port: port, target: stack.testPort(28), extra: stack.tlsTermination())
        defer { recorder.stop() }
        let token = "token-\(UUID().uuidString)"
        let outcome = try SMTPSubmitter(server: server(stack, port: port), credentials: .oauth2(user: MailStack.candidate, bearerToken: token),
                                        heloName: "candidate.example.test")
            .send(rawMessage(from: MailStack.candidate, to: MailStack.hr, subject: "OAuth"), from: MailStack.candidate, to: [MailStack.hr])
        guard case .notSent(.permanent, let detail) = outcome else {
            Issue.record("expected a permanent refusal, got \(outcome)")
            return
        }
        #expect(detail.hasPrefix("\(TransportError.Category.authentication):"), "\(detail)")
        let lines = recorder.clientLines
        #expect(lines.contains { $0.hasPrefix("EHLO ") }, "the recorder saw the client")
        #expect(!lines.contains { $0.hasPrefix("AUTH") || $0.hasPrefix("MAIL") }, "\(lines)")
        #expect(!recorder.clientBytes.contains(token))
    }
}
