import Foundation
import TestSupport
import Testing
@testable import FollowUpCore

/// POLICY.md's "Worked examples", with the UTC instants it gives.
@Suite struct WorkedExamplesTests {
    @Test func example1_losAngelesTuesdayInterview() {
        var h = history(zone: "America/Los_Angeles", start: "2027-01-12 10:00", end: "2027-01-12 11:00")
        #expect(h.timeline(utc("2027-01-12T20:00:00Z")).step(.thankYou)?.due == utc("2027-01-13T19:00:00Z"))
        #expect(h.timeline(utc("2027-01-12T20:00:00Z")).step(.checkIn)?.due == utc("2027-01-19T19:00:00Z"))
        h.send(.thankYou, at: utc("2027-01-13T19:00:00Z"))
        #expect(h.timeline(utc("2027-01-14T20:00:00Z")).step(.checkIn)?.due == utc("2027-01-19T19:00:00Z"))
        h.send(.checkIn, at: utc("2027-01-19T19:00:00Z"))
        #expect(h.timeline(utc("2027-01-20T20:00:00Z")).step(.secondCheckIn)?.due == utc("2027-01-26T19:00:00Z"))
    }

    @Test func example2_madridThursdayLateInterview() {
        let h = history(zone: "Europe/Madrid", start: "2027-01-14 16:00", end: "2027-01-14 17:00")
        let t = h.timeline(utc("2027-01-14T17:00:00Z"))
        #expect(t.step(.thankYou)?.due == utc("2027-01-18T08:00:00Z"))
        #expect(t.step(.checkIn)?.due == utc("2027-01-22T08:00:00Z"))
    }

    @Test func example3_chicagoDecisionDateAndGap() {
        var h = history(zone: "America/Chicago", start: "2027-01-12 13:00", end: "2027-01-12 14:00", decision: "2027-01-14")
        h.send(.thankYou, at: at("2027-01-13 14:00", "America/Chicago"))
        #expect(h.timeline(utc("2027-01-14T12:00:00Z")).step(.checkIn)?.due == utc("2027-01-18T15:00:00Z"))
    }

    @Test func example4_newYorkSpringForward() {
        var h = history(zone: "America/New_York", start: "2027-03-12 15:00", end: "2027-03-12 16:00")
        #expect(h.timeline(utc("2027-03-12T22:00:00Z")).step(.thankYou)?.due == utc("2027-03-15T13:00:00Z"))
        h.send(.thankYou, at: utc("2027-03-15T13:00:00Z"))
        #expect(h.timeline(utc("2027-03-15T14:00:00Z")).step(.checkIn)?.due == utc("2027-03-19T20:00:00Z"))
    }

    @Test func example5_londonJobFair() {
        let h = history(zone: "Europe/London", start: "2027-01-15 10:00", end: "2027-01-15 16:00", kind: .jobFair)
        let t = h.timeline(utc("2027-01-15T17:00:00Z"))
        #expect(t.step(.thankYou)?.due == utc("2027-01-18T09:00:00Z"))
        #expect(t.step(.checkIn) == nil)
    }

    @Test func example6_newsReplacesTheCheckIn() throws {
        var h = history(zone: "America/Los_Angeles", start: "2027-01-12 10:00", end: "2027-01-12 11:00")
        h.send(.thankYou, at: utc("2027-01-13T19:00:00Z"))
        let recorded = utc("2027-01-15T16:00:00Z") // Fri 08:00 PST
        let news = try Exceptions.news(history: h, settings: settings, now: recorded).get()
        #expect(news.due == utc("2027-01-18T17:00:00Z"))
        h.approved(.news, due: news.due, createdAt: recorded)
        #expect(h.timeline(recorded).step(.checkIn) == nil)
        h.drafts[h.drafts.count - 1].state = .sent
        h.drafts[h.drafts.count - 1].sentAt = news.due
        let after = h.timeline(utc("2027-01-19T20:00:00Z"))
        #expect(after.step(.checkIn) == nil)
        let second = try #require(after.step(.secondCheckIn))
        #expect(second.due == at("2027-01-25 09:00", "America/Los_Angeles"))
        h.send(.secondCheckIn, at: second.due)
        #expect(h.timeline(second.due).state == .stopped)
        #expect(Exceptions.competingOffer(history: h, settings: settings, now: second.due) == .failure(.capReached))
    }

    @Test func example7_needMoreTimeWithoutDate() {
        var h = history(zone: "Europe/Madrid", start: "2027-01-14 10:00", end: "2027-01-14 11:00")
        h.send(.thankYou, at: at("2027-01-15 11:00", "Europe/Madrid"))
        let pending = h.approved(.checkIn, due: at("2027-01-21 11:00", "Europe/Madrid"), createdAt: at("2027-01-20 11:00", "Europe/Madrid"))
        h.reply(.needMoreTime, at: at("2027-01-21 10:30", "Europe/Madrid"))
        let now = utc("2027-01-21T09:35:00Z")
        let plan = Planner.plan(history: h, settings: settings, now: now)
        #expect(plan.contains(.cancel(pending.id, .reply(100, .needMoreTime))))
        #expect(h.timeline(now).step(.checkIn)?.due == utc("2027-02-04T09:30:00Z"))
    }

    @Test func example8_replyJustBeforeTheApprovedCheckIn() {
        var h = history(zone: "Europe/Berlin", start: "2027-01-12 10:00", end: "2027-01-12 11:00")
        h.send(.thankYou, at: at("2027-01-13 11:00", "Europe/Berlin"))
        let checkIn = h.approved(.checkIn, due: at("2027-01-19 09:00", "Europe/Berlin"), createdAt: at("2027-01-18 11:00", "Europe/Berlin"))
        h.reply(.unclear, at: at("2027-01-19 08:55", "Europe/Berlin"))
        let nine = at("2027-01-19 09:00", "Europe/Berlin")
        let decision = Gate.check(draft: checkIn, history: h, sendsToSameAddress: [], lastInboxCheck: nine.addingTimeInterval(-60),
                                  now: nine, settings: settings)
        guard case .refuse(let reasons) = decision else { Issue.record("sent after a reply"); return }
        #expect(reasons.contains(.replyAfterDraft(100)))
        #expect(Planner.plan(history: h, settings: settings, now: nine).contains(.cancel(checkIn.id, .reply(100, .unclear))))
    }
}
