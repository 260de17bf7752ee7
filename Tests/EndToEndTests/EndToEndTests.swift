import Foundation
import MailMessage
import Testing

/// The product from outside: `followupd --once` and `fuctl` as processes,
/// a real Dovecot and Postfix, the clock moved with faketime. Serialized:
/// the tests share the suite's three mailboxes, emptied before each one.
@Suite("End to end", .serialized, .ownMailStack)
struct EndToEndTests {
    @Test("A full round: thank-you drafted ahead, sent in the window with a Sent copy; check-in threaded after 7 days; the reply stops it")
    func fullRound() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()

        // The afternoon of the interview: the thank-you is drafted a day ahead of its time.
        try world.tick(at: t.at(0, "15:00"))
        let thankYou = try #require(try world.waiting("thank_you", at: t.at(0, "15:01")))
        #expect(thankYou.due == t.at(1, "11:00"), "thank-you due 24 h after the interview ended")
        #expect(thankYou.due > t.at(0, "15:00"))
        try world.approve(thankYou.id, at: t.at(0, "15:02"))
        try world.tick(at: t.at(0, "15:10"))
        #expect(world.stack.count(OwnMailStack.hr) == 0, "approved, but not due yet: nothing sent")

        // Due: it goes out, and the Sent folder holds the very same bytes.
        try world.tick(at: t.at(1, "11:30"))
        #expect(world.stack.waitFor(1, in: OwnMailStack.hr) == 1)
        let received = try world.stack.messages(OwnMailStack.hr)
        let filed = try world.stack.messages(OwnMailStack.candidate, "Sent")
        try #require(received.count == 1 && filed.count == 1, "employer has \(received.count), Sent has \(filed.count)")
        #expect(ParsedMessage(filed[0]).bareMessageID == thankYou.messageId)
        #expect(Trace.strip(received[0]) == filed[0], "the Sent copy is byte for byte what the employer received")

        // No check-in before its time; a day ahead of it, the draft.
        try world.tick(at: t.at(5, "11:30"))
        #expect(try world.queue(at: t.at(5, "11:31")).isEmpty)
        try world.tick(at: t.at(6, "11:30"))
        let checkIn = try #require(try world.waiting("check_in", at: t.at(6, "11:31")))
        #expect(checkIn.due == t.at(7, "11:00"), "check-in due 7 days after the interview ended")
        try world.approve(checkIn.id, at: t.at(6, "11:32"))
        try world.tick(at: t.at(7, "11:30"))
        #expect(world.stack.waitFor(2, in: OwnMailStack.hr) == 2)
        let inbox = try world.employerInbox()
        try #require(inbox.count == 2)
        let (first, second) = (inbox[0], inbox[1])
        #expect(second.bareMessageID == checkIn.messageId)
        #expect(second.bareInReplyTo == [thankYou.messageId], "threaded onto the thank-you")
        #expect(second.bareReferences.contains(thankYou.messageId))
        #expect(second.subject?.hasPrefix("Re: ") == true)
        #expect(second.subject == "Re: " + (first.subject ?? ""))

        // The second check-in is drafted; then the employer answers (at the real time).
        try world.tick(at: t.at(13, "12:00"))
        let pending = try #require(try world.waiting("second_check_in", at: t.at(13, "12:01")))
        try world.employerWrites(EmployerMail.invitation(inReplyTo: checkIn.messageId, subject: second.subject ?? ""))
        try world.tick(at: nil)
        let after = try world.show(app, at: nil)
        #expect(after.replies.map(\.replyClass) == ["next-step"])
        #expect(after.allDrafts.first { $0.id == pending.id }?.state == "cancelled", "the reply cancels what was pending")

