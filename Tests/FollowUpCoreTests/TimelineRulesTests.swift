import Foundation
import Testing
@testable import FollowUpCore

/// One test per row of POLICY.md's timeline, reply table and "How time is counted".
@Suite struct TimelineRulesTests {
    let zone = "Europe/Berlin"
    func local(_ s: String) -> Date { at(s, zone) }
    func interview(decision: String? = nil, pace: Pace = .standard) -> ApplicationHistory {
        history(zone: zone, start: "2027-01-12 10:00", end: "2027-01-12 11:00", decision: decision, pace: pace)
    }

    @Test func thankYouDueAtEndPlus24h() {
        #expect(interview().timeline(local("2027-01-12 12:00")).step(.thankYou)?.due == local("2027-01-13 11:00"))
    }

    @Test func jobFairAndNetworkingGetAThankYouOnly() {
        for kind in [EventKind.jobFair, .networking] {
            let h = history(zone: zone, start: "2027-01-12 10:00", end: "2027-01-12 11:00", kind: kind)
            let t = h.timeline(local("2027-01-12 12:00"))
            #expect(t.steps.map(\.kind) == [.thankYou], "\(kind)")
        }
    }

    @Test func checkInAfterPaceDays() {
        let expected: [Pace: String] = [.fast: "2027-01-18 09:00", .standard: "2027-01-19 11:00", .slow: "2027-01-26 11:00"]
        for (pace, due) in expected {
            var h = interview(pace: pace)
            h.send(.thankYou, at: local("2027-01-13 11:00"))
            #expect(h.timeline(local("2027-01-13 12:00")).step(.checkIn)?.due == local(due), "\(pace)")
        }
    }

    @Test func checkInOnBusinessDayAfterDecisionDateEvenWhenSooner() {
        var h = interview(decision: "2027-01-15") // a Friday: the business day after is Monday
        h.send(.thankYou, at: local("2027-01-12 15:00"))
        #expect(h.timeline(local("2027-01-13 12:00")).step(.checkIn)?.due == local("2027-01-18 09:00"))
    }

    @Test func decisionDateOnAWeekendHoldsUntilMonday() {
        var h = interview(decision: "2027-01-17") // a Sunday
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        #expect(h.timeline(local("2027-01-13 12:00")).step(.checkIn)?.due == local("2027-01-18 09:00"))
    }

