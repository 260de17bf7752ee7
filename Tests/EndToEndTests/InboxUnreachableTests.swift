import Foundation
import Testing

/// POLICY invariant 4: a message goes out only after an inbox check that
/// succeeded shortly before; if the inbox cannot be checked, nothing is sent.
extension EndToEndTests {
    @Test("Invariant 4: if the inbox cannot be checked, nothing is sent; once it can, the due draft goes out")
    func nothingIsSentWhenTheInboxCannotBeChecked() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let thankYou = try world.approvedThankYou()

        // The IMAP URL points at a port nobody listens on; SMTP is as reachable as ever.
        let unreachable = world.dir + "/imap-unreachable.toml"
        try world.writeConfig(unreachable, smtpURL: "smtp://127.0.0.1:\(world.stack.port("SUBMISSION_PORT"))",
                              imapURL: "imap://127.0.0.1:\(world.stack.testPort(3))")
        let failed = try world.startTick(at: t.at(1, "11:30"), config: unreachable).wait(seconds: 60)
        #expect(failed.status != 0, "followupd --once must fail when the inbox cannot be checked: \(failed.output)")

        let log = try world.decode([LogRow].self, world.fuctl("log", ["--json"], at: t.at(1, "11:31")))
        #expect(log.isEmpty, "not one send attempt: \(log)")
        #expect(try world.draft(thankYou.id, of: app, at: t.at(1, "11:31"))?.state == "approved")
        #expect(world.stack.waitFor(1, in: OwnMailStack.hr, seconds: 1) == 0, "the employer got nothing")

        let status = try world.status(at: t.at(1, "11:32"))
        #expect(status.lastCheckResult == "failed")
        let checkedAt = try #require(status.lastCheckAt, "the failed check is shown with its time")
        #expect(abs(checkedAt.timeIntervalSince(t.at(1, "11:30"))) < 60, "the failed check's time: \(checkedAt)")
        let error = try #require(status.lastError, "the error is shown")
        #expect(error.contains("\(world.stack.testPort(3))") || error.lowercased().contains("connect"), "\(error)")
        #expect(!error.contains(world.stack.password(OwnMailStack.candidate)), "no secret in the error")

        // The URL restored: the next tick checks the inbox and sends the draft.
        try world.tick(at: t.at(1, "11:40"))
        #expect(world.stack.waitFor(1, in: OwnMailStack.hr) == 1)
        #expect(try world.employerInbox().map(\.bareMessageID) == [thankYou.messageId])
        let recovered = try world.status(at: t.at(1, "11:41"))
        #expect(recovered.lastCheckResult?.hasPrefix("ok") == true, "\(recovered.lastCheckResult ?? "nil")")
        #expect(try world.draft(thankYou.id, of: app, at: t.at(1, "11:41"))?.state == "sent")
    }
}
