import Foundation
import TestSupport
import Testing
import FollowUpCore
@testable import FollowUpStore
import FollowUpWorkspace
@testable import FollowUpDaemon

/// Attempts to break POLICY.md's invariants through the real tick: the
/// engine, the store's send transaction, the planner and the gate, with the
/// mail servers faked. Each test is named after the promise it defends.
@Suite struct InvariantAttackTests {
    // MARK: Two applications, one address

    @Test func invariant3_oneMessageADayToAnAddressSharedByTwoApplications() throws {
        let w = try World()
        // The same person hires for a second role; the user typed her address in capitals.
        let second = try w.addApplication(role: "Site Reliability Engineer", email: "Dana@Acme.example")
        w.clock.now = utc("2027-01-12T20:00:00Z")
        try w.engine.tick()
        try w.approveEverything()
        for hour in stride(from: 0, through: 47, by: 1) {     // Wed 11:05 PST onwards, every hour for two days
            w.clock.now = utc("2027-01-13T19:05:00Z") + TimeInterval(hour * 3600)
            try w.engine.tick()
        }
        let sent = try w.store.drafts(in: [.sent]).sorted { $0.sentAt! < $1.sentAt! }
        #expect(Set(sent.map(\.applicationID)) == [w.app.id, second.id], "both thank-yous went, a day apart")
        for (a, b) in zip(sent, sent.dropFirst()) {
            #expect(b.sentAt!.timeIntervalSince(a.sentAt!) >= 24 * 3600, "two messages to one address within a day")
        }
    }

