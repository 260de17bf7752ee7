import Foundation
import MailMessage
import Testing

/// POLICY "Exceptions (user-triggered)": news and competing_offer, queued
/// with fuctl, sent through the real servers.
extension EndToEndTests {
    @Test("news: after the thank-you, held by the 72 h gap, threaded; it takes the check-in's place; one per round")
    func newsTakesTheCheckInsPlace() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let news = "I have just earned a professional certification in cloud architecture."
        let thankYou = try world.approvedThankYou()
        let early = try world.run("news", [String(app), "--text", news], at: t.at(0, "15:03"))
        #expect(early.status == 1 && early.output.contains("news may only follow the thank-you"), "\(early.output)")

        try world.tick(at: t.at(1, "11:30"))
        try #require(world.stack.waitFor(1, in: OwnMailStack.hr) == 1, "the thank-you did not arrive")

        // Thursday: the gap from Wednesday's 11:30 thank-you ends on Saturday, so Monday 09:00.
        try world.fuctl("news", [String(app), "--text", news], at: t.at(2, "10:00"))
        let queued = try #require(try world.waiting("news", at: t.at(2, "10:01")))
        #expect(queued.due == t.at(6, "09:00"), "due \(queued.due)")
        try world.approve(queued.id, at: t.at(2, "10:02"))
        try world.tick(at: t.at(3, "16:00"))
        #expect(world.stack.count(OwnMailStack.hr) == 1, "approved, but the gap holds it")

        try world.tick(at: t.at(6, "09:05"))
        try #require(world.stack.waitFor(2, in: OwnMailStack.hr) == 2, "the news did not arrive")
        let sent = try world.employerInbox()[1]
        #expect(sent.bareMessageID == queued.messageId)
        #expect(sent.bareInReplyTo == [thankYou.messageId], "threaded onto the thank-you")
        #expect(sent.bareReferences.contains(thankYou.messageId))
        #expect(sent.subject?.hasPrefix("Re: ") == true)
        #expect(sent.text.contains(news))

        // The check-in's day passes without one; a second news is refused.
        try world.tick(at: t.at(7, "11:30"))
        let again = try world.run("news", [String(app), "--text", "I also gave a talk on event sourcing."], at: t.at(7, "11:31"))
        #expect(again.status == 1 && again.output.contains("news was already sent this round"), "\(again.output)")

        // The clock restarts from the news: the second check-in comes 7 days after it, then the cap.
        let newsSentAt = try #require(try world.draft(queued.id, of: app, at: t.at(12, "10:00"))?.sentAt)
        try world.tick(at: t.at(12, "10:00"))
        let second = try #require(try world.waiting("second_check_in", at: t.at(12, "10:01")))
        #expect(abs(second.due.timeIntervalSince(t.calendar.date(byAdding: .day, value: 7, to: newsSentAt)!)) < 1,
                "second check-in due 7 days after the news (\(newsSentAt)): \(second.due)")
        try world.approve(second.id, at: t.at(12, "10:02"))
        try world.tick(at: t.at(13, "09:30"))
        try #require(world.stack.waitFor(3, in: OwnMailStack.hr) == 3, "the second check-in did not arrive")
        try world.tick(at: t.at(20, "10:00"))
        #expect(try world.queue(at: t.at(20, "10:01")).isEmpty, "the cap is reached")

        let kinds = try world.show(app, at: t.at(20, "10:02")).allDrafts.map(\.kind)
        #expect(!kinds.contains("check_in"), "no check-in in a round with news: \(kinds)")
        #expect(try world.employerInbox().map(\.bareMessageID) == [thankYou.messageId, queued.messageId, second.messageId])
    }

    @Test("competing_offer: no deadline or ultimatum wording, held by the gap, and it counts toward the cap")
    func competingOfferCountsTowardTheCap() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        let offer = "It is for a similar platform role."
        let thankYou = try world.approvedThankYou()
        try world.tick(at: t.at(1, "11:30"))
        try #require(world.stack.waitFor(1, in: OwnMailStack.hr) == 1, "the thank-you did not arrive")

        try world.fuctl("offer", [String(app), "--text", offer], at: t.at(2, "10:00"))
        let queued = try #require(try world.waiting("competing_offer", at: t.at(2, "10:01")))
        #expect(queued.problems?.isEmpty == true, "lint: \(queued.problems?.map(\.text) ?? [])")
        #expect(queued.due == t.at(6, "09:00"), "the 72 h gap from the thank-you: \(queued.due)")
        let rendered = try world.fuctl("draft", [String(queued.id)], at: t.at(2, "10:02"))
        let text = ParsedMessage(Array(rendered.utf8)).text.lowercased()
        for pushy in ["deadline", "respond by", "reply by", "answer by", "decide by", "by the end of", "final", "last chance",
                      "asap", "as soon as possible", "immediately", "urgent", "need an answer", "expire", "ultimatum"] {
            #expect(!text.contains(pushy), "deadline wording \"\(pushy)\" in the offer draft")
        }
        #expect(text.contains("offer from another company") && text.contains("continue the process"), "the offer is stated and the candidate is still open to this role")
        try world.approve(queued.id, at: t.at(2, "10:03"))
        try world.tick(at: t.at(3, "16:00"))
        #expect(world.stack.count(OwnMailStack.hr) == 1, "approved, but the gap holds it")
        try world.tick(at: t.at(6, "09:05"))
        try #require(world.stack.waitFor(2, in: OwnMailStack.hr) == 2, "the offer did not arrive")
        #expect(try world.employerInbox()[1].text.contains(offer))

        // The check-in: after the usual week, pushed out by the gap from the offer.
        let offerSentAt = try #require(try world.draft(queued.id, of: app, at: t.at(8, "10:00"))?.sentAt)
        try world.tick(at: t.at(8, "10:00"))
        let checkIn = try #require(try world.waiting("check_in", at: t.at(8, "10:01")))
        #expect(abs(checkIn.due.timeIntervalSince(offerSentAt.addingTimeInterval(72 * 3600))) < 1, "due \(checkIn.due)")
        try world.approve(checkIn.id, at: t.at(8, "10:02"))
        try world.tick(at: t.at(9, "09:30"))
        try #require(world.stack.waitFor(3, in: OwnMailStack.hr) == 3, "the check-in did not arrive")

        // The offer and one check-in make max_followups (2): no second check-in, ever.
        for moment in [t.at(16, "10:00"), t.at(17, "10:00")] {
            try world.tick(at: moment)
            #expect(try world.queue(at: moment).isEmpty, "drafted after the cap at \(t.fake(moment))")
        }
        let end = try world.show(app, at: t.at(17, "10:01"))
        #expect(!end.allDrafts.map(\.kind).contains("second_check_in"))
        #expect(end.outcome == "no-response")
        #expect(try world.employerInbox().map(\.bareMessageID) == [thankYou.messageId, queued.messageId, checkIn.messageId])
    }
}
