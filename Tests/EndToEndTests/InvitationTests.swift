import Foundation
import MailMessage
import Testing

/// An invitation as the employer's calendar sends it, at `start` for an hour.
enum Invitations {
    static func utc(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    static func mail(_ method: String = "REQUEST", uid: String, sequence: Int = 0, start: Date,
                     subject: String = "Invitation: Platform Engineer interview") -> String {
        let calendar = [
            "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "METHOD:\(method)",
            "BEGIN:VEVENT", "UID:\(uid)", "SEQUENCE:\(sequence)", "DTSTAMP:\(utc(Date()))",
            "DTSTART:\(utc(start))", "DTEND:\(utc(start.addingTimeInterval(3600)))",
            "ORGANIZER;CN=Dana Roe:mailto:\(OwnMailStack.hr)",
            "ATTENDEE;CN=Morgan Lee;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:\(OwnMailStack.candidate)",
            "SUMMARY:Platform Engineer interview", "STATUS:\(method == "CANCEL" ? "CANCELLED" : "CONFIRMED")",
            "END:VEVENT", "END:VCALENDAR",
        ].joined(separator: "\r\n")
        let encoded = Data(calendar.utf8).base64EncodedString(options: .lineLength76Characters)
        return """
            From: Dana Roe <\(OwnMailStack.hr)>
            To: Morgan Lee <\(OwnMailStack.candidate)>
            Subject: \(subject)
            Date: \(EmployerMail.date())
            Message-ID: \(EmployerMail.messageID())
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="inv"

            --inv
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=utf-8

            You have been invited to the following event.
            --alt
            Content-Type: text/calendar; charset=utf-8; method=\(method)
            Content-Transfer-Encoding: base64

            \(encoded)
            --alt--
            --inv--

            """
    }
}

/// Issue "interviews from their invitations": the calendar in the inbox moves,
/// cancels and starts rounds, through followupd, Dovecot and Postfix.
extension EndToEndTests {
    @Test("The interview moved a day later by its invitation: the approved thank-you for the old day never goes out, a new one is drafted for the new day")
    func movedInvitationMovesTheThankYou() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication(at: t.at(-6, "12:00"))
        let uid = "\(UUID().uuidString)@employer.test"
        try world.filed(Invitations.mail(uid: uid, start: t.at(0, "10:00")), in: "INBOX", at: t.at(-5, "09:00"))
        let thankYou = try world.approvedThankYou()
        #expect(try world.show(app, at: t.at(0, "15:03")).events.map(\.invitation) == [uid], "linked to its invitation")

        try world.filed(Invitations.mail(uid: uid, sequence: 1, start: t.at(1, "10:00"), subject: "Updated invitation: Platform Engineer interview"),
                        in: "INBOX", at: t.at(0, "16:00"))
        try world.tick(at: t.at(1, "11:30"))
        let moved = try world.show(app, at: t.at(1, "11:31"))
        #expect(moved.events.first?.start == t.at(1, "10:00") && moved.events.first?.movedAt != nil)
        #expect(try world.draft(thankYou.id, of: app, at: t.at(1, "11:32"))?.state == "cancelled")
        #expect(moved.replies.isEmpty, "the invitation of the interview, and its update, are no reply")
        #expect(world.stack.count(OwnMailStack.hr) == 0, "nothing for the old day")

        try world.tick(at: t.at(1, "12:00"))
        let again = try #require(try world.waiting("thank_you", at: t.at(1, "12:01")))
        #expect(again.id != thankYou.id && again.due == t.at(2, "11:00"), "due 24 h after the new end: \(again.due)")
    }

    @Test("A cancellation cancels the round's drafts, approved ones included, and nothing of the round goes out")
    func cancelledInvitationCancelsTheRound() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let thankYou = try world.approvedThankYou()
        // The employer's calendar cancels the meeting the user had recorded by hand.
        try world.filed(Invitations.mail("CANCEL", uid: "\(UUID().uuidString)@employer.test", sequence: 1, start: t.at(0, "10:00"),
                                         subject: "Canceled event: Platform Engineer interview"), in: "INBOX", at: t.at(0, "16:00"))
        try world.tick(at: t.at(1, "11:30"))

