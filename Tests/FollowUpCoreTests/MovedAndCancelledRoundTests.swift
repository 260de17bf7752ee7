import Foundation
import Testing
@testable import FollowUpCore

/// An interview that moved or was cancelled, from the facts alone: what was
/// written for the old time is drafted anew, and nothing of a cancelled round goes out.
@Suite struct MovedAndCancelledRoundTests {
    static let zone = "Europe/Berlin"
    static func local(_ s: String) -> Date { at(s, zone) }

    /// The interview Tue 01-12 10:00; its thank-you approved for Wed 01-13 11:00.
    func interviewWithApprovedThankYou() -> (ApplicationHistory, Draft) {
        var h = history(zone: Self.zone, start: "2027-01-12 10:00", end: "2027-01-12 11:00")
        let thankYou = h.approved(.thankYou, due: Self.local("2027-01-13 11:00"), createdAt: Self.local("2027-01-12 12:00"))
        return (h, thankYou)
    }

    func gate(_ draft: Draft, _ h: ApplicationHistory, at now: Date) -> [GateRefusal] {
        if case .refuse(let reasons) = Gate.check(draft: draft, history: h, sendsToSameAddress: [], lastInboxCheck: now - 60,
                                                   now: now, settings: settings) { return reasons }
        return []
    }

    @Test func aMovedInterviewRedraftsWhatWasWrittenForTheOldTime() {
        var (h, thankYou) = interviewWithApprovedThankYou()
        #expect(gate(thankYou, h, at: Self.local("2027-01-13 11:00")).isEmpty, "sent as planned before the move")
        // Moved a day later, on Tuesday afternoon.
        h.application.events[0].start = Self.local("2027-01-13 10:00")
        h.application.events[0].end = Self.local("2027-01-13 11:00")
        h.application.events[0].movedAt = Self.local("2027-01-12 15:00")
        let soon = Planner.plan(history: h, settings: settings, now: Self.local("2027-01-12 15:01"))
        #expect(soon == [.cancel(thankYou.id, .eventMoved)], "withdrawn at once: \(soon)")
        // A day before its new due time, the thank-you is written again.
        let plan = Planner.plan(history: h, settings: settings, now: Self.local("2027-01-13 12:00"))
        let queued = plan.compactMap { if case .queue(let q) = $0 { q } else { nil } }
        #expect(queued.map(\.kind) == [.thankYou] && queued.first?.due == Self.local("2027-01-14 11:00"), "\(queued)")
        #expect(gate(thankYou, h, at: Self.local("2027-01-14 11:00")).contains(.eventMovedAfterDraft))
    }

    @Test func aCancelledInterviewSendsNothingOfItsRound() {
        var (h, thankYou) = interviewWithApprovedThankYou()
        h.application.events[0].cancelledAt = Self.local("2027-01-12 15:00")
        let now = Self.local("2027-01-13 11:00")
        let plan = Planner.plan(history: h, settings: settings, now: now)
        #expect(plan == [.cancel(thankYou.id, .eventCancelled)], "\(plan)")
        #expect(gate(thankYou, h, at: now).contains(.eventCancelled))
        #expect(h.timeline(now).state == .cancelled && h.timeline(now).steps.isEmpty)
        #expect(ApplicationState.of(h, settings: settings, now: now) == .eventCancelled)
        // A week later nothing is planned either: no check-in for an interview that did not happen.
        #expect(Planner.plan(history: h, settings: settings, now: Self.local("2027-01-20 11:00")).filter {
            if case .queue = $0 { true } else { false }
        }.isEmpty)
    }
}

extension MovedAndCancelledRoundTests {
    /// Found in review: a move withdraws what is timed and worded from the interview, not the news the user wrote.
    @Test func aMoveKeepsTheUsersNews() {
        var (h, thankYou) = interviewWithApprovedThankYou()
        h.send(.thankYou, at: Self.local("2027-01-13 11:00"))
        _ = thankYou
        let news = h.approved(.news, due: Self.local("2027-01-18 09:00"), createdAt: Self.local("2027-01-14 10:00"))
        h.application.events[0].movedAt = Self.local("2027-01-15 10:00")
        let plan = Planner.plan(history: h, settings: settings, now: Self.local("2027-01-15 10:01"))
        #expect(!plan.contains(.cancel(news.id, .eventMoved)), "\(plan)")
        #expect(!gate(news, h, at: Self.local("2027-01-18 09:00")).contains(.eventMovedAfterDraft))
    }

    /// A correction of the words (the contact, the role) withdraws every draft; one of timing only moves them.
    @Test func aCorrectionOfTimingMovesDraftsAndOneOfWordsWithdrawsThem() {
        var (h, thankYou) = interviewWithApprovedThankYou()
        h.application.pace = .slow
        #expect(!Planner.plan(history: h, settings: settings, now: Self.local("2027-01-12 15:00")).contains { action in
            if case .cancel = action { true } else { false }
        }, "pace alone")
        // The user's correction of timing: the thank-you's words name the day from its due time, so it is written anew.
        h.application.timingChangedAt = Self.local("2027-01-12 15:00")
        #expect(Planner.plan(history: h, settings: settings, now: Self.local("2027-01-12 15:01")).contains(.cancel(thankYou.id, .applicationChanged)))
        h.application.timingChangedAt = nil
        h.application.changedAt = Self.local("2027-01-12 15:00")
        #expect(Planner.plan(history: h, settings: settings, now: Self.local("2027-01-12 15:01")).contains(.cancel(thankYou.id, .applicationChanged)))
        #expect(gate(thankYou, h, at: Self.local("2027-01-13 11:00")).contains(.applicationChangedAfterDraft))
    }
}

