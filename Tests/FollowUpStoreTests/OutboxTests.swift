import Foundation
import Testing
import FollowUpCore
@testable import FollowUpStore

/// Every edge of the draft state machine, allowed and refused.
@Suite struct OutboxTests {
    let send: SendGate = { _, _, _ in .send }

    /// Runs `action` on a draft in each state; it must succeed exactly in `allowed`.
    func expectAllowed(in allowed: Set<DraftState>, ending: DraftState? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation,
                       _ action: (Store, Draft) throws -> Draft) throws {
        let f = try Fixture()
        defer { f.remove() }
        for state in DraftState.allCases {
            let d = try draft(in: state, f)
            do {
                let after = try action(f.store, d)
                #expect(allowed.contains(state), "allowed from \(state)", sourceLocation: sourceLocation)
                if let ending { #expect(after.state == ending, sourceLocation: sourceLocation) }
            } catch let e as StoreError {
                #expect(!allowed.contains(state), "refused from \(state): \(e)", sourceLocation: sourceLocation)
                #expect(e.code == .invalidTransition, sourceLocation: sourceLocation)
                #expect(try f.store.draft(id: d.id) == d, "unchanged", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func insertedDraftIsDraftedUnapprovedAndRoundTrips() throws {
        let f = try Fixture()
        defer { f.remove() }
        var input = sampleDraft(f.app)
        input.state = .sent
        input.approvedAt = t0
        let stored = try f.store.insertDraft(input, lintProblems: ["unknown word \"Kubernetis\""])
        var expected = input
        expected.id = stored.id
        expected.state = .drafted
        expected.approvedAt = nil
        #expect(stored == expected)
        #expect(try f.store.outboxEntry(id: stored.id)?.lintProblems == ["unknown word \"Kubernetis\""])
    }

    @Test func rescheduleOnlyWhilePendingAndKeepsApproval() throws {
        let later = t0.addingTimeInterval(3 * 86400)
        try expectAllowed(in: [.drafted, .approved, .notSentRetryable]) { store, d in
            let moved = try store.reschedule(draftID: d.id, due: later)
            #expect(moved.due == later)
            #expect(moved.state == d.state && moved.approvedAt == d.approvedAt)
            return moved
        }
    }

    @Test func messageIDIsUniqueAcrossDrafts() throws {
        let f = try Fixture()
        defer { f.remove() }
        #expect(throws: (any Error).self) { try f.store.insertDraft(sampleDraft(f.app, messageID: f.draft.messageID)) }
    }

    @Test func approveOnlyFromDrafted() throws {
        try expectAllowed(in: [.drafted], ending: .approved) { s, d in try s.approve(draftID: d.id, now: t0 + 5) }
    }

    @Test func approvalOfTextEditedSinceItWasCheckedIsRefused() throws {
        let f = try Fixture()
        defer { f.remove() }
        let seen = f.draft
        try f.store.edit(draftID: seen.id, subject: seen.subject, body: seen.body + " ASAP!!", lintProblems: [], now: t0)
        #expect(throws: StoreError.self) {
            try f.store.approve(draftID: seen.id, checked: (seen.subject, seen.body), now: t0)
        }
        #expect(try f.store.draft(id: seen.id)?.state == .drafted)
        let current = try #require(try f.store.draft(id: seen.id))
        #expect(try f.store.approve(draftID: seen.id, checked: (current.subject, current.body), now: t0).state == .approved)
    }

    @Test func approvalStampsApprovedAt() throws {
        let f = try Fixture(approved: true)
        defer { f.remove() }
        #expect(f.draft.approvedAt == t0)
    }

    @Test func editWithdrawsApproval() throws {
        let f = try Fixture(approved: true)
        defer { f.remove() }
        let edited = try f.store.edit(draftID: f.draft.id, subject: "Thanks", body: "Dear Dana,", lintProblems: [], now: t0 + 60)
        #expect(edited.state == .drafted)
        #expect(edited.approvedAt == nil)
        #expect(edited.subject == "Thanks")
        #expect(try f.store.outboxEntry(id: f.draft.id)?.editedAt == t0 + 60)
        #expect(try f.store.beginSend(draftID: f.draft.id, now: t0 + 61, gate: send) == .notSendable(.drafted))
    }

    @Test func editOnlyBeforeHandOver() throws {
        try expectAllowed(in: [.drafted, .approved, .notSentRetryable], ending: .drafted) { s, d in
            try s.edit(draftID: d.id, subject: "x", body: "y", lintProblems: [], now: t0)
        }
    }

    @Test func discardFromPendingOrPermanentlyRefused() throws {
        try expectAllowed(in: [.drafted, .approved, .notSentRetryable, .notSentPermanent], ending: .discarded) { s, d in
            try s.discard(draftID: d.id, reason: "not needed", now: t0)
        }
    }

    @Test func cancelOnlyWhilePending() throws {
        try expectAllowed(in: [.drafted, .approved, .notSentRetryable], ending: .cancelled) { s, d in
            try s.cancel(draftID: d.id, reason: "reply arrived", now: t0)
        }
    }

    @Test func cancelRecordsItsReason() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.cancel(draftID: f.draft.id, reason: "reply arrived", now: t0)
        #expect(try f.store.outboxEntry(id: f.draft.id)?.reason == "reply arrived")
    }

    @Test func beginSendOnlyFromApprovedOrRetryable() throws {
        let f = try Fixture()
        defer { f.remove() }
        for state in DraftState.allCases {
            let d = try draft(in: state, f)
            let result = try f.store.beginSend(draftID: d.id, now: t0 + 1, gate: send)
            if state == .approved || state == .notSentRetryable {
                #expect(result == .started(try #require(try f.store.draft(id: d.id))), "\(state)")
            } else {
                #expect(result == .notSendable(state), "\(state)")
                #expect(try f.store.draft(id: d.id) == d)
            }
        }
    }

    @Test func beginSendStampsSentAtAndMovesToSending() throws {
        let f = try Fixture(approved: true)
        defer { f.remove() }
        guard case .started(let d) = try f.store.beginSend(draftID: f.draft.id, now: t0 + 7, gate: send) else {
            Issue.record("not started")
            return
        }
        #expect(d.state == .sending)
        #expect(d.sentAt == t0 + 7)
    }

    @Test func gateThatHoldsChangesNothing() throws {
        let f = try Fixture(approved: true)
        defer { f.remove() }
        let result = try f.store.beginSend(draftID: f.draft.id, now: t0) { _, _, _ in .hold("outside the send window") }
        #expect(result == .held("outside the send window"))
        #expect(try f.store.draft(id: f.draft.id) == f.draft)
    }

    @Test func gateThatThrowsChangesNothing() throws {
        struct Boom: Error {}
        let f = try Fixture(approved: true)
        defer { f.remove() }
        #expect(throws: Boom.self) { try f.store.beginSend(draftID: f.draft.id, now: t0) { _, _, _ in throw Boom() } }
        #expect(try f.store.draft(id: f.draft.id) == f.draft)
    }

    @Test func gateSeesTheCurrentHistoryAndSendsToTheSameAddressAcrossApplications() throws {
        let f = try Fixture(approved: true)
        defer { f.remove() }
        let other = try f.store.addApplication(sampleApplication())
        let sentElsewhere = try draft(in: .sent, f, for: other)
        let unsentElsewhere = try f.store.insertDraft(sampleDraft(other))
        try f.store.insertDraft(sampleDraft(other, to: "someone@else.example"))
        try f.store.recordReply(RecordedReply(id: 0, applicationID: f.app.id, receivedAt: t0, replyClass: .autoReply))
        var seen: (Draft, ApplicationHistory, [Draft])?
        _ = try f.store.beginSend(draftID: f.draft.id, now: t0) { d, h, same in
            seen = (d, h, same)
            return .hold("look only")
        }
        #expect(seen?.0 == f.draft)
        #expect(seen?.1 == (try f.store.history(for: f.app.id)))
        #expect(seen?.1.replies.count == 1)
        #expect(seen?.2 == [sentElsewhere])
        #expect(seen?.2.contains(unsentElsewhere) == false)
    }

    @Test func finishSendOnlyFromSending() throws {
        try expectAllowed(in: [.sending], ending: .sent) { s, d in try s.finishSend(draftID: d.id, outcome: .sent, now: t0) }
    }

    @Test func finishSendRecordsEachOutcomeAndAnAttempt() throws {
        let f = try Fixture()
        defer { f.remove() }
        let cases: [(SendAttemptOutcome, DraftState, Bool)] = [
            (.sent, .sent, true), (.notSentRetryable(error: "421 try later"), .notSentRetryable, false),
            (.notSentPermanent(error: "550 no such user"), .notSentPermanent, false), (.unknown(error: "timeout after DATA"), .unknown, true),
        ]
        for (outcome, state, keepsSentAt) in cases {
            let d = try draft(in: .sending, f)
            let after = try f.store.finishSend(draftID: d.id, outcome: outcome, now: t0 + 9)
            #expect(after.state == state)
            #expect((after.sentAt != nil) == keepsSentAt)
            let attempts = try #require(try f.store.outboxEntry(id: d.id)).attempts
            #expect(attempts.map(\.outcome.rawValue) == [state.rawValue])
            #expect(attempts.first?.messageID == d.messageID)
            #expect(attempts.first?.at == t0 + 9)
        }
    }

    @Test func sendLogListsEveryAttemptOldestFirstWithItsDraft() throws {
        let f = try Fixture()
        defer { f.remove() }
        #expect(try f.store.sendLog().isEmpty)
        let a = try draft(in: .sending, f)
        let b = try draft(in: .sending, f)
        try f.store.finishSend(draftID: b.id, outcome: .unknown(error: "timeout after DATA"), now: t0 + 5)
        try f.store.finishSend(draftID: a.id, outcome: .sent, now: t0 + 9)
        let log = try f.store.sendLog()
        #expect(log.map(\.draft.id) == [b.id, a.id])
        #expect(log.map(\.attempt.outcome) == [.unknown, .sent])
        #expect(log.first?.attempt.error == "timeout after DATA")
        #expect(log.last?.draft.state == .sent)
    }

    @Test func retryableDraftKeepsApprovalAndMayStartAgain() throws {
        let f = try Fixture()
        defer { f.remove() }
        let d = try draft(in: .notSentRetryable, f)
        #expect(d.approvedAt != nil)
        guard case .started(let again) = try f.store.beginSend(draftID: d.id, now: t0 + 600, gate: send) else {
            Issue.record("retry did not start")
            return
        }
        #expect(again.sentAt == t0 + 600)
    }

    @Test func interruptedSendsAreNotSentBeforeTheFinalDotAndUnknownAfterIt() throws {
        let f = try Fixture()
        defer { f.remove() }
        let beforeDot = try draft(in: .sending, f)
        let afterDot = try draft(in: .sending, f)
        let message = Array("Message-ID: <x@y>\r\n\r\nHello\r\n".utf8)
        try f.store.recordFinalDot(draftID: afterDot.id, message: message, now: t0 + 1)
        let sent = try draft(in: .sent, f)
        // A new process opens the same file, as after a crash.
        let restarted = try Store(path: f.store.path!)
        let recovered = try restarted.recoverInterruptedSends(now: t0 + 100)
        #expect(recovered.unknown.map(\.id) == [afterDot.id])
        #expect(recovered.unknown.allSatisfy { $0.state == .unknown && $0.sentAt == t0 })
        #expect(recovered.notSent.map(\.id) == [beforeDot.id])
        #expect(recovered.notSent.allSatisfy { $0.state == .notSentRetryable && $0.sentAt == nil && $0.approvedAt != nil })
        #expect(try restarted.draft(id: sent.id)?.state == .sent)
        #expect(try restarted.outboxEntry(id: afterDot.id)?.attempts.map(\.outcome) == [.interrupted])
        #expect(try restarted.outboxEntry(id: beforeDot.id)?.attempts.map(\.outcome) == [.notSentRetryable])
        let again = try restarted.recoverInterruptedSends(now: t0 + 200)
        #expect(again.unknown.isEmpty && again.notSent.isEmpty)
        // Resolved as sent by the user, the journal's bytes become a Sent copy to file.
        try restarted.markSent(draftID: afterDot.id, now: t0 + 300)
        #expect(try restarted.pendingSentCopies().map(\.message) == [message])
        try restarted.sentCopyFiled(draftID: afterDot.id)
        #expect(try restarted.pendingSentCopies().isEmpty)
    }

    @Test func anEditOverATextChangedMeanwhileIsRefusedAndTheOtherEditKept() throws {
        let f = try Fixture(approved: true)
        defer { f.remove() }
        let opened = (subject: f.draft.subject, body: f.draft.body)
        try f.store.edit(draftID: f.draft.id, subject: opened.subject, body: "First writer.", lintProblems: [],
                         opened: opened, now: t0 + 1)
        let second = #expect(throws: StoreError.self) {
            try f.store.edit(draftID: f.draft.id, subject: opened.subject, body: "Second writer.", lintProblems: [],
                             opened: opened, now: t0 + 2)
        }
        #expect(second?.code == .changedMeanwhile)
        #expect(try f.store.draft(id: f.draft.id)?.body == "First writer.")
    }

