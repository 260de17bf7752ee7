import Foundation
import MailMessage
import Testing

/// The user's side of notices: a script for `notify.command`, `[notify]`
/// keys added to the config, an answer written in a mail client.
extension World {
    /// An executable shell script in the world's directory.
    func script(_ name: String, _ body: String) throws -> String {
        let path = dir + "/" + name
        try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// Appends `[notify]` with `keys` to the config.
    func notify(_ keys: String) throws {
        try (String(contentsOfFile: config, encoding: .utf8) + "[notify]\n" + keys + "\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// The user answers the notice `notice` with `word` from their own address (or `from`).
    func answer(_ notice: ParsedMessage, _ word: String, naming id: String? = nil, from: String = OwnMailStack.candidate) throws {
        let named = id ?? notice.messageID ?? ""
        try employerWrites("""
            From: Morgan Lee <\(from)>
            To: Morgan Lee <\(OwnMailStack.candidate)>
            Subject: Re: \(notice.subject ?? "")
            Date: \(EmployerMail.date())
            Message-ID: \(EmployerMail.messageID())
            In-Reply-To: \(named)
            References: \(named)
            Content-Type: text/plain; charset=utf-8

            \(word)

            > \(notice.text.prefix(60))

            """, envelopeFrom: from)
    }
}

/// Issue "a notice for every decision": through followupd, Postfix and Dovecot.
extension EndToEndTests {
    @Test("A queued draft is told by command and by mail to the user alone, once; the notice and an answer to it are never replies")
    func queuedDraftIsNoticedOnce() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let out = world.dir + "/notices"
        let script = try world.script("notice.sh", "printf '%s %s\\n' \"$FOLLOWUPD_EVENT\" \"$FOLLOWUPD_SUMMARY\" >> \(out)\ncat > \(out).json\n")
        try world.notify("command = \"\(script)\"\nmail = true")
        let app = try world.addApplication()

        try world.tick(at: t.at(0, "15:00"))
        let thankYou = try #require(try world.waiting("thank_you", at: t.at(0, "15:01")))
        try #require(world.stack.waitFor(1, in: OwnMailStack.candidate) == 1, "the notice mail did not arrive")
        let notice = ParsedMessage(try world.stack.messages(OwnMailStack.candidate)[0])
        #expect(notice.from.map(\.address) == [OwnMailStack.candidate])
        #expect(notice.subject?.hasPrefix("followupd: Drafted: the thank-you to Dana Roe (Employer KK), due ") == true)
        #expect(notice.text.contains("fuctl approve \(thankYou.id)") && notice.text.contains(thankYou.subject),
                "the draft's whole text: \(notice.text)")
        #expect(world.stack.count(OwnMailStack.hr) == 0, "nothing to anyone else")
        let told = try String(contentsOfFile: out, encoding: .utf8)
        #expect(told.hasPrefix("draft-queued Drafted: the thank-you to Dana Roe (Employer KK)") && told.split(separator: "\n").count == 1,
                "\(told)")
        #expect(try String(contentsOfFile: out + ".json", encoding: .utf8).contains("\"application_id\":\(app)"))

        // The user answers the notice from a phone; followupd starts again and reads the inbox.
        try world.answer(notice, "approve")
        try world.tick(at: t.at(0, "15:30"))
        try world.tick(at: t.at(0, "15:40"))

        #expect(try world.show(app, at: t.at(0, "15:41")).replies.isEmpty, "neither the notice nor the answer is the employer's")
        #expect(world.stack.count(OwnMailStack.candidate) == 2, "no second notice after a restart")
        let after = try String(contentsOfFile: out, encoding: .utf8)
        #expect(after == told, "\(after)")
    }
}

extension EndToEndTests {
    @Test("Approval by reply: the user's answer approves the draft once; a forged token and a second answer are refused and told")
    func approvalByReply() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        try world.notify("mail = true\napprove_by_reply = true")
        let app = try world.addApplication()
        try world.tick(at: t.at(0, "15:00"))
        let thankYou = try #require(try world.waiting("thank_you", at: t.at(0, "15:01")))
        try #require(world.stack.waitFor(1, in: OwnMailStack.candidate) == 1, "the notice mail did not arrive")
        let notice = ParsedMessage(try world.stack.messages(OwnMailStack.candidate)[0])
        #expect(notice.messageID?.hasPrefix("notice.") == true, "the token rides in the Message-ID")
        #expect(notice.text.contains("answer this mail with one word as its first line: approve, discard or skip"))

        try world.answer(notice, "Approve")
        try world.answer(notice, "approve", naming: "<notice.00000000000000000000000000000000@example.test>")
        try world.answer(notice, "discard")
        try world.tick(at: t.at(0, "15:30"))

