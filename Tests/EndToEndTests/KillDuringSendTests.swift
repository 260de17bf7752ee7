import Foundation
import MailMessage
import Testing

/// POLICY invariant 7: a message is sent at most once, even when the daemon
/// is killed at any moment. followupd's SMTP goes through scripts/faultproxy.py,
/// which holds back one answer of the server, so the daemon is caught waiting
/// at a known moment of the send; then it is killed with SIGKILL and started
/// again without the proxy.
extension EndToEndTests {
    @Test("kill -9 during a send (after the final dot) and a restart never produce a second copy")
    func killAfterFinalDotNeverSendsTwice() throws {
        // Postfix has queued the message; the daemon never hears "250 … queued as".
        try killDuringSend(holding: "queued as", delivered: 1, proxyOffset: 0)
    }

    @Test("kill -9 during a send (before the message was handed over): settled as not sent by the journal, sent once after the restart")
    func killBeforeHandOverIsSentOnceAfterTheRestart() throws {
        // The daemon said DATA and waits for "354": not one byte of the message was handed over.
        try killDuringSend(holding: "354 ", delivered: 0, proxyOffset: 1)
    }

    private func killDuringSend(holding answer: String, delivered: Int, proxyOffset: Int,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let thankYou = try world.approvedThankYou()

        // TLS from the daemon ends at the proxy, which talks to Postfix's plain
        // SMTP port (no login offered there, so libcurl sends none).
        let port = world.stack.testPort(proxyOffset)
        let held = world.dir + "/held"
        let proxy = try FaultProxy(port: port, target: world.stack.port("SMTP_PORT"), fault: "hold-on:" + answer,
                                   heldFile: held, stackDir: world.stack.dir, scratch: world.dir)
        defer { proxy.stop() }
        let proxied = world.dir + "/proxied.toml"
        try world.writeConfig(proxied, smtpURL: "smtps://127.0.0.1:\(port)")

        let daemon = try world.startTick(at: t.at(1, "11:30"), config: proxied)
        let caught = Self.waitForFile(held, seconds: 20)
        if caught { world.stack.waitFor(delivered, in: OwnMailStack.hr, seconds: 5) }
        daemon.killProgram()
        let killed = daemon.wait(seconds: 10)
        proxy.stop()
        try #require(caught, "the daemon never reached the held answer: \(killed.output)", sourceLocation: sourceLocation)
        let midSend = try world.show(app, at: t.at(1, "11:31")).allDrafts.first { $0.id == thankYou.id }
        #expect(midSend?.state == "sending", "killed mid-send", sourceLocation: sourceLocation)

        // Restarted without the proxy, for several ticks.
        for moment in [t.at(1, "11:40"), t.at(1, "14:00"), t.at(2, "10:00"), t.at(6, "10:00")] {
            try world.tick(at: moment, sourceLocation: sourceLocation)
        }
        Thread.sleep(forTimeInterval: 0.3)
        // Before the journal's mark the restart settles the send as not sent and sends it again; after it, never.
        world.stack.waitFor(1, in: OwnMailStack.hr, seconds: 5)
        let copies = try world.employerInbox().filter { $0.bareMessageID == thankYou.messageId }.count
        #expect(copies == 1, "the employer received \(copies) copies", sourceLocation: sourceLocation)

        let inSent = try world.stack.messages(OwnMailStack.candidate, "Sent")
            .contains { ParsedMessage($0).bareMessageID == thankYou.messageId }
        let final = try world.show(app, at: t.at(6, "10:01")).allDrafts.first { $0.id == thankYou.id }
        #expect(final?.state == (inSent ? "sent" : "unknown"), sourceLocation: sourceLocation)

        // followupd ran with --once and is gone: status says so with exit 3.
        let status = try world.decode(StatusInfo.self, world.fuctl("status", ["--json"], at: t.at(6, "10:02"), expecting: 3))
        let log = try world.decode([LogRow].self, world.fuctl("log", ["--json"], at: t.at(6, "10:03")))
        let attempts = log.filter { $0.draft == thankYou.id }
        if delivered == 0 {
            #expect(attempts.map(\.outcome) == ["not-sent-retryable", "sent"], "\(attempts)", sourceLocation: sourceLocation)
            #expect(final?.state == "sent" && inSent, sourceLocation: sourceLocation)
            #expect(status.unknown == 0, "no decision left to the user", sourceLocation: sourceLocation)
        } else {
            #expect(attempts.count == 1, "one hand-over in the log, never a retry: \(attempts)", sourceLocation: sourceLocation)
        }
        if !inSent {
            #expect(status.unknown == 1, sourceLocation: sourceLocation)
            #expect(status.unknownDrafts.map(\.id) == [thankYou.id], sourceLocation: sourceLocation)
            #expect(attempts.first?.state == "unknown", sourceLocation: sourceLocation)
        }
    }

    private static func waitForFile(_ path: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: path) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }
}

/// scripts/faultproxy.py in front of the SMTP server, with implicit TLS (the
/// stack's certificate) towards the daemon; `fault` is one of its modes
/// ("hold-on:TEXT" holds back the answer that contains TEXT and creates
/// `heldFile`; "drop-on:TEXT" closes the connection instead of passing it on).
final class FaultProxy {
    private let running: Running

    /// `targetTLS`: speak TLS to the target too (Dovecot's IMAPS port);
    /// `record`: a file that gets every byte the client sends.
    /// `faulty`: how many connections, from the first, get the fault (the rest pass).
    init(port: Int, target: Int, fault: String, heldFile: String? = nil, stackDir: String, scratch: String,
         targetTLS: Bool = false, record: String? = nil, faulty: Int = 1) throws {
        let ready = scratch + "/proxy-ready-\(port)"
        running = try Running("/usr/bin/python3", [
            Paths.script("faultproxy.py"), "--listen", "\(port)", "--target", "\(target)",
            "--fault", fault, "--faulty", "\(faulty)", "--ready", ready,
            "--tls-cert", stackDir + "/tls/leaf.pem", "--tls-key", stackDir + "/tls/leaf.key",
        ] + (heldFile.map { ["--held", $0] } ?? []) + (targetTLS ? ["--target-tls"] : []) + (record.map { ["--record", $0] } ?? []),
            fakeTime: nil, environment: [:])
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: ready), Date() < deadline, running.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
        }
        guard FileManager.default.fileExists(atPath: ready) else {
            let finished = running.wait(seconds: 0)
            throw OwnMailStack.StackFailure(reason: "the fault proxy did not start: \(finished.output)")
        }
    }

    func stop() {
        guard running.isRunning else { return }
        running.killProgram()
        _ = running.wait(seconds: 5)
    }
}
