import Foundation
import Testing
@testable import FollowUpCore

@Suite struct PlannerTests {
    let zone = "Europe/Berlin"
    func local(_ s: String) -> Date { at(s, zone) }
    func interview() -> ApplicationHistory {
        history(zone: zone, start: "2027-01-12 10:00", end: "2027-01-12 11:00")
    }
    func queued(_ actions: [PlanAction]) -> [QueuedDraft] {
        actions.compactMap { if case .queue(let q) = $0 { return q } else { return nil } }
    }

    @Test func queuesADraftOneDraftLeadBeforeItIsDue() {
        let h = interview()
        #expect(queued(Planner.plan(history: h, settings: settings, now: local("2027-01-12 10:59"))).isEmpty)
        let q = queued(Planner.plan(history: h, settings: settings, now: local("2027-01-12 11:00")))
        #expect(q == [QueuedDraft(applicationID: 1, round: 10, kind: .thankYou, recipient: h.application.contacts[0],
                                  due: local("2027-01-13 11:00"), thread: nil)])
    }

    @Test func followUpsThreadOntoTheEarlierMessage() throws {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.drafts[0].subject = "Re: RE: Thank you, Dana"
        h.drafts[0].references = ["<root@acme.example>"]
        let q = try #require(queued(Planner.plan(history: h, settings: settings, now: local("2027-01-18 11:00"))).first)
        #expect(q.kind == .checkIn)
        #expect(q.thread == ThreadParent(messageID: "<m1@me.example>", references: ["<root@acme.example>", "<m1@me.example>"],
                                         subject: "Re: Thank you, Dana"))
    }

    @Test func rejectionReplyThreadsOntoTheRejection() throws {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.reply(.rejection, at: local("2027-01-14 11:00"))
        let q = try #require(queued(Planner.plan(history: h, settings: settings, now: local("2027-01-14 11:05"))).first)
        #expect(q.kind == .rejectionReply && q.thread?.messageID == "<r0@acme.example>")
    }

    @Test func planningIsIdempotent() {
        var h = interview()
        let now = local("2027-01-12 11:00")
        let first = Planner.plan(history: h, settings: settings, now: now)
        #expect(Planner.plan(history: h, settings: settings, now: now) == first)
        guard let q = queued(first).first else { Issue.record("nothing queued"); return }
        h.approved(q.kind, due: q.due, createdAt: now)
        #expect(Planner.plan(history: h, settings: settings, now: now).isEmpty)
    }

    @Test func discardedStepIsNotQueuedAgain() {
        var h = interview()
        h.approved(.thankYou, due: local("2027-01-13 11:00"), createdAt: local("2027-01-12 11:00"))
        h.drafts[0].state = .discarded
        #expect(Planner.plan(history: h, settings: settings, now: local("2027-01-13 11:00")).isEmpty)
    }

    @Test func aStepThatCertainlyNeverLeftIsDraftedAnewForApproval() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        let failed = h.approved(.checkIn, due: local("2027-01-19 11:00"), createdAt: local("2027-01-18 11:00"))
        h.drafts[h.drafts.count - 1].state = .notSentPermanent
        let q = queued(Planner.plan(history: h, settings: settings, now: local("2027-01-19 12:00")))
        #expect(q.map(\.kind) == [.checkIn], "refused for good (or resolved as not sent): the round does not stall")
        #expect(!h.drafts.contains { $0.id != failed.id && $0.kind == .checkIn })
    }

    @Test func stoppingReplyCancelsPendingDrafts() {
        var h = interview()
        let d = h.approved(.thankYou, due: local("2027-01-13 11:00"), createdAt: local("2027-01-12 11:00"))
        h.reply(.nextStep, at: local("2027-01-12 16:00"))
        #expect(Planner.plan(history: h, settings: settings, now: local("2027-01-12 16:05")) == [.cancel(d.id, .reply(100, .nextStep))])
    }

    @Test func droppedThankYouIsCancelled() {
        var h = interview()
        let d = h.approved(.thankYou, due: local("2027-01-13 11:00"), createdAt: local("2027-01-12 11:00"))
        let plan = Planner.plan(history: h, settings: settings, now: local("2027-01-19 11:00"))
        #expect(plan.contains(.cancel(d.id, .thankYouDropped)))
        #expect(queued(plan).map(\.kind) == [.checkIn])
    }

    @Test func pendingNewsReplacesThePendingCheckIn() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        let checkIn = h.approved(.checkIn, due: local("2027-01-19 11:00"), createdAt: local("2027-01-18 11:00"))
        h.approved(.news, due: local("2027-01-18 11:00"), createdAt: local("2027-01-18 11:30"))
        #expect(Planner.plan(history: h, settings: settings, now: local("2027-01-18 12:00")) == [.cancel(checkIn.id, .replacedByNews)])
    }

    @Test func sendThatMovesTheGapReschedulesPendingDraft() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        let checkIn = h.approved(.checkIn, due: local("2027-01-19 11:00"), createdAt: local("2027-01-18 11:00"))
        h.send(.competingOffer, at: local("2027-01-18 12:00"))
        #expect(Planner.plan(history: h, settings: settings, now: local("2027-01-18 13:00"))
                == [.reschedule(checkIn.id, due: local("2027-01-21 12:00"))])
    }

    @Test func newRoundCancelsTheOldRoundsDrafts() {
        var h = interview()
        let old = h.approved(.checkIn, due: local("2027-01-19 11:00"), createdAt: local("2027-01-18 11:00"))
        h.application.events.append(Event(id: 11, start: local("2027-01-18 14:00"), end: local("2027-01-18 15:00")))
        let plan = Planner.plan(history: h, settings: settings, now: local("2027-01-18 15:00"))
        #expect(plan.first == .cancel(old.id, .newRound))
        #expect(queued(plan).map(\.round) == [11])
    }

    @Test func bounceMarksTheContactUndeliverableAndQueuesNothing() {
        var h = interview()
        let d = h.approved(.thankYou, due: local("2027-01-13 11:00"), createdAt: local("2027-01-12 11:00"))
        h.replies.append(RecordedReply(id: 7, applicationID: 1, receivedAt: local("2027-01-12 11:30"), replyClass: .bounce,
                                       failedRecipient: "Dana@Acme.example"))
        let plan = Planner.plan(history: h, settings: settings, now: local("2027-01-13 11:00"))
        #expect(plan == [.markUndeliverable(1, email: "dana@acme.example"), .cancel(d.id, .recipientUndeliverable)])
    }

    @Test func afterTheCapNothingMoreIsPlanned() {
        var h = interview()
        h.send(.thankYou, at: local("2027-01-13 11:00"))
        h.send(.checkIn, at: local("2027-01-19 11:00"))
        h.send(.competingOffer, at: local("2027-01-22 11:00"))
        let late = h.approved(.secondCheckIn, due: local("2027-01-26 11:00"), createdAt: local("2027-01-25 11:00"))
        for day in stride(from: 0, to: 60, by: 3) {
            let now = local("2027-01-25 12:00").addingTimeInterval(Double(day) * 86400)
            #expect(queued(Planner.plan(history: h, settings: settings, now: now)).isEmpty)
        }
        #expect(Planner.plan(history: h, settings: settings, now: local("2027-01-25 12:00")).contains(.cancel(late.id, .capReached)))
    }
}
