import Foundation
import Testing

/// Issue "every folder": a reply is seen wherever the server or a rule filed
/// it, once, and a folder the config names must be there.
extension EndToEndTests {
    @Test("A rejection the spam filter filed in Junk (found by its SPECIAL-USE mark) stops the check-in")
    func rejectionInJunkStopsTheCheckIn() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        _ = try world.approvedThankYou()
        try world.tick(at: t.at(1, "11:30"))
        try #require(world.stack.waitFor(1, in: OwnMailStack.hr) == 1, "the thank-you did not arrive")

        // The test stack's junk folder has no usual junk name: only \Junk says what it is.
        try world.filed(EmployerMail.rejection(subject: "Thank you"), in: "Quarantaine", at: t.at(3, "09:00"))
        let tick = try world.tick(at: t.at(6, "11:30"))

        #expect(tick.output.contains("folders=INBOX, Quarantaine"), "\(tick.output)")
        let shown = try world.show(app, at: t.at(6, "11:31"))
        #expect(shown.replies.map(\.replyClass) == ["rejection"])
        #expect(!shown.allDrafts.contains { $0.kind == "check_in" }, "\(shown.allDrafts.map(\.kind))")
        try world.tick(at: t.at(7, "11:30"))
        #expect(world.stack.count(OwnMailStack.hr) == 1, "nothing after the employer said no")
    }

    @Test("A reply a server rule filed in a folder of imap.folders stops the check-in")
    func ruleFiledReplyStopsTheCheckIn() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let jobs = "Jobs \(UUID().uuidString.prefix(6))"
        try world.filed(EmployerMail.rejection(subject: "older mail"), in: jobs, at: t.at(-40, "09:00"))
        try world.writeConfig(world.config, smtpURL: "smtp://127.0.0.1:\(world.stack.port("SUBMISSION_PORT"))",
                              imapExtra: "folders = [\"INBOX\", \"\(jobs)\"]")
        let app = try world.addApplication()
        let thankYou = try world.approvedThankYou()
        try world.tick(at: t.at(1, "11:30"))
        try #require(world.stack.waitFor(1, in: OwnMailStack.hr) == 1, "the thank-you did not arrive")

        try world.filed(EmployerMail.invitation(inReplyTo: thankYou.messageId, subject: thankYou.subject), in: jobs,
                        at: t.at(3, "09:00"))
        try world.tick(at: t.at(6, "11:30"))

        let shown = try world.show(app, at: t.at(6, "11:31"))
        #expect(shown.replies.map(\.replyClass) == ["next-step"], "only the reply after the interview counts")
        #expect(!shown.allDrafts.contains { $0.kind == "check_in" }, "\(shown.allDrafts.map(\.kind))")
    }

    @Test("A reply moved from INBOX to another folder between ticks is recorded once")
    func movedReplyIsRecordedOnce() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        try world.writeConfig(world.config, smtpURL: "smtp://127.0.0.1:\(world.stack.port("SUBMISSION_PORT"))",
                              imapExtra: #"folders = ["INBOX", "Archive", "\\Junk"]"#)
        try world.filed(EmployerMail.rejection(subject: "none yet"), in: "Archive", at: t.at(-40, "09:00"))
        let app = try world.addApplication()
        try world.tick(at: t.at(0, "15:00"))
        try world.employerWrites(EmployerMail.invitation(inReplyTo: "none@example.test", subject: "Platform Engineer"))
        try world.tick(at: nil)
        #expect(try world.show(app, at: nil).replies.count == 1)

        try world.stack.move(OwnMailStack.candidate, from: "INBOX", to: "Archive")
        #expect(world.stack.count(OwnMailStack.candidate) == 0 && world.stack.count(OwnMailStack.candidate, "Archive") == 2)
        let again = try world.tick(at: nil)

        #expect(again.output.contains("replies=0"), "\(again.output)")
        #expect(try world.show(app, at: nil).replies.map(\.replyClass) == ["next-step"])
    }

    @Test("A folder the config names and the server lacks stops followupd at start with the file, line and what the server has")
    func missingFolderIsAConfigError() throws {
        guard let world = try World.begin() else { return }
        try world.writeConfig(world.config, smtpURL: "smtp://127.0.0.1:\(world.stack.port("SUBMISSION_PORT"))",
                              imapExtra: #"folders = ["INBOX", "Nowhere"]"#)
        let line = try #require(try String(contentsOfFile: world.config, encoding: .utf8)
            .components(separatedBy: "\n").firstIndex { $0.hasPrefix("folders") }) + 1
        let expected = "\(world.config):\(line): imap.folders: no folder \"Nowhere\" on the server; it has: INBOX"

        let once = try world.startTick(at: nil).wait(seconds: 60)
        #expect(once.status == 78, "\(once.output)")
        #expect(once.output.contains(expected), "\(once.output)")
        #expect(once.output.contains("Quarantaine") && once.output.contains("Sent"))

        // The daemon itself: the same words, and the exit status systemd does not restart on.
        let daemon = try Running(Paths.binary("followupd"), ["--config", world.config], fakeTime: nil, environment: [:])
            .wait(seconds: 60)
        #expect(daemon.status == 78, "\(daemon.output)")
        #expect(daemon.output.contains(expected), "\(daemon.output)")
        let status = try world.status(at: nil)
        #expect(status.lastCheckResult == "failed" && status.lastError?.contains("no folder \"Nowhere\"") == true)
    }
}
