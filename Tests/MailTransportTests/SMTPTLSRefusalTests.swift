import Foundation
import MailTransport
import Testing

/// A submission whose TLS cannot be verified, or which cannot have TLS at all,
/// is refused before any credentials are sent. Serialized: the tests share the
/// listener offsets 20–24.
@Suite("SMTP TLS refusals", .serialized)
struct SMTPTLSRefusalTests {
    private static let timeouts = TransportTimeouts(connect: 5, stall: 5, total: 20)

    private func send(_ stack: MailStack, port: Int, security: MailServer.Security, caFile: String?,
                      credentials: MailCredentials) throws -> SMTPOutcome {
        let server = MailServer(host: "localhost", port: port, security: security, caFile: caFile, timeouts: Self.timeouts)
        return try SMTPSubmitter(server: server, credentials: credentials, heloName: "candidate.example.test")
            .send(rawMessage(from: MailStack.candidate, to: MailStack.hr, subject: "Refused"), from: MailStack.candidate, to: [MailStack.hr])
    }

    private func isPermanentTLSRefusal(_ outcome: SMTPOutcome) -> Bool {
        guard case .notSent(.permanent, let detail) = outcome else { return false }
        return detail.hasPrefix("\(TransportError.Category.tls):")
    }

    @Test func anUnknownCAOnSubmissionIsRefusedBeforeAUTH() throws {
        guard let stack = try MailStack.required() else { return }
        let recorder = try Recorder(port: stack.testPort(20), target: stack.ports["SUBMISSION_PORT"]!)
        defer { recorder.stop() }
        let outcome = try send(stack, port: stack.testPort(20), security: .startTLS, caFile: nil, credentials: stack.login(MailStack.candidate))
        #expect(isPermanentTLSRefusal(outcome), "\(outcome)")
        let lines = recorder.clientLines
        #expect(lines.contains { $0.hasPrefix("EHLO ") } && lines.contains("STARTTLS"), "the recorder saw the client: \(lines.prefix(3))")
        #expect(!lines.contains { $0.hasPrefix("AUTH") })
        #expect(!recorder.clientBytes.contains(stack.password(MailStack.candidate)))
        #expect(!recorder.clientBytes.contains(stack.plainBlob(MailStack.candidate)))
    }

    /// The proxy terminates TLS in front of smtp-sink, which offers AUTH PLAIN
    /// in clear: a client that accepted the certificate would log in in front
    /// of the recorder.
    @Test(arguments: [("leaf", false), ("wronghost", true)])
    func aCertificateThatDoesNotVerifyIsRefusedWithoutCredentials(certificate: String, trustsTheCA: Bool) throws {
        guard let stack = try MailStack.required() else { return }
        let sink = try Helper(["smtp-sink", "-u", "mail", "127.0.0.1:\(stack.testPort(21))", "10"], port: stack.testPort(21))
        defer { sink.stop() }
        let recorder = try Recorder(port: stack.testPort(22), target: stack.testPort(21), extra: stack.tlsTermination(certificate))
        defer { recorder.stop() }
        let outcome = try send(stack, port: stack.testPort(22), security: .implicitTLS, caFile: trustsTheCA ? stack.caFile : nil,
                               credentials: stack.login(MailStack.candidate))
        #expect(isPermanentTLSRefusal(outcome), "\(certificate): \(outcome)")
        #expect(recorder.clientBytes.isEmpty, "the client spoke SMTP over an unverified connection: \(recorder.clientBytes)")
    }

    /// smtp-sink offers AUTH PLAIN LOGIN and no STARTTLS: a client that went on
    /// without TLS would log in in clear.
    @Test(arguments: ["password", "oauth2"])
    func aServerWithoutSTARTTLSNeverSeesTheCredentials(kind: String) throws {
        guard let stack = try MailStack.required() else { return }
        let sink = try Helper(["smtp-sink", "-u", "mail", "127.0.0.1:\(stack.testPort(23))", "10"], port: stack.testPort(23))
        defer { sink.stop() }
        let recorder = try Recorder(port: stack.testPort(24), target: stack.testPort(23))
        defer { recorder.stop() }
        let token = "token-\(UUID().uuidString)"
        let credentials: MailCredentials = kind == "oauth2" ? .oauth2(user: MailStack.candidate, bearerToken: token)
            : stack.login(MailStack.candidate)
        let outcome = try send(stack, port: stack.testPort(24), security: .startTLS, caFile: stack.caFile, credentials: credentials)
        #expect(isPermanentTLSRefusal(outcome), "\(kind): \(outcome)")
        let lines = recorder.clientLines
        #expect(lines.contains { $0.hasPrefix("EHLO ") }, "the recorder saw the client")
        #expect(!lines.contains { $0.hasPrefix("AUTH") || $0.hasPrefix("MAIL") })
        let sent = recorder.clientBytes
        #expect(!sent.contains(token) && !sent.contains(stack.password(MailStack.candidate)) && !sent.contains(stack.plainBlob(MailStack.candidate)))
    }
}