    @Test func noFollowUpAfterAReplyFromAContactSharedByTwoApplications() throws {
        let w = try World()
        let second = try w.addApplication(role: "Site Reliability Engineer", email: "dana@acme.example")
        // The first application's thank-you went; nothing yet for the second.
        let thankYou = try w.approvedThankYou()
        try w.engine.tick()
        #expect(try w.store.draft(id: thankYou.id)?.state == .sent)
        // Dana writes a new message (no thread) that names neither role.
        w.mail.deliver(from: "dana@acme.example", subject: "Checking in",
                       inReplyTo: nil, body: "Hi Morgan, thanks for your note. I will be in touch.",
                       at: utc("2027-01-14T18:00:00Z"))
        for day in 0..<21 {
            w.clock.now = utc("2027-01-14T19:00:00Z") + TimeInterval(day * 86400)
            try w.engine.tick()
            try w.approveEverything()
        }
        #expect(try w.store.drafts(in: [.sent]).map(\.id) == [thankYou.id],
                "nothing more went to Dana in either application after she wrote")
        #expect(try w.store.history(for: second.id)?.replies.isEmpty == false, "the second application knows of her message")
        #expect(try w.store.history(for: w.app.id)?.replies.isEmpty == false, "the first application knows of her message")
    }

    // MARK: The user's commands racing the tick

    @Test func invariant4_aReplyRecordedByFuctlJustBeforeTheSendStopsIt() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        // After the tick's inbox check, before the send transaction: `fuctl reply --kind rejection`.
        w.mail.duringSentMark = { [store = w.store, app = w.app, clock = w.clock] in
            _ = try? store.recordReply(RecordedReply(id: 0, applicationID: app.id, receivedAt: clock.now,
                                                     replyClass: .rejection, source: .phone))
        }
        try w.engine.tick()
        #expect(w.mail.sent.isEmpty)
        #expect(try w.store.draft(id: draft.id)?.state != .sent)
    }

    @Test func invariant4_aReplyFoundByTheRecheckBeforeASendStopsIt() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        let before = w.mail.checks
        // The tick's first check is slow; meanwhile Dana writes.
        w.mail.afterCheck = { [mail = w.mail, clock = w.clock] in
            mail.afterCheck = {}
            clock.now += 11 * 60
            mail.deliver(from: "dana@acme.example", subject: "Your interview", inReplyTo: nil,
                         body: "Unfortunately we have decided to move forward with other candidates.", at: clock.now)
        }
        try w.engine.tick()
        #expect(w.mail.checks - before == 2, "checked again: the first check began too long before the send")
        #expect(w.mail.sent.isEmpty)
        #expect(try w.store.draft(id: draft.id)?.state != .sent)
    }

    @Test func invariant6_anEditJustBeforeTheSendWithdrawsTheApproval() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        w.mail.duringSentMark = { [store = w.store, clock = w.clock] in
            _ = try? store.edit(draftID: draft.id, subject: draft.subject, body: draft.body + "\nP.S. unseen",
                                lintProblems: [], now: clock.now)
        }
        try w.engine.tick()
        #expect(w.mail.sent.isEmpty, "the edited text was never approved")
        #expect(try w.store.draft(id: draft.id)?.state == .drafted)
    }

    @Test func invariant6_aDraftBeingSentCannotBeEditedAndGoesAsApproved() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        var editError: (any Error)?
        w.mail.duringSend = { [store = w.store, clock = w.clock] in
            do {
                _ = try store.edit(draftID: draft.id, subject: draft.subject, body: "changed while sending",
                                   lintProblems: [], now: clock.now)
            } catch { editError = error }
        }
        try w.engine.tick()
        #expect(editError != nil, "an edit of a draft in flight is refused")
        let sent = try #require(try w.store.draft(id: draft.id))
        #expect(sent.state == .sent && sent.body == draft.body)
        #expect(!String(decoding: w.mail.sent[0].bytes, as: UTF8.self).contains("changed while sending"))
    }

    // MARK: Rounds

    @Test func aNewRoundWithdrawsTheOldRoundsApprovedCheckIn() throws {
        let w = try World()
        let checkIn = try w.approvedCheckIn()
        // The morning the check-in is due, the user records a second interview that already happened.
        let secondStart = utc("2027-01-19T17:00:00Z")
        try w.store.addEvent(Event(id: 0, start: secondStart, end: secondStart + 1800), to: w.app.id)
        w.clock.now = utc("2027-01-19T19:05:00Z")
        try w.engine.tick()
        #expect(try w.store.draft(id: checkIn.id)?.state == .cancelled)
        #expect(w.mail.sent.count == 1, "only the first round's thank-you")
    }

    @Test func noThankYouAfterTheEmployerCancelledAScheduledInterview() throws {
        let w = try World()
        try w.secondInterviewRecordedAhead()
        try w.engine.tick()
        // Before it takes place they write that they went with someone else.
        w.mail.deliver(from: "dana@acme.example", subject: "Your interview next week", inReplyTo: nil,
                       body: "Unfortunately we have decided to move forward with another candidate and cancel the interview.",
                       at: utc("2027-01-20T18:00:00Z"))
        for day in 0..<14 {
            w.clock.now = utc("2027-01-20T19:00:00Z") + TimeInterval(day * 86400)
            try w.engine.tick()
        }
        let second = try w.store.drafts().filter { $0.round != w.app.events[0].id }
        #expect(!second.contains { $0.kind == .thankYou || $0.kind.isFollowUp },
                "no thank-you for an interview the employer cancelled: \(second.map(\.kind))")
        #expect(try w.store.history(for: w.app.id)?.replies.map(\.replyClass) == [.rejection], "the cancellation is recorded")
    }

    @Test func aCancellationIsFoundWhenTheMailboxIsReadAgainBeforeTheInterview() throws {
        let w = try World()
        try w.secondInterviewRecordedAhead()
        try w.engine.tick()
        w.mail.deliver(from: "dana@acme.example", subject: "Your interview next week", inReplyTo: nil,
                       body: "Unfortunately we have decided to move forward with another candidate and cancel the interview.",
                       at: utc("2027-01-20T18:00:00Z"))
        w.mail.uidValidity = 8                                         // rebuilt before the daemon read it
        w.clock.now = utc("2027-01-20T19:00:00Z")
        try w.engine.tick()
        #expect(try w.store.history(for: w.app.id)?.replies.map(\.replyClass) == [.rejection])
    }

    @Test func mailArrangingARecordedInterviewLeavesItsRoundOpen() throws {
        let w = try World()
        try w.secondInterviewRecordedAhead()
        w.mail.deliver(from: "dana@acme.example", subject: "Your interview next week", inReplyTo: nil,
                       body: "Here is the video link for Tuesday. Looking forward to it.", at: utc("2027-01-20T18:00:00Z"))
        w.clock.now = utc("2027-01-26T20:00:00Z")
        try w.engine.tick()
        #expect(try w.store.drafts(in: [.drafted]).map(\.kind) == [.thankYou], "the second interview's thank-you")
    }

    @Test func aRejectionBeforeARoundWasRecordedDoesNotCloseIt() throws {
        let w = try World()
        let thankYou = try w.approvedThankYou()
        try w.engine.tick()
        w.employerRejects(thankYou)
        w.clock.now = utc("2027-01-14T19:00:00Z")
        try w.engine.tick()
        // A month later they come back with a new interview, recorded ahead.
        w.clock.now = utc("2027-02-15T18:00:00Z")
        let secondStart = utc("2027-02-18T18:00:00Z")
        try w.store.addEvent(Event(id: 0, start: secondStart, end: secondStart + 3600, recordedAt: w.clock.now), to: w.app.id)
        w.clock.now = utc("2027-02-18T20:00:00Z")
        try w.engine.tick()
        #expect(try w.store.drafts(in: [.drafted]).map(\.kind) == [.thankYou])
    }

    @Test func invariant5_aDecisionDateMovedLaterAfterApprovalHoldsTheCheckIn() throws {
        let w = try World()
        let checkIn = try w.approvedCheckIn()
        var event = w.app.events[0]
        event.decisionDate = LocalDate(year: 2027, month: 1, day: 21)    // the interviewer now says Thursday
        try w.store.updateEvent(event)
        w.clock.now = utc("2027-01-19T19:05:00Z")
        try w.engine.tick()
        w.clock.now = utc("2027-01-21T19:05:00Z")
        try w.engine.tick()
        #expect(w.mail.sent.count == 1, "only the thank-you before Friday")
        w.clock.now = utc("2027-01-22T17:05:00Z")                         // Fri 09:05 PST
        try w.engine.tick()
        #expect(try w.store.draft(id: checkIn.id)?.state == .sent)
        #expect(try w.store.draft(id: checkIn.id)?.sentAt == w.clock.now)
    }

    // MARK: The clock

    @Test func invariant4_aLastInboxCheckInTheFutureIsNotFresh() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        w.clock.now = utc("2027-01-13T20:05:00Z")
        // NTP steps the clock back half an hour after the check, before the send.
        w.mail.duringSentMark = { [clock = w.clock] in clock.now -= 1800 }
        let report = try w.engine.tick()
        #expect(w.mail.sent.isEmpty && report.held == 1)
        w.mail.duringSentMark = {}
        try w.engine.tick()
        #expect(try w.store.draft(id: draft.id)?.state == .sent, "the next tick's own check is fresh")
    }

    @Test func invariant7_aClockSteppedBackNeverSendsTheSameMessageAgain() throws {
        let w = try World()
        _ = try w.approvedThankYou()
        try w.engine.tick()
        #expect(w.mail.sent.count == 1)
        // The clock jumps back a day and runs forward again past the send.
        for hour in 0..<30 {
            w.clock.now = utc("2027-01-12T19:05:00Z") + TimeInterval(hour * 3600)
            try w.engine.tick()
            try w.approveEverything()
        }
        #expect(w.mail.sent.count == 1)
    }

    // MARK: Unknown sends

    @Test func invariant7_anUnknownSendIsNeverRetriedWhateverTheUserDecides() throws {
        for decision in ["sent", "not-sent"] {
            let w = try World()
            let draft = try w.approvedThankYou()
            w.mail.nextOutcome = .unknown(detail: "connection dropped after the final dot")
            try w.engine.tick()
            if decision == "sent" { try w.store.markSent(draftID: draft.id, now: w.clock.now) }
            else { try w.store.markNotSent(draftID: draft.id, now: w.clock.now) }
            for hour in 1...48 {
                w.clock.now = utc("2027-01-13T19:05:00Z") + TimeInterval(hour * 3600)
                try w.engine.tick()
                try w.approveEverything()
            }
            let thankYouIDs = w.mail.sent.map { String(decoding: $0.bytes, as: UTF8.self) }
                .filter { $0.contains("<\(draft.messageID)>") }
            #expect(thankYouIDs.count == 1, "\(decision): the draft's Message-ID went out once")
            let thankYous = try w.store.drafts().filter { $0.kind == .thankYou && $0.state.mayHaveBeenDelivered }
            #expect(thankYous.count <= 1, "\(decision): at most one thank-you counts as sent")
        }
    }

    // MARK: Rejections

    @Test func invariant1_aRejectionIsAnsweredOnceEvenWhenTheEmployerWritesAgain() throws {
        let w = try World()
        let thankYou = try w.approvedThankYou()
        try w.engine.tick()
        w.employerRejects(thankYou)
        for day in 0..<10 {
            w.clock.now = utc("2027-01-14T19:00:00Z") + TimeInterval(day * 86400)
            if day == 3 {
                w.mail.deliver(from: "dana@acme.example", subject: "Re: " + thankYou.subject, inReplyTo: thankYou.messageID,
                               body: "Unfortunately we will not be moving forward with your application.",
                               at: w.clock.now - 60)
            }
            try w.engine.tick()
            try w.approveEverything()
        }
        let answers = try w.store.drafts(in: [.sent]).filter { $0.kind == .rejectionReply }
        #expect(answers.count == 1)
    }

    @Test func noRejectionReplyAfterTheEmployerInvitesAgain() throws {
        let w = try World()
        let thankYou = try w.approvedThankYou()
        try w.engine.tick()
        w.employerRejects(thankYou)
        w.clock.now = utc("2027-01-14T19:00:00Z")
        try w.engine.tick()
        #expect(try w.store.drafts(in: [.drafted]).map(\.kind) == [.rejectionReply])
        // Before the user approves it, they change their mind.
        w.mail.deliver(from: "dana@acme.example", subject: "Re: " + thankYou.subject, inReplyTo: thankYou.messageID,
                       body: "Good news: the other candidate declined. We would like to invite you to a final interview.",
                       at: utc("2027-01-15T18:00:00Z"))
        for day in 0..<7 {
            w.clock.now = utc("2027-01-15T19:00:00Z") + TimeInterval(day * 86400)
            try w.engine.tick()
            try w.approveEverything()
        }
        #expect(try w.store.drafts(in: [.sent]).map(\.kind) == [.thankYou], "no answer to a rejection they took back")
        #expect(try w.store.drafts(in: [.drafted, .approved]).isEmpty)
    }

    // MARK: The cap

    @Test(arguments: [0, 1, 3])
    func invariant1_theCapHoldsWhateverTheUserQueues(maxFollowups: Int) throws {
        let w = try World(policy: "[policy]\nmax_followups = \(maxFollowups)")
        let start = utc("2027-01-12T20:00:00Z")
        for step in 0..<(6 * 8 * 7) {                                  // every 3 h for 6 weeks
            w.clock.now = start + TimeInterval(step * 3 * 3600)
            if step % 8 == 4 {
                // Every day the user asks for news and an offer note; two fuctl
                // processes racing the check may both queue one (forced here).
                try w.queue(.news, checked: step % 16 == 4)
                try w.queue(.competingOffer, checked: step % 16 == 12)
            }
            try w.engine.tick()
            try w.approveEverything()
        }
        let sent = try w.store.drafts().filter { $0.state.mayHaveBeenDelivered }.sorted { $0.sentAt! < $1.sentAt! }
        #expect(sent.filter { $0.kind == .thankYou }.count <= 1)
        #expect(sent.filter(\.kind.isFollowUp).count <= maxFollowups, "\(sent.map(\.kind))")
        if maxFollowups > 0 { #expect(!sent.filter(\.kind.isFollowUp).isEmpty, "follow-ups do go out under the cap") }
        for (a, b) in zip(sent, sent.dropFirst()) {
            #expect(b.sentAt!.timeIntervalSince(a.sentAt!) >= 72 * 3600, "the gap between \(a.kind) and \(b.kind)")
        }
    }

    // MARK: Reading the inbox again

    @Test func aReplyWithoutMessageIDIsRecordedOnceWhenTheInboxIsReadAgain() throws {
        let w = try World()
        w.clock.now = utc("2027-01-13T18:00:00Z")
        w.mail.deliver(from: "dana@acme.example", subject: "Next steps", inReplyTo: nil,
                       body: "We need a bit more time to decide; I will write by January 29.",
                       at: w.clock.now, withMessageID: false)
        try w.engine.tick()
        w.mail.uidValidity = 8                                         // the server rebuilt the mailbox
        w.clock.now += 3600
        try w.engine.tick()
        #expect(w.mail.checks == 2)
        #expect(try w.store.history(for: w.app.id)?.replies.count == 1)
    }
}