        let shown = try world.show(app, at: t.at(1, "11:31"))
        #expect(shown.events.first?.cancelledAt != nil && shown.state == "interview cancelled", "\(shown.state)")
        #expect(try world.draft(thankYou.id, of: app, at: t.at(1, "11:32"))?.state == "cancelled")
        try world.tick(at: t.at(8, "11:30"))
        #expect(world.stack.count(OwnMailStack.hr) == 0, "no thank-you, no check-in for an interview that did not happen")
        #expect(try world.queue(at: t.at(8, "11:31")).isEmpty)
    }

    @Test("An invitation to a later interview of a tracked application starts a new round with its own thank-you")
    func invitationStartsANewRound() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        _ = try world.approvedThankYou()
        try world.tick(at: t.at(1, "11:30"))
        try #require(world.stack.waitFor(1, in: OwnMailStack.hr) == 1, "the thank-you did not arrive")
        try world.filed(Invitations.mail(uid: "\(UUID().uuidString)@employer.test", start: t.at(9, "10:00")), in: "INBOX", at: t.at(3, "09:00"))
        try world.tick(at: t.at(6, "11:30"))

        let shown = try world.show(app, at: t.at(6, "11:31"))
        #expect(shown.events.count == 2 && shown.events.last?.start == t.at(9, "10:00"))
        #expect(shown.replies.map(\.replyClass) == ["next-step"], "the invitation answered the first round")
        #expect(!shown.allDrafts.contains { $0.kind == "check_in" }, "no check-in for the first round")
        try world.tick(at: t.at(9, "15:00"))
        let second = try #require(try world.waiting("thank_you", at: t.at(9, "15:01")))
        #expect(second.due == t.at(10, "11:00"))
    }
}

/// Issue "applications that can change": fuctl update through both programs and the real servers.
extension EndToEndTests {
    @Test("fuctl update of the contact's address withdraws the approved thank-you; it is written anew to the new address and goes there once approved")
    func updatedContactGetsTheNewDraft() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let thankYou = try world.approvedThankYou()
        try world.fuctl("update", [String(app), "--contact-email", OwnMailStack.recruiter], at: t.at(0, "15:05"))
        try world.tick(at: t.at(1, "11:30"))

        #expect(try world.draft(thankYou.id, of: app, at: t.at(1, "11:31"))?.state == "cancelled")
        #expect(world.stack.count(OwnMailStack.hr) == 0, "nothing to the old address")
        let again = try #require(try world.waiting("thank_you", at: t.at(1, "11:32")))
        #expect(again.to == OwnMailStack.recruiter)
        try world.approve(again.id, at: t.at(1, "11:33"))
        try world.tick(at: t.at(1, "11:40"))
        #expect(world.stack.waitFor(1, in: OwnMailStack.recruiter) == 1)
        #expect(world.stack.count(OwnMailStack.hr) == 0)
    }

    @Test("A decision date added after the interview holds the check-in until the business day after it")
    func decisionDateAddedLaterHoldsTheCheckIn() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        try world.fuctl("update", [String(app), "--decision-date", t.day(9)], at: t.at(0, "12:30"))
        try world.tick(at: t.at(7, "11:30"))
        #expect(try world.queue(at: t.at(7, "11:31")).filter { $0.kind == "check_in" }.isEmpty, "held by the decision date")
        try world.tick(at: t.at(9, "12:00"))
        let checkIn = try #require(try world.waiting("check_in", at: t.at(9, "12:01")))
        #expect(checkIn.due == t.at(10, "09:00"), "the business day after \(t.day(9)): \(checkIn.due)")
    }
}

