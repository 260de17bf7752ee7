import Foundation
import Testing
@testable import FollowUpCore

/// One test per invariant of POLICY.md (and per other refusal), each starting
/// from a send the gate allows and changing one fact.
@Suite struct GateTests {
    static let zone = "Europe/Berlin"
    static func local(_ s: String) -> Date { at(s, zone) }

    /// Thank-you sent Wed 01-13 11:00; a check-in approved for Tue 01-19 11:00.
    struct Scene {
        var history: ApplicationHistory
        var draft: Draft
        var others: [Draft] = []
        var lastCheck: Date?
        var now: Date
        var settings = FollowUpCoreTests.settings

        init() {
            history = FollowUpCoreTests.history(zone: GateTests.zone, start: "2027-01-12 10:00", end: "2027-01-12 11:00")
            history.send(.thankYou, at: GateTests.local("2027-01-13 11:00"))
            draft = history.approved(.checkIn, due: GateTests.local("2027-01-19 11:00"), createdAt: GateTests.local("2027-01-18 11:00"))
            now = GateTests.local("2027-01-19 11:00")
            lastCheck = now.addingTimeInterval(-120)
        }

        var decision: GateDecision {
            Gate.check(draft: draft, history: history, sendsToSameAddress: others, lastInboxCheck: lastCheck,
                       now: now, settings: settings)
        }

        func refusals() -> [GateRefusal] {
            if case .refuse(let r) = decision { return r }
            return []
        }
    }

    @Test func baselineIsSent() {
        #expect(Scene().decision == .send)
    }

    @Test func invariant1_capPerRound() {
        var s = Scene()
        s.history.send(.competingOffer, at: GateTests.local("2027-01-14 11:00"))
        s.history.send(.news, at: GateTests.local("2027-01-15 11:00"))
        #expect(s.refusals().contains(.capReached))
    }

    @Test func invariant1_oneThankYouPerRound() {
        var s = Scene()
        s.draft.kind = .thankYou
        #expect(s.refusals().contains(.alreadySentThisRound(.thankYou)))
    }

    @Test func invariant1_rejectionReplyExemptFromCapButOnlyOne() {
        var s = Scene()
        s.history.send(.checkIn, at: GateTests.local("2027-01-14 11:00"))
        s.history.send(.secondCheckIn, at: GateTests.local("2027-01-15 11:00"))
        s.history.reply(.rejection, at: GateTests.local("2027-01-18 10:00"))
        s.draft.kind = .rejectionReply
        s.draft.createdAt = GateTests.local("2027-01-18 10:30")
        s.now = GateTests.local("2027-01-19 11:00")
        #expect(s.decision == .send)
        s.history.send(.rejectionReply, at: GateTests.local("2027-01-18 11:00"))
        #expect(s.refusals().contains(.alreadySentThisRound(.rejectionReply)))
    }

    @Test func invariant2_minimumGapBetweenMessages() {
        var s = Scene()
        s.history.send(.competingOffer, at: GateTests.local("2027-01-17 12:00"))
        #expect(s.refusals().contains(.gap(until: GateTests.local("2027-01-20 12:00"))))
    }

    @Test func invariant2_gapAppliesAcrossRounds() {
        var s = Scene()
        s.history.application.events.insert(Event(id: 9, start: GateTests.local("2027-01-04 10:00"), end: GateTests.local("2027-01-04 11:00")), at: 0)
        s.history.send(.checkIn, at: GateTests.local("2027-01-18 09:00"), round: 9)
        #expect(s.refusals().contains(.gap(until: GateTests.local("2027-01-21 09:00"))))
    }

    @Test func invariant3_onePerDayPerAddressAcrossApplications() {
        var s = Scene()
        var other = s.draft
        other.id = 99
        other.applicationID = 2
        other.messageID = "<other@me.example>"
        other.recipientEmail = "DANA@acme.example"
        other.state = .unknown
        other.sentAt = GateTests.local("2027-01-18 12:00")
        s.others = [other]
        #expect(s.refusals() == [.onePerDayPerAddress(until: GateTests.local("2027-01-19 12:00"))])
    }

    @Test func invariant4_noInboxCheckNoSend() {
        var s = Scene()
        s.lastCheck = nil
        #expect(s.refusals() == [.noInboxCheck])
    }

