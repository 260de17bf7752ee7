import Foundation
import MailTransport
import Testing

/// SIGTERM while a transfer waits on a silent server: followupd gives up
/// within a second instead of waiting out the stall limit — except once a
/// message's final bytes are on their way, when only the server's answer
/// can settle the send. Listener offsets 30–34.
@Suite("A stop request during a transfer")
struct StopRequestTests {
    private static let patient = TransportTimeouts(connect: 5, stall: 20, total: 60)

    /// True from `after` seconds on.
    private func stop(after: TimeInterval) -> () -> Bool {
        let at = Date().addingTimeInterval(after)
        return { Date() >= at }
    }

    @Test func anIMAPCheckWaitingOnASilentServerStopsWithinASecond() throws {
        guard let stack = try MailStack.required() else { return }
        let (proxy, imap) = try stack.imapThroughProxy(offset: 30, fault: "hold-on:[READ-ONLY]", user: MailStack.candidate,
                                                       timeouts: Self.patient)
        defer { proxy.stop() }
        imap.stopRequested = stop(after: 0.5)
        let began = Date()
        let error = #expect(throws: TransportError.self) {
            _ = try imap.check(MailboxCursor(), rescanSince: Date(timeIntervalSinceNow: -86400), headerFields: ["Message-ID"])
        }
        let waited = Date().timeIntervalSince(began)
        #expect(error?.category == .stopped, "\(String(describing: error))")
        #expect(waited < 3, "stopped after \(waited) s; the stall limit is 20 s")
    }

    /// faultsmtp.py behind the TLS proxy, silent at `stage`.
    private func submitter(_ stack: MailStack, silentAt stage: String, offset: Int,
                           timeouts: TransportTimeouts) throws -> (SMTPSubmitter, [Helper]) {
        let serverPort = stack.testPort(offset), proxyPort = stack.testPort(offset + 1)
        let ready = NSTemporaryDirectory() + "faultsmtp-\(UUID().uuidString)"
        let script = Helper.packageRoot.appendingPathComponent("scripts/faultsmtp.py").path
        let smtpServer = try Helper(["/usr/bin/python3", script, "--listen", "\(serverPort)", "--fault", "stall-at:\(stage)",
                                     "--ready", ready], port: serverPort, readyFile: ready)
        let proxy = try Helper.proxy(port: proxyPort, target: serverPort, extra: stack.tlsTermination())
        let server = MailServer(host: "localhost", port: proxyPort, security: .implicitTLS, caFile: stack.caFile, timeouts: timeouts)
        let smtp = try SMTPSubmitter(server: server, credentials: .password(user: "user", password: "unused-password"),
                                     heloName: "candidate.example.test")
        return (smtp, [smtpServer, proxy])
    }

    /// One send with a stop requested from `stopAfter` seconds on: its outcome's kind and how long it took.
    private func timedSend(_ smtp: SMTPSubmitter, stopAfter: TimeInterval) -> (kind: String, outcome: SMTPOutcome, waited: TimeInterval) {
        smtp.stopRequested = stop(after: stopAfter)
        let began = Date()
        let outcome = smtp.send(rawMessage(from: MailStack.candidate, to: MailStack.hr, subject: "Stop request"),
                                from: MailStack.candidate, to: [MailStack.hr])
        return (SMTPClassificationTests.kind(outcome), outcome, Date().timeIntervalSince(began))
    }

    @Test func aSendWaitingBeforeItsFinalBytesIsAbandonedNotSent() throws {
        guard let stack = try MailStack.required() else { return }
        let (smtp, helpers) = try submitter(stack, silentAt: "DATA", offset: 31, timeouts: Self.patient)
        defer { helpers.forEach { $0.stop() } }
        let (kind, outcome, waited) = timedSend(smtp, stopAfter: 0.5)
        #expect(kind == "temporary", "\(outcome)")
        #expect(waited < 3, "stopped after \(waited) s; the stall limit is 20 s")
    }

    @Test func aSendWhoseFinalDotLeftWaitsForTheAnswerDespiteTheStop() throws {
        guard let stack = try MailStack.required() else { return }
        let (smtp, helpers) = try submitter(stack, silentAt: ".", offset: 33,
                                            timeouts: TransportTimeouts(connect: 5, stall: 3, total: 60))
        defer { helpers.forEach { $0.stop() } }
        // By then the dot has gone (the server takes a second for nothing before it).
        let (kind, outcome, waited) = timedSend(smtp, stopAfter: 1)
        #expect(kind == "unknown", "only the answer could have settled it: \(outcome)")
        #expect(waited >= 2.5, "waited \(waited) s for the answer, up to the 3 s stall limit")
    }
}