    @Test func theFinalDotIsRecordedOnlyForADraftThatIsSending() throws {
        let f = try Fixture()
        defer { f.remove() }
        let approved = try draft(in: .approved, f)
        #expect(throws: StoreError.self) { try f.store.recordFinalDot(draftID: approved.id, message: [1], now: t0) }
    }

    @Test func aSentMessageKeepsItsBytesUntilItsSentCopyIsFiled() throws {
        let f = try Fixture()
        defer { f.remove() }
        let withCopy = try draft(in: .sending, f), withoutCopy = try draft(in: .sending, f)
        for d in [withCopy, withoutCopy] { try f.store.recordFinalDot(draftID: d.id, message: Array("m\(d.id)".utf8), now: t0) }
        try f.store.finishSend(draftID: withCopy.id, outcome: .sent, fileCopy: true, now: t0 + 1)
        try f.store.finishSend(draftID: withoutCopy.id, outcome: .sent, now: t0 + 1)
        let pending = try f.store.pendingSentCopies()
        #expect(pending.map(\.draft.id) == [withCopy.id])
        #expect(pending.map(\.message) == [Array("m\(withCopy.id)".utf8)])
    }

    @Test func settleFoundInSentMarksSent() throws {
        let f = try Fixture()
        defer { f.remove() }
        let d = try draft(in: .unknown, f)
        #expect(try f.store.settle(draftID: d.id, foundInSent: true, now: t0).state == .sent)
    }