/// Issue "interviews from their invitations": an invitation from a stranger is
/// a proposal, and the application the user accepts is timed in the invitation's zone.
extension EndToEndTests {
    /// Outlook's invitation from a recruiter no application knows, at 10:00 on
    /// `day` ("yyyyMMdd") in "W. Europe Standard Time", for half an hour.
    static func outlookInvitation(day: String, uid: String) -> String {
        let calendar = [
            "BEGIN:VCALENDAR", "PRODID:Microsoft Exchange Server 2010", "VERSION:2.0", "METHOD:REQUEST",
            "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
            "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:\(uid)", "SEQUENCE:0",
            "ORGANIZER;CN=Rae Kim:mailto:\(OwnMailStack.recruiter)",
            "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Morgan Lee:mailto:\(OwnMailStack.candidate)",
            "SUMMARY;LANGUAGE=en-US:Phone screen \u{2013} Site Reliability Engineer",
            "DTSTART;TZID=W. Europe Standard Time:\(day)T100000", "DTEND;TZID=W. Europe Standard Time:\(day)T103000",
            "LOCATION;LANGUAGE=en-US:Microsoft Teams Meeting", "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR",
        ].joined(separator: "\r\n")
        return """
            From: Rae Kim <\(OwnMailStack.recruiter)>
            To: Morgan Lee <\(OwnMailStack.candidate)>
            Subject: Phone screen \u{2013} Site Reliability Engineer
            Date: \(EmployerMail.date())
            Message-ID: \(EmployerMail.messageID())
            MIME-Version: 1.0
            Content-Class: urn:content-classes:calendarmessage
            Content-Type: text/calendar; charset="utf-8"; method=REQUEST
            Content-Transfer-Encoding: base64

            \(Data(calendar.utf8).base64EncodedString(options: .lineLength76Characters))

            """
    }

    struct ProposalInfo: Decodable {
        var id: Int
        var start: Date
        var end: Date
        var timeZone: String?
        var contactEmail: String
        var company: String?
        var role: String?
    }

    @Test("An invitation from an unknown recruiter is a proposal; fuctl accept records it, and its thank-you is due at the right instant in the invitation's Windows-named zone")
    func acceptedProposalIsTimedInTheInvitationsZone() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        var berlin = Calendar(identifier: .gregorian)
        berlin.timeZone = TimeZone(identifier: "Europe/Berlin")!
        func inBerlin(_ days: Int, _ hour: Int, _ minute: Int = 0) -> Date {
            let day = berlin.dateComponents([.year, .month, .day], from: t.at(days, "12:00"))
            return berlin.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))!
        }
        let interviewDay = t.day(1).replacingOccurrences(of: "-", with: "")
        let uid = "040000008200E00074C5B7101A82E008\(UUID().uuidString.prefix(8))"
        try world.filed(Self.outlookInvitation(day: interviewDay, uid: uid), in: "INBOX", at: t.at(-3, "09:00"))
        try world.tick(at: t.at(-2, "10:00"))
        #expect(try world.decode([AppRow].self, world.fuctl("list", ["--json"], at: t.at(-2, "10:01"))).isEmpty,
                "a proposal is no application by itself")

        let proposals = try world.decode([ProposalInfo].self, world.fuctl("proposals", ["--json"], at: t.at(-2, "10:02")))
        let proposal = try #require(proposals.first)
        #expect(proposals.count == 1 && proposal.timeZone == "Europe/Berlin" && proposal.contactEmail == OwnMailStack.recruiter)
        #expect(proposal.start == inBerlin(1, 10) && proposal.end == inBerlin(1, 10, 30), "10:00 Berlin, not 10:00 in \(Run.zone)")
        #expect(proposal.company == "Employer" && proposal.role == "Site Reliability Engineer")

        let accepted = try world.fuctl("accept", [String(proposal.id), "--company", "Employer KK",
                                                  "--talking-point", "the error budget policy"], at: t.at(-2, "10:03"))
        #expect(accepted.contains("in Berlin"), "\(accepted)")
        #expect(try world.fuctl("proposals", [], at: t.at(-2, "10:04")).contains("no proposals"))
        try world.tick(at: t.at(2, "09:00"))
        let thankYou = try #require(try world.waiting("thank_you", at: t.at(2, "09:01")))
        #expect(thankYou.due == inBerlin(2, 10, 30), "24 h after the end, in Berlin: \(thankYou.due)")
        #expect(thankYou.to == OwnMailStack.recruiter)
        let app = try #require(try world.decode([AppRow].self, world.fuctl("list", ["--json"], at: t.at(2, "09:02"))).first)
        let shown = try world.show(app.id, at: t.at(2, "09:03"))
        #expect(shown.events.map(\.invitation) == [uid] && shown.replies.isEmpty, "the invitation itself is no reply")
    }

    struct AppRow: Decodable { var id: Int }
}
