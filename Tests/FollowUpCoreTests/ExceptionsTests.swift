import Foundation
import Testing
@testable import FollowUpCore

/// POLICY.md's "Exceptions (user-triggered)", one test per rule.
@Suite struct ExceptionsTests {
    let zone = "America/Los_Angeles"
    func local(_ s: String) -> Date { at(s, zone) }
    func interview() -> ApplicationHistory {
        history(zone: zone, start: "2027-01-12 10:00", end: "2027-01-12 11:00")
    }

    @Test func newsOnlyAfterTheThankYou() {
        let h = interview()
        #expect(Exceptions.news(history: h, settings: settings, now: local("2027-01-12 12:00")) == .failure(.noThankYouYet))
    }

    @Test func newsRespectsTheMinimumGap() throws {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        #expect(try Exceptions.news(history: h, settings: settings, now: local("2027-01-13 12:00")).get().due
                == local("2027-01-18 09:00"))
    }

    @Test func exceptionsThreadOntoTheRoundsLastMessage() throws {
        var h = interview()
        #expect(try Exceptions.competingOffer(history: h, settings: settings, now: local("2027-01-12 12:00")).get().thread == nil)
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        let thread = try #require(try Exceptions.news(history: h, settings: settings, now: local("2027-01-14 12:00")).get().thread)
        #expect(thread == ThreadParent(messageID: "<m1@me.example>", references: ["<m1@me.example>"], subject: "Re: Thank you"))
    }

    @Test func newsAllowedOncePerRound() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.send(.news, at: local("2027-01-18 09:00"))
        #expect(Exceptions.news(history: h, settings: settings, now: local("2027-01-25 09:00")) == .failure(.alreadySentNewsThisRound))
    }

    @Test func newsCountsTowardTheCap() throws {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.send(.checkIn, at: local("2027-01-19 11:00"))
        h.send(.secondCheckIn, at: local("2027-01-26 11:00"))
        #expect(Exceptions.news(history: h, settings: settings, now: local("2027-02-01 11:00")) == .failure(.capReached))
        #expect(try Exceptions.news(history: h, settings: PolicySettings(maxFollowups: 3), now: local("2027-02-01 11:00")).get().kind == .news)
    }

    @Test func newsAllowedAfterADroppedThankYou() throws {
        let h = interview()
        #expect(try Exceptions.news(history: h, settings: settings, now: local("2027-01-19 12:00")).get().kind == .news)
    }

    @Test func competingOfferAnyTimeWithinGapAndCap() throws {
        var h = interview()
        #expect(try Exceptions.competingOffer(history: h, settings: settings, now: local("2027-01-12 12:00")).get().due
                == local("2027-01-12 12:00"))
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        #expect(try Exceptions.competingOffer(history: h, settings: settings, now: local("2027-01-13 12:00")).get().due
                == local("2027-01-18 09:00"))
        h.send(.checkIn, at: local("2027-01-19 11:00"))
        h.send(.competingOffer, at: local("2027-01-22 11:00"))
        #expect(Exceptions.competingOffer(history: h, settings: settings, now: local("2027-01-26 11:00")) == .failure(.capReached))
    }

    @Test func rejectionReplyOnlyAfterARejectionAndOnce() throws {
        var h = interview()
        #expect(Exceptions.rejectionReply(history: h, settings: settings, now: local("2027-01-13 12:00")) == .failure(.noRejection))
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.send(.checkIn, at: local("2027-01-19 11:00"))
        h.send(.secondCheckIn, at: local("2027-01-26 11:00"))
        h.reply(.rejection, at: local("2027-01-26 15:00"))
        // Exempt from the cap and the gap.
        #expect(try Exceptions.rejectionReply(history: h, settings: settings, now: local("2027-01-26 15:10")).get().due
                == local("2027-01-26 15:10"))
        h.send(.rejectionReply, at: local("2027-01-26 15:10"))
        #expect(Exceptions.rejectionReply(history: h, settings: settings, now: local("2027-01-27 12:00")) == .failure(.alreadyRepliedToRejection))
    }

    @Test func noExceptionAfterAStoppingReply() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.reply(.nextStep, at: local("2027-01-14 11:00"))
        #expect(Exceptions.competingOffer(history: h, settings: settings, now: local("2027-01-20 12:00")) == .failure(.roundClosed(.nextStep)))
        #expect(Exceptions.news(history: h, settings: settings, now: local("2027-01-20 12:00")) == .failure(.roundClosed(.nextStep)))
    }

    @Test func refusalsBeforeAnyRoundOrOnAClosedApplication() {
        var h = history(zone: zone)
        #expect(Exceptions.competingOffer(history: h, settings: settings, now: local("2027-01-20 12:00")) == .failure(.noRound))
        h = interview()
        h.application.outcome = .withdrawn
        #expect(Exceptions.competingOffer(history: h, settings: settings, now: local("2027-01-20 12:00")) == .failure(.applicationClosed(.withdrawn)))
    }
}