        #expect(try world.draft(thankYou.id, of: app, at: t.at(0, "15:31"))?.state == "approved")
        #expect(try world.show(app, at: t.at(0, "15:31")).replies.isEmpty)
        try #require(world.stack.waitFor(5, in: OwnMailStack.candidate) == 5, "no confirmation")
        let told = ParsedMessage(try world.stack.messages(OwnMailStack.candidate)[4]).text
        #expect(told.contains("Approved: the thank-you to Dana Roe (Employer KK) goes out when due, "), "\(told)")
        #expect(told.contains("a notice followupd never sent"), "\(told)")
        #expect(told.contains("answered already; only the first answer counts"), "\(told)")

        // Read again (a restart reads nothing new) and sent when due, once.
        try world.tick(at: t.at(0, "15:50"))
        try world.tick(at: t.at(1, "11:30"))
        #expect(world.stack.waitFor(1, in: OwnMailStack.hr) == 1)
        #expect(world.stack.count(OwnMailStack.candidate) == 5, "nothing told twice")
    }
}

extension EndToEndTests {
    @Test("An answer to the notice of a draft edited since is refused and told; the edit brings a notice of its own")
    func answerToAnEditedDraftIsRefused() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        try world.notify("mail = true\napprove_by_reply = true")
        let app = try world.addApplication()
        try world.tick(at: t.at(0, "15:00"))
        let thankYou = try #require(try world.waiting("thank_you", at: t.at(0, "15:01")))
        try #require(world.stack.waitFor(1, in: OwnMailStack.candidate) == 1)
        let notice = ParsedMessage(try world.stack.messages(OwnMailStack.candidate)[0])

        let editor = try world.script("editor.sh", "printf 'P.S. Thank you for the tour of the office.\\n' >> \"$1\"\n")
        // At the real time: Foundation waits for the editor by the clock, which faketime holds.
        try world.fuctl("edit", [String(thankYou.id)], at: nil, environment: ["EDITOR": editor, "VISUAL": ""])
        try world.tick(at: t.at(0, "15:20"))
        try #require(world.stack.waitFor(2, in: OwnMailStack.candidate) == 2, "no notice of the edited draft")
        #expect(ParsedMessage(try world.stack.messages(OwnMailStack.candidate)[1]).text.contains("tour of the office"))

        try world.answer(notice, "approve")
        try world.tick(at: t.at(0, "15:40"))

        #expect(try world.draft(thankYou.id, of: app, at: t.at(0, "15:41"))?.state == "drafted", "the edited text was never approved")
        try #require(world.stack.waitFor(4, in: OwnMailStack.candidate) == 4, "the refusal was not told")
        let told = ParsedMessage(try world.stack.messages(OwnMailStack.candidate)[3]).text
        #expect(told.contains("was edited since that notice; answer the newer one"), "\(told)")
    }

    @Test("An unclear reply and inbox checks failing for longer than alert_after are each told once")
    func unclearReplyAndFailingChecksAreTold() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let out = world.dir + "/notices"
        let script = try world.script("notice.sh", "printf '%s|%s\\n' \"$FOLLOWUPD_EVENT\" \"$FOLLOWUPD_SUMMARY\" >> \(out)\n")
        let notify = "command = \"\(script)\"\nalert_after = \"1h\""
        try world.notify(notify)
        let app = try world.addApplication()
        try world.tick(at: t.at(0, "15:00"))
        try world.employerWrites("""
            From: Dana Roe <hr@employer.test>
            To: Morgan Lee <candidate@example.test>
            Subject: Quick question
            Date: \(EmployerMail.date())
            Message-ID: \(EmployerMail.messageID())
            Content-Type: text/plain; charset=utf-8

            Hi Morgan, which of your projects did you mention last week? Dana

            """)
        try world.tick(at: nil)
        #expect(try world.show(app, at: nil).replies.map(\.replyClass) == ["unclear"])

        // The IMAP server goes away; two hours of failed checks later, one notice.
        let closed = "imap://127.0.0.1:\(world.stack.testPort(14))"
        try world.writeConfig(world.config, smtpURL: "smtp://127.0.0.1:\(world.stack.port("SUBMISSION_PORT"))", imapURL: closed)
        try world.notify(notify)
        for moment in [t.weekdayAfterNow(days: 1, hour: 10), t.weekdayAfterNow(days: 1, hour: 12)] {
            #expect(try world.startTick(at: moment).wait(seconds: 60).status == 1)
        }

        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        let replies = lines.filter { $0.hasPrefix("reply|") }
        #expect(replies.count == 1 && replies[0].contains("Reply from hr@employer.test (Employer KK), a reply to read yourself"), "\(lines)")
        #expect(replies.first?.contains("read it and decide yourself") == true)
        let failing = lines.filter { $0.hasPrefix("checks-failing|") }
        #expect(failing.count == 1 && failing[0].contains("nothing is sent until one succeeds"), "\(lines)")
    }
}
