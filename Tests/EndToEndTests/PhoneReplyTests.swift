import Foundation
import Testing

/// POLICY "Replies from the employer", recorded with fuctl for a reply that
/// came by phone: "need_more_time, with a date".
extension EndToEndTests {
    @Test("need_more_time with a date (by phone): pending check-ins cancelled; one follow-up the business day after it, nothing before")
    func needMoreTimeByPhoneMovesTheFollowUpPastTheDate() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        let app = try world.addApplication()
        try world.tick(at: t.at(6, "12:00"))
        let checkIn = try #require(try world.waiting("check_in", at: t.at(6, "12:01")))
        try world.approve(checkIn.id, at: t.at(6, "12:02"))

        // Monday afternoon, Dana calls: they need until Friday of the next week (day 10).
        let said = try world.fuctl("reply", [String(app), "--kind", "need-more-time", "--until", t.day(10)], at: t.at(6, "14:00"))
        #expect(said.contains("recorded"))
        try world.tick(at: t.at(6, "14:05"))
        let shown = try world.show(app, at: t.at(6, "14:06"))
        #expect(shown.replies.map(\.replyClass) == ["need-more-time"])
        #expect(shown.allDrafts.first { $0.id == checkIn.id }?.state == "cancelled", "the approved check-in is cancelled")

        // Its old due time and the days up to the date pass in silence.
        for moment in [t.at(7, "11:30"), t.at(9, "10:00"), t.at(10, "16:00")] {
            try world.tick(at: moment)
            #expect(try world.queue(at: moment).isEmpty, "a draft before the date, at \(t.fake(moment))")
        }
        #expect(world.stack.count(OwnMailStack.hr) == 0, "nothing sent before the date")

        // The business day after Friday is Monday: drafted on Sunday, due at Monday's window opening.
        try world.tick(at: t.at(12, "10:00"))
        let followUp = try #require(try world.queue(at: t.at(12, "10:01")).first)
        #expect(try world.queue(at: t.at(12, "10:01")).count == 1)
        #expect(followUp.kind == "check_in")
        #expect(followUp.due == t.at(13, "09:00"), "due \(followUp.due)")
        try world.approve(followUp.id, at: t.at(12, "10:02"))
        try world.tick(at: t.at(12, "16:00"))
        #expect(world.stack.count(OwnMailStack.hr) == 0, "approved, but not before Monday 09:00")
        try world.tick(at: t.at(13, "09:05"))
        try #require(world.stack.waitFor(1, in: OwnMailStack.hr) == 1, "the follow-up did not arrive")
        #expect(try world.employerInbox().map(\.bareMessageID) == [followUp.messageId])

        // Exactly one: after it, nothing more in this round.
        for moment in [t.at(20, "10:00"), t.at(27, "10:00")] {
            try world.tick(at: moment)
            #expect(try world.queue(at: moment).isEmpty, "drafted after the one follow-up, at \(t.fake(moment))")
        }
        let end = try world.show(app, at: t.at(27, "10:01"))
        #expect(end.allDrafts.filter { $0.kind != "thank_you" && $0.state != "cancelled" }.map(\.id) == [followUp.id])
        #expect(end.outcome == "no-response")
        #expect(world.stack.count(OwnMailStack.hr) == 1)
    }
}
