import Foundation
import MailTransport
import Testing

@Suite("SMTP submission and its outcomes")
struct SMTPSubmitterTests {
    @Test func implicitTLSOn465Delivers() throws {
        guard let stack = try MailStack.required() else { return }
        let messageID = "<\(UUID().uuidString)@example.test>"
        let smtp = try SMTPSubmitter(server: stack.server("SMTPS_PORT", .implicitTLS), credentials: stack.login(MailStack.candidate),
                                     heloName: "candidate.example.test")
        let outcome = smtp.send(rawMessage(from: MailStack.candidate, to: MailStack.recruiter, subject: "465", messageID: messageID),
                                from: MailStack.candidate, to: [MailStack.recruiter])
        #expect(outcome == .delivered)
        _ = try waitForDelivery(stack, user: MailStack.recruiter, messageID: messageID)
    }

    @Test func aWrongPasswordIsNotSentPermanently() throws {
        guard let stack = try MailStack.required() else { return }
        let server = stack.server("SUBMISSION_PORT", .startTLS, interface: MailStack.freshLoopbackAddress())
        let smtp = try SMTPSubmitter(server: server, credentials: .password(user: MailStack.candidate, password: "not-it"),
                                     heloName: "candidate.example.test")
        let outcome = smtp.send(rawMessage(from: MailStack.candidate, to: MailStack.hr, subject: "x"),
                                from: MailStack.candidate, to: [MailStack.hr])
        guard case .notSent(.permanent, let detail) = outcome else {
            Issue.record("expected permanent, got \(outcome)")
            return
        }
        #expect(detail.contains("authentication"))
        #expect(!detail.contains("not-it"))
    }

    /// smtp-sink injects the fault (-a: no AUTH offered, so none is tried); the
    /// proxy gives it the TLS our client requires.
    @Test(arguments: [
        (["-r", "MAIL"], "temporary"),
        (["-f", "RCPT"], "permanent"),
        (["-Q", "DATA"], "temporary"),
        (["-f", "."], "permanent"),
        (["-q", "."], "unknown"),
    ] as [([String], String)])
    func aFailureIsClassifiedByWhenAndHowItHappened(fault: [String], expected: String) throws {
        guard let stack = try MailStack.required() else { return }
        let slot = ["MAIL", "RCPT", "DATA", ".-f", ".-q"].firstIndex(of: fault[1] == "." ? ".\(fault[0])" : fault[1])!
        let sinkPort = stack.testPort(10 + 2 * slot)
        let proxyPort = stack.testPort(11 + 2 * slot)
        let sink = try Helper(["smtp-sink", "-a", "-u", "mail"] + fault + ["127.0.0.1:\(sinkPort)", "10"], port: sinkPort)
        defer { sink.stop() }
        let proxy = try Helper.proxy(port: proxyPort, target: sinkPort,
                                     extra: ["--tls-cert", stack.dir + "/tls/leaf.pem", "--tls-key", stack.dir + "/tls/leaf.key"])
        defer { proxy.stop() }
        let server = MailServer(host: "localhost", port: proxyPort, security: .implicitTLS, caFile: stack.caFile,
                                timeouts: TransportTimeouts(connect: 5, stall: 5, total: 20))
        let smtp = try SMTPSubmitter(server: server, credentials: .password(user: "user", password: "sink-password"), heloName: "candidate.example.test")
        let outcome = smtp.send(rawMessage(from: MailStack.candidate, to: MailStack.hr, subject: "Fault"),
                                from: MailStack.candidate, to: [MailStack.hr])
        let kind: String
        switch outcome {
        case .delivered: kind = "delivered"
        case .notSent(let reason, _): kind = reason.rawValue
        case .unknown: kind = "unknown"
        }
        #expect(kind == expected, "\(fault): \(outcome)")
    }
}