    @Test func invariant4_staleInboxCheck() {
        var s = Scene()
        s.lastCheck = s.now.addingTimeInterval(-601)
        #expect(s.refusals() == [.staleInboxCheck(checkedAt: s.lastCheck!)])
        s.lastCheck = s.now.addingTimeInterval(-600)
        #expect(s.decision == .send)
    }

    @Test func invariant5_noCheckInBeforeBusinessDayAfterDecisionDate() {
        var s = Scene()
        s.history.application.events[0].decisionDate = LocalDate(iso: "2027-01-19")
        #expect(s.refusals().contains(.beforeDecisionDate(opens: GateTests.local("2027-01-20 09:00"))))
    }

    @Test func invariant6_onlyApprovedDrafts() {
        var s = Scene()
        s.draft.state = .drafted
        s.draft.approvedAt = nil
        #expect(s.refusals() == [.notApproved])
    }

    @Test func invariant6_editAfterApprovalWithdrawsIt() {
        var s = Scene()
        s.draft.approvedAt = nil // what an edit does
        #expect(s.refusals() == [.notApproved])
    }

    @Test func invariant7_atMostOnceForThisDraft() {
        for state in [DraftState.sending, .sent, .unknown] {
            var s = Scene()
            s.draft.state = state
            #expect(s.refusals().contains(.alreadySent(state)), "\(state)")
        }
    }

    @Test func invariant7_atMostOnceForAMessageID() {
        var s = Scene()
        s.history.send(.secondCheckIn, at: GateTests.local("2027-01-13 11:00"))
        s.history.drafts[2].messageID = s.draft.messageID
        s.history.drafts[2].state = .approved
        #expect(s.refusals().contains(.duplicateMessageID(3)))
    }

    @Test func invariant7_atMostOneCheckInPerRound() {
        var s = Scene()
        s.history.send(.checkIn, at: GateTests.local("2027-01-15 11:00"))
        #expect(s.refusals().contains(.alreadySentThisRound(.checkIn)))
    }

    @Test func notDueYet() {
        var s = Scene()
        s.draft.due = GateTests.local("2027-01-19 14:00")
        #expect(s.refusals() == [.notDueYet(due: GateTests.local("2027-01-19 14:00"))])
    }

    @Test func outsideTheSendWindow() {
        var s = Scene()
        s.now = GateTests.local("2027-01-19 17:00")
        s.lastCheck = s.now
        #expect(s.refusals() == [.outsideSendWindow(next: GateTests.local("2027-01-20 09:00"))])
    }

    @Test func stoppingReplyClosesTheRound() {
        var s = Scene()
        s.history.reply(.nextStep, at: GateTests.local("2027-01-15 10:00"))
        #expect(s.refusals().contains(.roundClosed(by: 100)))
    }

    @Test func replyAfterTheDraftWasMadeCancelsIt() {
        var s = Scene()
        s.history.reply(.needMoreTime, at: GateTests.local("2027-01-19 10:55"))
        #expect(s.refusals().contains(.replyAfterDraft(100)))
    }

    @Test func autoReplyIsNotAReply() {
        var s = Scene()
        s.history.reply(.autoReply, at: GateTests.local("2027-01-19 10:55"))
        #expect(s.decision == .send)
    }

    @Test func applicationClosed() {
        for outcome in Outcome.allCases {
            var s = Scene()
            s.history.application.outcome = outcome
            #expect(s.refusals() == [.applicationClosed(outcome)], "\(outcome)")
        }
    }

    @Test func recipientUndeliverable() {
        var s = Scene()
        s.history.application.contacts[0].undeliverable = true
        #expect(s.refusals() == [.recipientUndeliverable])
    }

    @Test func draftOfAnEarlierRound() {
        var s = Scene()
        s.history.application.events.append(Event(id: 11, start: GateTests.local("2027-01-18 10:00"), end: GateTests.local("2027-01-18 11:00")))
        #expect(s.refusals() == [.notCurrentRound])
    }

    @Test func stepNoLongerInTheTimeline() {
        var s = Scene()
        s.draft.kind = .secondCheckIn // the check-in was never sent
        #expect(s.refusals().contains(.noLongerDue))
    }

    @Test func discardedDraftIsNotSent() {
        var s = Scene()
        s.draft.state = .discarded
        #expect(s.refusals().contains(.notSendable(.discarded)))
    }
}