    @Test func settleNotFoundLeavesUnknown() throws {
        let f = try Fixture()
        defer { f.remove() }
        let d = try draft(in: .unknown, f)
        #expect(try f.store.settle(draftID: d.id, foundInSent: false, now: t0) == d)
    }

    @Test func settleOnlyFromUnknown() throws {
        try expectAllowed(in: [.unknown], ending: .sent) { s, d in try s.settle(draftID: d.id, foundInSent: true, now: t0) }
    }

    @Test func userMarksUnknownAsSent() throws {
        try expectAllowed(in: [.unknown], ending: .sent) { s, d in try s.markSent(draftID: d.id, now: t0) }
    }

    @Test func userMarksUnknownAsNotSent() throws {
        try expectAllowed(in: [.unknown], ending: .notSentPermanent) { s, d in try s.markNotSent(draftID: d.id, now: t0) }
    }

    @Test func unknownDraftIsNeverStartedAgain() throws {
        let f = try Fixture()
        defer { f.remove() }
        let d = try draft(in: .unknown, f)
        #expect(try f.store.beginSend(draftID: d.id, now: t0 + 1, gate: send) == .notSendable(.unknown))
    }

    @Test func missingDraftIsNotFound() throws {
        let f = try Fixture()
        defer { f.remove() }
        #expect(throws: StoreError(.notFound, "no draft with id 999")) { try f.store.approve(draftID: 999, now: t0) }
    }
}