// MARK: - Helpers of these attacks

extension World {
    /// A second application of the same company, interviewed at the same time.
    func addApplication(role: String, email: String) throws -> Application {
        try store.addApplication(Application(
            id: 0, company: "Acme", role: role, contacts: [Contact(name: "Dana Roe", email: email)],
            companyDomains: ["acme.example"], timeZone: "America/Los_Angeles",
            events: [Event(id: 0, start: EngineTests.interviewStart, end: EngineTests.interviewStart + 3600)]))
    }

    /// The user approves every draft waiting for approval.
    func approveEverything() throws {
        for draft in try store.drafts(in: [.drafted]) { try store.approve(draftID: draft.id, now: clock.now) }
    }

    /// The thank-you sent Wed, then the check-in (due Tue 01-19 11:00 PST) queued and approved.
    func approvedCheckIn() throws -> Draft {
        _ = try approvedThankYou()
        try engine.tick()
        clock.now = utc("2027-01-18T20:00:00Z")
        try engine.tick()
        let draft = try #require(try store.drafts(in: [.drafted]).first)
        #expect(draft.kind == .checkIn)
        try store.approve(draftID: draft.id, now: clock.now)
        return draft
    }

    /// `fuctl news` / `fuctl offer`: asks the policy when `checked`, else
    /// queues as a racing second process would, on the facts it read before.
    func queue(_ kind: MessageKind, checked: Bool) throws {
        let history = try #require(try store.history(for: app.id))
        let rule = kind == .news ? Exceptions.news : Exceptions.competingOffer
        let step: DueStep
        switch rule(history, workspace.settings, clock.now) {
        case .success(let allowed): step = allowed
        case .failure:
            guard !checked, let round = history.application.events.last?.id else { return }
            step = DueStep(kind: kind, round: round, due: clock.now)
        }
        let queued = QueuedDraft(applicationID: app.id, round: step.round, kind: kind,
                                 recipient: history.application.contacts[0], due: step.due, thread: step.thread)
        let (draft, _) = try workspace.writer.write(queued, history: history, text: "I earned the CKA certification",
                                                    now: clock.now, randomBytes: Workspace.randomBytes())
        try store.insertDraft(draft)
    }
}
