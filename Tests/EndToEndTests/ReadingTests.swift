import Foundation
import MailMessage
import Testing
import TestSupport

/// The messages of Tests/Mail, as the test world's employer sends them: the
/// Acme world of those files (Jane Carter at acme.com, Alex the candidate)
/// renamed to this one (Dana Roe at employer.test, Morgan Lee).
enum WrittenMail {
    static func text(_ file: String, replyingTo thankYou: String? = nil) throws -> String {
        let url = TestEnvironment.packageRoot.appendingPathComponent("Tests/Mail/" + file)
        var text = try String(contentsOf: url, encoding: .utf8)
        // Each of the three employers of Tests/Mail becomes this world's one.
        var renames: [(String, String)] = []
        for (id, address, name, first, domain, company, role) in [
            ("thanks-1", "jane.carter@acme.com", "Jane Carter", "Jane", "acme.com", "Acme Corp.", "Backend Engineer"),
            ("thanks-2", "sam.okafor@globex.fr", "Sam Okafor", "Sam", "globex.fr", "Globex", "Data Engineer"),
            ("thanks-3", "peter.gibbons@initech.de", "Peter Gibbons", "Peter", "initech.de", "Initech GmbH", "Platform Engineer"),
        ] {
            renames += [("\(id)@example.org", thankYou ?? "\(id)@example.org"), (address, OwnMailStack.hr), (name, "Dana Roe"),
                        (first, "Dana"), (domain, "employer.test"), (company, "Employer KK"), (role, "Platform Engineer")]
        }
        renames += [("Acme Corp", "Employer KK"), ("Acme", "Employer KK"), ("Initech", "Employer KK"),
                    ("alex@example.org", OwnMailStack.candidate), ("Alex Candidate", "Morgan Lee"), ("Alex", "Morgan")]
        for (from, to) in renames { text = text.replacingOccurrences(of: from, with: to) }
        return text
    }
}

/// Issue "read every reply right": each kind of message through followupd,
/// Dovecot and Postfix, filed straight into the candidate's mailbox.
extension EndToEndTests {
    /// The thank-you sent the day after the interview; returns its Message-ID.
    private func thankYouSent(_ world: World) throws -> String {
        let thankYou = try world.approvedThankYou()
        try world.tick(at: world.time.at(1, "11:30"))
        try #require(world.stack.waitFor(1, in: OwnMailStack.hr) == 1, "the thank-you did not arrive")
        return thankYou.messageId
    }

    @Test("A scheduling tool's confirmation (GoodTime, the contact in Reply-To) closes the round as a next step")
    func schedulingConfirmationIsANextStep() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        _ = try thankYouSent(world)
        try world.filed(WrittenMail.text("relayed/01-goodtime-onsite.eml"), in: "INBOX", at: t.at(3, "09:00"))
        try world.tick(at: t.at(7, "11:30"))