/// Answers inside and after the DATA phase (RFC 5321 §4.2.5, §6.1): a 5xx
/// there means the server did not take the message, a 4xx that it may later;
/// a hang-up before the dot was written is not sent; silence after the whole
/// message and its dot is unknown, and so is a hang-up that the write outran.
/// A 421 at any stage (RFC 5321 §3.8) is a server going away: temporary.
@Suite("SMTP answers in the DATA phase")
struct SMTPDataPhaseTests {
    static let cases: [(fault: String, bodyBytes: Int, expected: String)] = [
        // A server that answers right after 354 and hangs up races libcurl's
        // write of the message: it reads the refusal (permanent/temporary), its
        // write fails (not sent, retried), or its write lands and it finds the
        // connection closed, which looks like a lost answer (unknown, the safe
        // side). Never delivered, always within the stall bound.
        ("refuse-after-354", 100, "permanent|temporary|unknown"),
        ("refuse-after-354", 400_000, "permanent|temporary|unknown"),
        ("refuse-after-354-read", 100, "permanent"),
        ("defer-after-354", 100, "temporary|unknown"),
        ("defer-after-354", 400_000, "temporary|unknown"),
        ("refuse-at-dot", 100, "permanent"),
        ("defer-at-dot", 100, "temporary"),
        ("drop-after-dot", 100, "unknown"),
        ("accept", 100, "delivered"),
        // A server that stops answering: given up after the stall limit, not the total.
        ("stall-at:MAIL", 100, "temporary"),
        ("stall-at:RCPT", 100, "temporary"),
        ("stall-at:DATA", 100, "temporary"),
        ("stall-at:.", 100, "unknown"),
        // 421 (the server is shutting down and hangs up) at each stage: before
        // the dot nothing was taken; a 421 to the dot is a 4xx to the dot.
        ("at:CONNECT:421", 100, "temporary"),
        ("at:EHLO:421", 100, "temporary"),
        ("at:MAIL:421", 100, "temporary"),
        ("at:RCPT:421", 100, "temporary"),
        ("at:DATA:421", 100, "temporary"),
        ("at:.:421", 100, "temporary"),
        // The recipient refused for now and for good; the message refused at DATA.
        ("at:RCPT:451", 100, "temporary"),
        ("at:RCPT:550", 100, "permanent"),
        ("at:DATA:554", 100, "permanent"),
        ("at:.:552", 100, "permanent"),
    ]

    @Test func eachAnswerIsClassifiedAsTheServerMeantIt() throws {
        guard let stack = try MailStack.required() else { return }
        let serverPort = stack.testPort(6), proxyPort = stack.testPort(7)
        for (fault, bodyBytes, expected) in Self.cases {
            let ready = NSTemporaryDirectory() + "faultsmtp-\(UUID().uuidString)"
            let script = Helper.packageRoot.appendingPathComponent("scripts/faultsmtp.py").path
            let smtpServer = try Helper(["/usr/bin/python3", script, "--listen", "\(serverPort)", "--fault", fault, "--ready", ready],
                                        port: serverPort, readyFile: ready)
            defer { smtpServer.stop() }
            let proxy = try Helper.proxy(port: proxyPort, target: serverPort, extra: stack.tlsTermination())
            defer { proxy.stop() }
            let server = MailServer(host: "localhost", port: proxyPort, security: .implicitTLS, caFile: stack.caFile,
                                    timeouts: TransportTimeouts(connect: 2, stall: 2, total: 30))
            let smtp = try SMTPSubmitter(server: server, credentials: .password(user: "user", password: "unused-password"),
                                         heloName: "candidate.example.test")
            let body = String(repeating: "All work and no play.\r\n", count: max(1, bodyBytes / 23))
            let began = Date()
            let outcome = smtp.send(rawMessage(from: MailStack.candidate, to: MailStack.hr, subject: "Data phase", body: body),
                                    from: MailStack.candidate, to: [MailStack.hr])
            let waited = Date().timeIntervalSince(began)
            #expect(expected.split(separator: "|").contains(Substring(SMTPClassificationTests.kind(outcome))),
                    "\(fault), \(bodyBytes) bytes: \(outcome)")
            #expect(waited < 8, "\(fault): \(waited) s, with a stall limit of 2 s and a total of 30 s")
        }
    }
}
