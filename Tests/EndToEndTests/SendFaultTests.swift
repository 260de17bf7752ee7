import Foundation
import Testing
import TestSupport

/// An SMTP server that fails at each stage, through the daemon: the outcome
/// the draft is left in, the time the tick takes, and the retry that follows.
/// (The transport tests classify the same faults with a 2 s stall limit; here
/// it is the daemon's own 20 s.)
extension EndToEndTests {
    @Test("An SMTP fault at each stage leaves the draft as the server meant it, within the stall bound",
          arguments: [
              ("at:CONNECT:421", "not-sent-retryable"),
              ("at:EHLO:421", "not-sent-retryable"),
              ("at:MAIL:421", "not-sent-retryable"),
              ("at:RCPT:421", "not-sent-retryable"),
              ("at:DATA:421", "not-sent-retryable"),
              ("at:.:421", "not-sent-retryable"),
              ("at:RCPT:451", "not-sent-retryable"),
              ("at:RCPT:550", "not-sent-permanent"),
              ("at:DATA:554", "not-sent-permanent"),
              ("at:.:554", "not-sent-permanent"),
              ("at:.:451", "not-sent-retryable"),
              ("drop-after-dot", "unknown"),
              ("stall-at:MAIL", "not-sent-retryable"),
              ("stall-at:.", "unknown"),
          ])
    func anSMTPFaultLeavesTheDraftAsTheServerMeantIt(fault: String, expected: String) throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let thankYou = try world.approvedThankYou()
        let smtp = try FaultSMTP(world, fault: fault, port: world.stack.testPort(12), tlsPort: world.stack.testPort(13))
        defer { smtp.stop() }
        let faulty = world.dir + "/faulty.toml"
        try world.writeConfig(faulty, smtpURL: "smtps://127.0.0.1:\(smtp.tlsPort)")

        let began = Date()
        let tick = try world.startTick(at: t.at(1, "11:30"), config: faulty).wait(seconds: 90)
        let waited = Date().timeIntervalSince(began)
        // A failed send is reported, not a failed tick: the inbox was checked and the rules kept.
        #expect(tick.status == 0, "\(fault): \(tick.output)")
        #expect(waited < 45, "\(fault): the tick took \(waited) s; the stall limit is 20 s")
        #expect(try world.draft(thankYou.id, of: app, at: t.at(1, "11:31"))?.state == expected, "\(fault): \(tick.stderr.suffix(1500))")
        #expect(smtp.transactions() <= 1, "\(fault): one try per tick")

        // The next tick (the retry wait is 5 minutes) tries a retryable one
        // again through the gate; anything else is never tried again.
        let retry = try world.tick(at: t.at(1, "11:40"))
        let state = try world.draft(thankYou.id, of: app, at: t.at(1, "11:41"))?.state
        if expected == "not-sent-retryable" {
            #expect(state == "sent", "\(fault): the retry: \(retry.stderr.suffix(1500))")
            #expect(world.stack.waitFor(1, in: OwnMailStack.hr) == 1, "\(fault): delivered once, by the retry")
        } else {
            #expect(state == expected, "\(fault): \(retry.stderr.suffix(1500))")
            #expect(world.stack.waitFor(1, in: OwnMailStack.hr, seconds: 1) == 0, "\(fault): never tried again")
        }
    }

    /// The disk holding the database fills after the server answered 250 and
    /// before the outcome is written: the tick fails loudly, nothing more is
    /// sent, and the draft is never sent again on its own.
    @Test("A disk that fills between the server's 250 and the outcome's write fails the tick and never resends")
    func aDiskThatFillsAfterTheServerTookTheMessage() throws {
        guard let world = try World.begin() else { return }
        guard let disk = try SmallDisk(world.dir + "/disk") else { return }
        defer { disk.unmount() }
        let t = world.time
        try world.writeConfig(world.config, smtpURL: "smtp://127.0.0.1:\(world.stack.port("SUBMISSION_PORT"))",
                              database: disk.path + "/followupd.sqlite")
        let app = try world.addApplication()
        let thankYou = try world.approvedThankYou()
        let smtp = try FaultSMTP(world, fault: "accept", port: world.stack.testPort(12), tlsPort: world.stack.testPort(13),
                                 fill: disk.path)
        defer { smtp.stop() }
        let faulty = world.dir + "/faulty.toml"
        try world.writeConfig(faulty, smtpURL: "smtps://127.0.0.1:\(smtp.tlsPort)", database: disk.path + "/followupd.sqlite")

        let tick = try world.startTick(at: t.at(1, "11:30"), config: faulty).wait(seconds: 90)
        #expect(tick.status != 0, "an outcome that could not be recorded must fail the tick: \(tick.output)")
        #expect(tick.stderr.contains("CRITICAL"), "logged at critical: \(tick.stderr.suffix(1500))")
        #expect(tick.stderr.contains("no space left on the device holding"), "the cause named: \(tick.stderr.suffix(1500))")
        #expect(smtp.transactions() == 1)

        disk.free()
        // At the next start the journal says the final dot went: unknown, for
        // the user to settle, and never sent again by the daemon.
        _ = try world.startTick(at: t.at(1, "11:40"), config: faulty).wait(seconds: 60)
        #expect(try world.draft(thankYou.id, of: app, at: t.at(1, "11:41"))?.state == "unknown")
        let status = try world.status(at: t.at(1, "11:42"))
        #expect(status.unknownDrafts.map(\.id) == [thankYou.id])
        #expect(smtp.transactions() == 1, "never sent again")
    }
}

/// scripts/faultsmtp.py with the fault proxy's TLS in front (the daemon
/// refuses plain text), recording what the daemon sends.
final class FaultSMTP {
    let tlsPort: Int
    private let server: Running
    private let proxy: FaultProxy
    private let wire: String

    init(_ world: World, fault: String, port: Int, tlsPort: Int, fill: String? = nil) throws {
        self.tlsPort = tlsPort
        let ready = world.dir + "/faultsmtp-ready-\(port)"
        server = try Running("/usr/bin/python3", [Paths.script("faultsmtp.py"), "--listen", "\(port)", "--fault", fault,
                                                  "--ready", ready] + (fill.map { ["--fill", $0] } ?? []),
                             fakeTime: nil, environment: [:])
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: ready), Date() < deadline, server.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
        }
        guard FileManager.default.fileExists(atPath: ready) else {
            throw OwnMailStack.StackFailure(reason: "faultsmtp.py did not start: \(server.wait(seconds: 0).output)")
        }
        wire = world.dir + "/faultsmtp-wire-\(port)"
        proxy = try FaultProxy(port: tlsPort, target: port, fault: "pass", stackDir: world.stack.dir, scratch: world.dir,
                               record: wire)
    }

    /// How many MAIL FROM commands the server was given.
    func transactions() -> Int {
        ((try? String(contentsOfFile: wire, encoding: .utf8)) ?? "").components(separatedBy: "MAIL FROM").count - 1
    }

    func stop() {
        proxy.stop()
        server.killProgram()
        _ = server.wait(seconds: 5)
    }
}