        // Nothing more, however long the silence after the reply.
        for moment in [t.weekdayAfterNow(days: 7), t.weekdayAfterNow(days: 30)] {
            try world.tick(at: moment)
        }
        let end = try world.show(app, at: t.weekdayAfterNow(days: 30))
        #expect(end.allDrafts.count == 3, "no draft after the reply: \(end.allDrafts.map(\.kind))")
        #expect(try world.queue(at: t.weekdayAfterNow(days: 30)).isEmpty)
        #expect(world.stack.count(OwnMailStack.hr) == 2)
    }

    @Test("A rejection leads to a rejection-reply draft")
    func rejectionLeadsToRejectionReply() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        try world.tick(at: t.at(0, "15:00"))
        try world.employerWrites(EmployerMail.rejection(subject: "Your application"))
        try world.tick(at: nil)

        let shown = try world.show(app, at: nil)
        #expect(shown.replies.map(\.replyClass) == ["rejection"])
        #expect(shown.allDrafts.first { $0.kind == "thank_you" }?.state == "cancelled")

        // Drafted ahead of the next send window (the real now may be a weekend night), approved, sent.
        let monday = t.weekdayAfterNow()
        try world.tick(at: monday.addingTimeInterval(-3600))
        let reply = try #require(try world.waiting("rejection_reply", at: monday))
        #expect(reply.to == OwnMailStack.hr)
        try world.approve(reply.id, at: monday)
        try world.tick(at: monday.addingTimeInterval(60))
        #expect(world.stack.waitFor(1, in: OwnMailStack.hr) == 1)
        let sent = try world.employerInbox()
        #expect(sent.map(\.bareMessageID) == [reply.messageId])
        try world.tick(at: t.weekdayAfterNow(days: 21))
        #expect(try world.queue(at: t.weekdayAfterNow(days: 21)).isEmpty)
    }

    @Test("A named decision date holds the check-in back")
    func decisionDateHoldsCheckInBack() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        // Decision by Thursday of the next week: after the usual 7-day check-in.
        _ = try world.addApplication(decisionDate: t.day(9))
        for moment in [t.at(6, "12:00"), t.at(7, "11:30"), t.at(8, "12:00")] {
            try world.tick(at: moment)
            #expect(try world.queue(at: moment).allSatisfy { $0.kind != "check_in" }, "no check-in before the decision date")
        }
        try world.tick(at: t.at(9, "10:00"))
        let checkIn = try #require(try world.waiting("check_in", at: t.at(9, "10:01")))
        #expect(checkIn.due == t.at(10, "09:00"), "due when the window opens on the business day after the date")
        try world.approve(checkIn.id, at: t.at(9, "10:02"))
        try world.tick(at: t.at(9, "16:30"))
        #expect(world.stack.count(OwnMailStack.hr) == 0, "approved, yet held until the day after the decision date")
        try world.tick(at: t.at(10, "09:05"))
        #expect(world.stack.waitFor(1, in: OwnMailStack.hr) == 1)
        #expect(try world.employerInbox().map(\.bareMessageID) == [checkIn.messageId])
    }

    @Test("The second check-in is shorter than the check-in that was sent")
    func secondCheckInIsShorter() throws {
        guard let world = try World.begin() else { return }
        let app = try world.addApplication()
        let (checkIn, second) = try sendBothCheckIns(world, app)
        #expect(second.wordCount < checkIn.wordCount, "second check-in \(second.wordCount) words, check-in \(checkIn.wordCount)")
        #expect(second.bareInReplyTo == [checkIn.bareMessageID ?? ""], "threaded onto the check-in")
    }

    @Test("After the cap nothing more is ever drafted")
    func nothingAfterTheCap() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        _ = try sendBothCheckIns(world, app)
        let before = try world.show(app, at: t.at(14, "12:00")).allDrafts.count
        // Weeks, months and most of a year of silence later.
        for moment in [t.at(15, "10:00"), t.at(21, "10:00"), t.at(28, "10:00"), t.weekdayAfterNow(days: 30),
                       t.weekdayAfterNow(days: 120), t.weekdayAfterNow(days: 250)] {
            try world.tick(at: moment)
            #expect(try world.queue(at: moment).isEmpty, "drafted after the cap, at \(t.fake(moment))")
        }
        let end = try world.show(app, at: t.weekdayAfterNow(days: 250))
        #expect(end.allDrafts.count == before, "no draft of any state after the cap: \(end.allDrafts.map(\.kind))")
        #expect(end.outcome == "no-response")
        #expect(world.stack.count(OwnMailStack.hr) == 2)
    }

    @Test("fuctl edit withdraws the approval")
    func editWithdrawsApproval() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        try world.tick(at: t.at(6, "12:00"))
        let checkIn = try #require(try world.waiting("check_in", at: t.at(6, "12:01")))
        try world.approve(checkIn.id, at: t.at(6, "12:02"))
        let editor = "sed -i -e 's/Thank you for your time and consideration./Thank you very much for your time and consideration./'"
        // At the real time: under libfaketime, Foundation's Process in fuctl never sees the editor exit.
        let said = try world.fuctl("edit", [String(checkIn.id)], at: nil, environment: ["EDITOR": editor, "VISUAL": ""])
        #expect(said.contains("approval is withdrawn"))

        try world.tick(at: t.at(7, "11:30"))
        #expect(world.stack.count(OwnMailStack.hr) == 0, "an edited draft is not sent on its old approval")
        let edited = try world.show(app, at: t.at(7, "11:31")).allDrafts.first { $0.id == checkIn.id }
        #expect(edited?.state == "drafted")

        try world.approve(checkIn.id, at: t.at(7, "11:32"))
        try world.tick(at: t.at(7, "11:40"))
        #expect(world.stack.waitFor(1, in: OwnMailStack.hr) == 1)
        let sent = try #require(try world.employerInbox().first)
        #expect(sent.text.contains("Thank you very much for your time and consideration."), "the edited words went out")
    }

    @Test("An out-of-office reply does not stop the sequence")
    func outOfOfficeDoesNotStop() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let checkIn = try sendCheckIn(world)
        try world.employerWrites(EmployerMail.outOfOffice(inReplyTo: checkIn.messageId, subject: checkIn.subject))
        try world.tick(at: nil)

        let shown = try world.show(app, at: nil)
        #expect(shown.replies.map(\.replyClass) == ["auto-reply"])
        #expect(shown.outcome == nil)
        let second = try #require(try world.waiting("second_check_in", at: nil), "the sequence goes on after an auto-reply")
        let monday = t.weekdayAfterNow()
        try world.approve(second.id, at: monday)
        try world.tick(at: monday.addingTimeInterval(60))
        #expect(world.stack.waitFor(2, in: OwnMailStack.hr) == 2)
        #expect(try world.employerInbox().last?.bareMessageID == second.messageId)
    }

    @Test("A bounce stops the sequence: the contact is undeliverable and nothing more is drafted")
    func bounceStops() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let checkIn = try sendCheckIn(world)
        try world.tick(at: t.at(13, "12:00"))
        let pending = try #require(try world.waiting("second_check_in", at: t.at(13, "12:01")))

        try world.employerWrites(EmployerMail.bounce(of: checkIn.messageId, subject: checkIn.subject, recipient: OwnMailStack.hr),
                                 envelopeFrom: "")
        try world.tick(at: nil)
        let shown = try world.show(app, at: nil)
        #expect(shown.replies.map(\.replyClass) == ["bounce"])
        #expect(shown.contacts.first { $0.email == OwnMailStack.hr }?.undeliverable == true)
        #expect(shown.allDrafts.first { $0.id == pending.id }?.state == "cancelled")

        for moment in [t.weekdayAfterNow(days: 7), t.weekdayAfterNow(days: 60)] {
            try world.tick(at: moment)
            #expect(try world.queue(at: moment).isEmpty)
        }
        #expect(try world.show(app, at: nil).allDrafts.count == shown.allDrafts.count, "nothing drafted after the bounce")
        #expect(world.stack.count(OwnMailStack.hr) == 1)
    }

    // MARK: Shared steps

    /// The check-in drafted, approved and sent a week after the interview; the
    /// thank-you was never approved. Returns the check-in as sent.
    private func sendCheckIn(_ world: World) throws -> DraftInfo {
        let t = world.time
        try world.tick(at: t.at(7, "11:30"))
        let checkIn = try #require(try world.waiting("check_in", at: t.at(7, "11:31")))
        try world.approve(checkIn.id, at: t.at(7, "11:32"))
        try world.tick(at: t.at(7, "11:35"))
        try #require(world.stack.waitFor(1, in: OwnMailStack.hr) == 1, "the check-in did not arrive")
        return checkIn
    }

    /// Both check-ins sent, a week apart; returns them as the employer received them.
    private func sendBothCheckIns(_ world: World, _ app: Int) throws -> (ParsedMessage, ParsedMessage) {
        let t = world.time
        _ = try sendCheckIn(world)
        try world.tick(at: t.at(14, "11:40"))
        let second = try #require(try world.waiting("second_check_in", at: t.at(14, "11:41")))
        try world.approve(second.id, at: t.at(14, "11:42"))
        try world.tick(at: t.at(14, "11:45"))
        try #require(world.stack.waitFor(2, in: OwnMailStack.hr) == 2, "the second check-in did not arrive")
        let inbox = try world.employerInbox()
        try #require(inbox.count == 2)
        return (inbox[0], inbox[1])
    }
}

/// The trace fields a mail server puts on top of a message it delivers.
enum Trace {
    static let fields = ["return-path", "x-original-to", "delivered-to", "received"]

    /// The message without the trace fields (and their continuation lines) before its own header.
    static func strip(_ message: [UInt8]) -> [UInt8] {
        var rest = message[...]
        var inTrace = false
        while let end = rest.firstIndex(of: 0x0A) {
            let line = String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
            let continuation = line.hasPrefix(" ") || line.hasPrefix("\t")
            let name = line.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            if continuation ? inTrace : fields.contains(name) {
                inTrace = true
                rest = rest[(end + 1)...]
            } else {
                break
            }
        }
        return Array(rest)
    }
}
