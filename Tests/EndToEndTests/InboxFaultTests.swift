import Foundation
import Testing

/// POLICY invariant 4 under every way an IMAP server can fail: the fault
/// proxy breaks every connection of the daemon's inbox check (a fetch cut
/// once is asked again on a new connection, and then the check rightly
/// succeeds) at each stage, and the SMTP
/// recorder shows from the wire that no MAIL FROM followed. The tick fails
/// (exit non-zero), the approved draft waits, the employer gets nothing.
extension EndToEndTests {
    @Test("Invariant 4 from the wire: an inbox check broken at any stage is never followed by a MAIL FROM",
          arguments: [
              ("stall", "never greets"),
              ("rewrite:* OK=>* BYE", "says BYE at the greeting"),
              ("hold-on:[READ-ONLY]", "never answers EXAMINE"),
              ("rewrite:OK [READ-ONLY]=>%%% [READ-ONLY]", "answers EXAMINE with garbage"),
              ("drop-on:* ESEARCH", "hangs up instead of answering SEARCH"),
              ("drop-on: ESEARCH", "hangs up instead of answering CAPABILITY"),
              ("close-on:BODY[HEADER", "hangs up in the middle of a FETCH literal"),
          ])
    func aBrokenInboxCheckIsNeverFollowedByASend(fault: String, what: String) throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let thankYou = try world.approvedThankYou()
        // Something to FETCH: a newsletter, not a reply.
        try world.employerWrites("""
            From: Weekly Digest <digest@newsletter.example>
            To: <\(OwnMailStack.candidate)>
            Subject: This week in platform engineering
            Message-ID: <digest-\(UUID().uuidString)@newsletter.example>

            Ten links for your weekend.
            """, envelopeFrom: "digest@newsletter.example")

        let imapPort = world.stack.testPort(10), smtpPort = world.stack.testPort(11)
        let imap = try FaultProxy(port: imapPort, target: world.stack.port("IMAPS_PORT"), fault: fault,
                                  stackDir: world.stack.dir, scratch: world.dir, targetTLS: true, faulty: 100)
        defer { imap.stop() }
        let wire = world.dir + "/smtp-client-bytes"
        let smtp = try FaultProxy(port: smtpPort, target: world.stack.port("SMTP_PORT"), fault: "pass",
                                  stackDir: world.stack.dir, scratch: world.dir, record: wire)
        defer { smtp.stop() }
        let faulty = world.dir + "/faulty.toml"
        try world.writeConfig(faulty, smtpURL: "smtps://127.0.0.1:\(smtpPort)", imapURL: "imaps://127.0.0.1:\(imapPort)")

        let began = Date()
        let tick = try world.startTick(at: t.at(1, "11:30"), config: faulty).wait(seconds: 90)
        let waited = Date().timeIntervalSince(began)
        #expect(tick.status != 0, "\(what): the tick must fail: \(tick.output)")
        #expect(waited < 60, "\(what): the tick took \(waited) s; one stall limit is 20 s")
        let sent = (try? String(contentsOfFile: wire, encoding: .utf8)) ?? ""
        #expect(!sent.contains("MAIL FROM"), "\(what): the SMTP server saw \(sent)")
        #expect(try world.draft(thankYou.id, of: app, at: t.at(1, "11:31"))?.state == "approved")
        #expect(world.stack.waitFor(1, in: OwnMailStack.hr, seconds: 1) == 0, "\(what): the employer got nothing")
        let status = try world.status(at: t.at(1, "11:32"))
        #expect(status.lastCheckResult == "failed", "\(what): \(status.lastCheckResult ?? "nil")")
    }
}
