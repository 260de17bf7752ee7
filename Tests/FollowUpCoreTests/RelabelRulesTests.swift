import Foundation
import Testing
@testable import FollowUpCore

/// A reply the user relabelled: what it changed is undone by the planner and
/// refused by the gate, from the facts alone.
@Suite struct RelabelRulesTests {
    static let zone = "Europe/Berlin"
    static func local(_ s: String) -> Date { at(s, zone) }

    /// A rejection on Thu 01-14, its reply approved for Fri 01-15 10:00.
    func rejectedWithReplyApproved() -> (ApplicationHistory, Draft) {
        var h = history(zone: Self.zone, start: "2027-01-12 10:00", end: "2027-01-12 11:00")
        h.send(.thankYou, at: Self.local("2027-01-13 11:00"))
        h.reply(.rejection, at: Self.local("2027-01-14 09:00"))
        let draft = h.approved(.rejectionReply, due: Self.local("2027-01-15 10:00"), createdAt: Self.local("2027-01-14 10:00"))
        return (h, draft)
    }

    @Test func aRejectionReplyStandsWhileItsRejectionDoes() {
        let (h, draft) = rejectedWithReplyApproved()
        let now = Self.local("2027-01-15 10:00")
        #expect(Gate.check(draft: draft, history: h, sendsToSameAddress: [], lastInboxCheck: now - 60, now: now, settings: settings) == .send)
        #expect(!Planner.plan(history: h, settings: settings, now: now).contains(.cancel(draft.id, .noRejection)))
    }

    @Test(arguments: [ReplyClass.needMoreTime, .autoReply, .notAReply, .unclear, .nextStep])
    func relabelledOtherwiseItsReplyIsCancelledAndRefused(_ relabelled: ReplyClass) {
        var (h, draft) = rejectedWithReplyApproved()
        h.replies[0].replyClass = relabelled
        let now = Self.local("2027-01-15 10:00")
        guard case .refuse(let reasons) = Gate.check(draft: draft, history: h, sendsToSameAddress: [], lastInboxCheck: now - 60,
                                                      now: now, settings: settings) else {
            Issue.record("a rejection reply without a rejection was let through")
            return
        }
        #expect(reasons.contains(.noLongerDue) || reasons.contains(.roundClosed(by: h.replies[0].id)), "\(reasons)")
        let cancelled = Planner.plan(history: h, settings: settings, now: now).contains {
            if case .cancel(let id, _) = $0 { id == draft.id } else { false }
        }
        #expect(cancelled)
    }

    /// "Not a reply" counts for nothing: the check-in it stopped is planned again.
    @Test func notAReplyCountsForNothing() {
        var h = history(zone: Self.zone, start: "2027-01-12 10:00", end: "2027-01-12 11:00")
        h.send(.thankYou, at: Self.local("2027-01-13 11:00"))
        h.reply(.unclear, at: Self.local("2027-01-14 09:00"))
        #expect(h.timeline(Self.local("2027-01-14 10:00")).step(.checkIn) == nil)
        h.replies[0].replyClass = .notAReply
        #expect(h.timeline(Self.local("2027-01-14 10:00")).step(.checkIn) != nil)
    }
}