    @Test func secondCheckInSevenDaysAfterCheckInWasSent() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.send(.checkIn, at: local("2027-01-20 15:30")) // sent late: the clock counts from the send
        #expect(h.timeline(local("2027-01-20 16:00")).step(.secondCheckIn)?.due == local("2027-01-27 15:30"))
    }

    @Test func stopAfterSecondCheckInAndNoResponseSevenDaysLater() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.send(.checkIn, at: local("2027-01-19 11:00"))
        h.send(.secondCheckIn, at: local("2027-01-26 11:00"))
        let t = h.timeline(local("2027-01-27 11:00"))
        #expect(t.state == .stopped && t.steps.isEmpty)
        #expect(t.noResponseAt == local("2027-02-02 11:00"))
        #expect(!Planner.plan(history: h, settings: settings, now: local("2027-02-02 10:59")).contains(.markNoResponse(1)))
        #expect(Planner.plan(history: h, settings: settings, now: local("2027-02-02 11:00")).contains(.markNoResponse(1)))
    }

    @Test func thankYouNotSentBeforeCheckInDueIsDropped() {
        let h = interview()
        let before = h.timeline(local("2027-01-19 10:59"))
        #expect(before.step(.thankYou) != nil)
        let after = h.timeline(local("2027-01-19 11:00"))
        #expect(after.step(.thankYou) == nil && after.thankYouDropped)
        #expect(after.step(.checkIn)?.due == local("2027-01-19 11:00"))
    }

    /// Ours: a thank-you still unsent a week after the event is dropped even
    /// when the check-in is further off (slow pace, a later decision date).
    @Test func thankYouStillUnsentAWeekAfterTheEventIsDropped() {
        for h in [interview(pace: .slow), interview(decision: "2027-01-29")] {
            #expect(h.timeline(local("2027-01-19 10:59")).step(.thankYou) != nil)
            let week = h.timeline(local("2027-01-19 11:00"))
            #expect(week.step(.thankYou) == nil && week.thankYouDropped)
            #expect(week.step(.checkIn).map { $0.due > local("2027-01-19 11:00") } == true, "the check-in is not due yet")
        }
    }

    @Test func gapCountsFromWhenTheEarlierMessageWasActuallySent() {
        var h = interview(pace: .fast)
        h.send(.thankYou, at: local("2027-01-15 16:00")) // late thank-you
        // end + 5 days = Sun 01-17 11:00; the gap runs to Mon 01-18 16:00.
        #expect(h.timeline(local("2027-01-15 16:30")).step(.checkIn)?.due == local("2027-01-18 16:00"))
    }

    @Test func gapCountsMessagesInUnknownAndSendingStates() {
        for state in [DraftState.unknown, .sending] {
            var h = interview(pace: .fast)
            h.send(.thankYou, at: local("2027-01-15 16:00"))
            h.drafts[0].state = state
            #expect(h.timeline(local("2027-01-15 16:30")).step(.checkIn)?.due == local("2027-01-18 16:00"), "\(state)")
        }
    }

    @Test func rejectionClosesTheRoundAndQueuesOneRejectionReply() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.reply(.rejection, at: local("2027-01-14 18:30"))
        let t = h.timeline(local("2027-01-14 19:00"))
        #expect(t.state == .closedByReply(100, .rejection))
        #expect(t.steps == [TimelineStep(kind: .rejectionReply, due: local("2027-01-15 09:00"))])
        h.send(.rejectionReply, at: local("2027-01-15 09:00"))
        #expect(h.timeline(local("2027-01-15 10:00")).steps.isEmpty)
    }

    @Test func needMoreTimeWithDateGivesOneFollowUpBusinessDayAfter() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.reply(.needMoreTime, at: local("2027-01-18 10:00"), until: "2027-01-28")
        #expect(h.timeline(local("2027-01-18 11:00")).step(.checkIn)?.due == local("2027-01-29 09:00"))
        h.send(.checkIn, at: local("2027-01-29 09:00"))
        let after = h.timeline(local("2027-01-29 10:00"))
        #expect(after.state == .stopped && after.steps.isEmpty)
    }

    @Test func needMoreTimeWithoutDateGivesOneFollowUp14DaysLater() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.send(.checkIn, at: local("2027-01-19 11:00"))
        h.reply(.needMoreTime, at: local("2027-01-20 14:15"))
        #expect(h.timeline(local("2027-01-20 15:00")).step(.secondCheckIn)?.due == local("2027-02-03 14:15"))
    }

    /// "Away until the 25th" and "back on the 25th" both name the 25th: read as
    /// the last day away, so nothing goes out before the 26th.
    @Test func autoReplyWithReturnDateHoldsFollowUpsUntilTheDayAfter() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.reply(.autoReply, at: local("2027-01-13 11:01"), until: "2027-01-25")
        let t = h.timeline(local("2027-01-13 12:00"))
        #expect(t.state == .open)
        #expect(t.step(.checkIn)?.due == local("2027-01-26 09:00"))
    }

    @Test func nextStepUnclearAndBounceCloseTheRound() {
        for cls in [ReplyClass.nextStep, .unclear, .bounce] {
            var h = interview()
            h.send(.thankYou, at: local("2027-01-13 11:00"))
            h.reply(cls, at: local("2027-01-14 10:00"))
            let t = h.timeline(local("2027-01-14 11:00"))
            #expect(t.state == .closedByReply(100, cls) && t.steps.isEmpty, "\(cls)")
        }
    }

    @Test func onlyRepliesAfterTheEventStartCount() {
        var h = interview()
        h.reply(.rejection, at: local("2027-01-12 09:00")) // before the interview started
        #expect(h.timeline(local("2027-01-12 12:00")).state == .open)
    }

    @Test func newInterviewStartsANewRoundWithItsOwnThankYouAndCap() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.send(.checkIn, at: local("2027-01-19 11:00"))
        h.send(.secondCheckIn, at: local("2027-01-26 11:00"))
        h.application.events.append(Event(id: 11, start: local("2027-02-03 10:00"), end: local("2027-02-03 11:00")))
        let t = h.timeline(local("2027-02-03 12:00"))
        #expect(t.round == 11 && t.state == .open)
        #expect(t.step(.thankYou)?.due == local("2027-02-04 11:00"))
    }

    @Test func capOfZeroPlansNoFollowUps() throws {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        let t = h.timeline(local("2027-01-13 12:00"), try PolicySettings(maxFollowups: 0))
        #expect(t.steps.isEmpty && t.state == .stopped)
    }

    @Test func unknownTimeZoneIsReported() {
        var h = interview()
        h.application.timeZone = "Nowhere/Special"
        #expect(throws: PolicyError.unknownTimeZone("Nowhere/Special")) {
            try Timeline.current(history: h, settings: settings, now: local("2027-01-13 12:00"))
        }
        #expect(Planner.plan(history: h, settings: settings, now: local("2027-01-13 12:00"))
                == [.needsAttention(1, .unknownTimeZone("Nowhere/Special"))])
    }
}
