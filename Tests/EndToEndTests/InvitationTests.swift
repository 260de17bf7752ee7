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