        let shown = try world.show(app, at: t.at(7, "11:31"))
        #expect(shown.replies.map(\.replyClass) == ["next-step"])
        #expect(!shown.allDrafts.contains { $0.kind == "check_in" }, "\(shown.allDrafts.map(\.kind))")
        #expect(world.stack.count(OwnMailStack.hr) == 1, "nothing after the next interview was booked")
    }

    @Test("A job platform's notice (LinkedIn) stops the follow-ups, and the user is told to read it there")
    func platformNoticeSaysWhereToRead() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let out = world.dir + "/notices"
        let script = try world.script("notice.sh", "printf '%s %s\\n' \"$FOLLOWUPD_EVENT\" \"$FOLLOWUPD_SUMMARY\" >> \(out)\n")
        try world.notify("command = \"\(script)\"")
        let app = try world.addApplication()
        _ = try thankYouSent(world)
        try world.filed(WrittenMail.text("relayed/11-linkedin-message.eml"), in: "INBOX", at: t.at(3, "09:00"))
        try world.tick(at: t.at(7, "11:30"))

        let shown = try world.show(app, at: t.at(7, "11:31"))
        #expect(shown.replies.map(\.replyClass) == ["unclear"])
        #expect(!shown.allDrafts.contains { $0.kind == "check_in" }, "\(shown.allDrafts.map(\.kind))")
        let told = try waitForFile(out, containing: "LinkedIn")
        #expect(told.contains("reply A message for you on LinkedIn from Employer KK: read it there"), "\(told)")
        let why = try world.fuctl("why", [String(app)], at: t.at(7, "11:32"))
        #expect(why.contains("to be read on LinkedIn"), "\(why)")
    }

    @Test("A newsletter from a subdomain, a job alert and an acknowledgement for another role leave the check-in in place")
    func bulkMailIsNoReply() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        _ = try thankYouSent(world)
        for (i, file) in ["bulk/01-acme-newsletter-mailchimp.eml", "bulk/02-linkedin-acme-is-hiring.eml",
                          "bulk/07-acme-workday-other-role-received.eml"].enumerated() {
            try world.filed(WrittenMail.text(file), in: "INBOX", at: t.at(2 + i, "09:00"))
        }
        let tick = try world.tick(at: t.at(7, "11:30"))

        #expect(tick.output.contains("replies=0"), "\(tick.output)")
        let shown = try world.show(app, at: t.at(7, "11:31"))
        #expect(shown.replies.isEmpty, "\(shown.replies.map(\.replyClass))")
        #expect(try world.waiting("check_in", at: t.at(7, "11:32")) != nil, "the check-in is still planned")
    }

    @Test("An out-of-office without automation headers, its return date written 14.12.2026-style, holds the check-in until the day after")
    func headerlessOutOfOfficeHoldsTheCheckIn() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let thankYou = try thankYouSent(world)
        let back = t.at(8, "00:00")   // the Wednesday after the check-in's Tuesday
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: Run.zone)!
        let day = calendar.dateComponents([.year, .month, .day], from: back)
        let dotted = String(format: "%02d.%02d.%04d", day.day!, day.month!, day.year!)
        try world.filed("""
            From: Dana Roe <\(OwnMailStack.hr)>
            To: Morgan Lee <\(OwnMailStack.candidate)>
            Subject: Abwesenheitsnotiz: Thank you
            Date: \(EmployerMail.date())
            Message-ID: \(EmployerMail.messageID())
            In-Reply-To: <\(thankYou)>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich \(dotted) nicht im Büro
            und habe keinen Zugriff auf meine E-Mails.

            Dana Roe

            """, in: "INBOX", at: t.at(2, "09:00"))
        try world.tick(at: t.at(7, "12:00"))
        #expect(try world.queue(at: t.at(7, "12:01")).filter { $0.kind == "check_in" }.isEmpty, "not yet drafted: it is held")
        try world.tick(at: t.at(8, "12:00"))

        let shown = try world.show(app, at: t.at(8, "12:01"))
        #expect(shown.replies.map(\.replyClass) == ["auto-reply"])
        let checkIn = try #require(try world.waiting("check_in", at: t.at(8, "12:02")))
        #expect(checkIn.due == t.at(9, "09:00"), "held through \(dotted), due the next morning: \(checkIn.due)")
    }

    @Test("Bounces in three shapes mark the contact undeliverable; a delay warning does not",
          arguments: ["bounce/01-mdaemon-user-unknown.eml", "bounce/02-exchange-plain-delivery-failure.eml",
                      "bounce/03-quota-exceeded-disposition-notification.eml", "bounce/17-plain-warning-attempts-continue-4-days.eml"])
    func bounceShapes(file: String) throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let thankYou = try thankYouSent(world)
        try world.filed(WrittenMail.text(file, replyingTo: thankYou), in: "INBOX", at: t.at(2, "09:00"))
        try world.tick(at: t.at(7, "11:30"))

        let shown = try world.show(app, at: t.at(7, "11:31"))
        let delay = file.contains("warning")
        #expect(shown.contacts.map(\.undeliverable) == [!delay], "\(file)")
        #expect(shown.replies.map(\.replyClass) == (delay ? [] : ["bounce"]), "\(file)")
        #expect(shown.allDrafts.contains { $0.kind == "check_in" } == delay, "\(file): \(shown.allDrafts.map(\.kind))")
    }

    /// The text of `path` once it holds `fragment` (notice commands run in the background).
    private func waitForFile(_ path: String, containing fragment: String, seconds: Double = 15) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), text.contains(fragment) { return text }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
