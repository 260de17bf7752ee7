import Foundation
import MailMessage
import Testing

/// POLICY invariant 7 with the user deciding: a send whose outcome is
/// unknown is never retried; `fuctl resolve --sent` makes it sent, and then
/// it counts toward the cap and the gap like any other.
extension EndToEndTests {
    @Test("Invariant 7: a send lost after the final dot stays unknown, never resent; resolved as sent it counts toward the cap and the gap")
    func unknownSendResolvedAsSentCounts() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        try world.tick(at: t.at(6, "12:00"))
        let checkIn = try #require(try world.waiting("check_in", at: t.at(6, "12:01")))
        try world.approve(checkIn.id, at: t.at(6, "12:02"))

        // Postfix queues the message; its "250 … queued as" never reaches the daemon.
        let port = world.stack.testPort(2)
        let proxy = try FaultProxy(port: port, target: world.stack.port("SMTP_PORT"), fault: "drop-on:queued as",
                                   stackDir: world.stack.dir, scratch: world.dir)
        defer { proxy.stop() }
        let proxied = world.dir + "/proxied.toml"
        try world.writeConfig(proxied, smtpURL: "smtps://127.0.0.1:\(port)")
        try world.tick(at: t.at(7, "11:30"), config: proxied)
        proxy.stop()
        #expect(world.stack.waitFor(1, in: OwnMailStack.hr) == 1, "the server took the message")
        #expect(try world.draft(checkIn.id, of: app, at: t.at(7, "11:31"))?.state == "unknown")

        // Later ticks (without the proxy) look for it in Sent, do not find it, and never send it again.
        try world.tick(at: t.at(7, "11:40"))
        let status = try world.status(at: t.at(7, "11:41"))
        #expect(status.unknownDrafts.map(\.id) == [checkIn.id], "fuctl status lists it for the user")
        let handedOver = try #require(try world.draft(checkIn.id, of: app, at: t.at(7, "11:42"))?.sentAt)

        try world.fuctl("resolve", [String(checkIn.id), "--sent"], at: t.at(7, "12:00"))
        let resolved = try world.draft(checkIn.id, of: app, at: t.at(7, "12:01"))
        #expect(resolved?.state == "sent")
        #expect(resolved?.sentAt == handedOver, "sent when it was handed over, not when the user decided")
        #expect(try world.status(at: t.at(7, "12:02")).unknown == 0)

        // The next step counts from it: the second check-in, 7 days after the hand-over.
        try world.tick(at: t.at(10, "10:00"))
        #expect(try world.queue(at: t.at(10, "10:01")).isEmpty)
        try world.tick(at: t.at(13, "12:00"))
        let second = try #require(try world.waiting("second_check_in", at: t.at(13, "12:01")))
        let week = t.calendar.date(byAdding: .day, value: 7, to: handedOver)!
        #expect(abs(second.due.timeIntervalSince(week)) < 1, "second check-in due 7 days after \(handedOver): \(second.due)")
        #expect(second.subject.hasPrefix("Re: "))
        try world.approve(second.id, at: t.at(13, "12:02"))
        try world.tick(at: t.at(14, "11:45"))
        try #require(world.stack.waitFor(2, in: OwnMailStack.hr) == 2, "the second check-in did not arrive")

        // The check-in and the second make the cap: nothing more; the check-in went out once.
        try world.tick(at: t.at(21, "12:00"))
        #expect(try world.queue(at: t.at(21, "12:01")).isEmpty)
        let received = try world.employerInbox().compactMap(\.bareMessageID)
        #expect(received == [checkIn.messageId, second.messageId], "\(received)")
        let log = try world.decode([LogRow].self, world.fuctl("log", ["--json"], at: t.at(21, "12:02")))
        #expect(log.filter { $0.draft == checkIn.id }.count == 1, "one hand-over of the check-in, never a retry: \(log)")
        #expect(world.stack.count(OwnMailStack.hr) == 2)
    }
}
