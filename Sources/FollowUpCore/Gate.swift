import Foundation

/// One named reason the gate refuses a send. Each invariant of POLICY.md has its own.
public enum GateRefusal: Hashable, Sendable, CustomStringConvertible {
    /// Invariant 1: the round's follow-up cap is reached.
    case capReached
    /// Invariant 1: this round already has its one message of this kind (thank_you, rejection_reply, news, each check-in).
    case alreadySentThisRound(MessageKind)
    /// Invariant 2: the minimum gap since the application's last message runs until then.
    case gap(until: Date)
    /// Invariant 3: the address already got a message within the last 24 h.
    case onePerDayPerAddress(until: Date)
    /// Invariant 4: no successful inbox check recorded.
    case noInboxCheck
    /// Invariant 4: the last successful inbox check is too old (or in the future).
    case staleInboxCheck(checkedAt: Date)
    /// Invariant 5: a check-in before the business day after the decision date.
    case beforeDecisionDate(opens: Date)
    /// Invariant 6: not approved, or edited since approval.
    case notApproved
    /// Invariant 7: this draft is already in flight or sent (or its outcome unknown).
    case alreadySent(DraftState)
    /// Invariant 7: another draft carries the same Message-ID.
    case duplicateMessageID(DraftID)
    /// Discarded, cancelled or failed for good: nothing to send.
    case notSendable(DraftState)
    case notDueYet(due: Date)
    case outsideSendWindow(next: Date)
    /// A public holiday where the employer is: the window is closed all day.
    case publicHoliday(String, next: Date)
    /// The step is no longer in the round's timeline (dropped, replaced, stopped).
    case noLongerDue
    /// The draft belongs to an earlier round.
    case notCurrentRound
    /// The interview of its round was cancelled.
    case eventCancelled
    /// The interview moved after the draft was written.
    case eventMovedAfterDraft
    /// The user corrected the application after the draft was written.
    case applicationChangedAfterDraft
    /// A reply ended the round.
    case roundClosed(by: ReplyID)
    /// A reply came after the draft was made: the user must look again (worked example 8).
    case replyAfterDraft(ReplyID)
    /// An out-of-office reply said when they are back.
    case recipientAway(until: Date)
    case applicationClosed(Outcome)
    case recipientUndeliverable
    case unknownTimeZone(String)

    /// The moment a refusal that only asks to wait ends; nil for one that
    /// holds the draft until something else changes.
    public var waitsUntil: Date? {
        switch self {
        case .gap(let until), .onePerDayPerAddress(let until), .recipientAway(let until): until
        case .beforeDecisionDate(let opens): opens
        case .notDueYet(let due): due
        case .outsideSendWindow(let next), .publicHoliday(_, let next): next
        case .capReached, .alreadySentThisRound, .noInboxCheck, .staleInboxCheck, .notApproved, .alreadySent,
             .duplicateMessageID, .notSendable, .noLongerDue, .notCurrentRound, .eventCancelled, .eventMovedAfterDraft, .applicationChangedAfterDraft,
             .roundClosed, .replyAfterDraft,
             .applicationClosed, .recipientUndeliverable, .unknownTimeZone: nil
        }
    }

    public var description: String {
        switch self {
        case .capReached: return "cap: the round's follow-ups are used up (invariant 1)"
        case .alreadySentThisRound(let k): return "cap: this round already has its \(k.rawValue) (invariant 1)"
        case .gap(let t): return "gap: not before \(t) (invariant 2)"
        case .onePerDayPerAddress(let t): return "one message a day per address: not before \(t) (invariant 3)"
        case .noInboxCheck: return "no successful inbox check yet (invariant 4)"
        case .staleInboxCheck(let t): return "the last successful inbox check (\(t)) is not fresh (invariant 4)"
        case .beforeDecisionDate(let t): return "before the business day after the decision date: \(t) (invariant 5)"
        case .notApproved: return "not approved, or edited since approval (invariant 6)"
        case .alreadySent(let s): return "already \(s.rawValue) (invariant 7)"
        case .duplicateMessageID(let id): return "draft \(id) has the same Message-ID (invariant 7)"
        case .notSendable(let s): return "the draft is \(s.rawValue)"
        case .notDueYet(let t): return "not due before \(t)"
        case .outsideSendWindow(let t): return "outside the send window; it opens \(t)"
        case .publicHoliday(let name, let t): return "a public holiday where the employer is (\(name)); the send window opens \(t)"
        case .noLongerDue: return "the policy no longer plans this step"
        case .notCurrentRound: return "the draft belongs to an earlier round"
        case .eventCancelled: return "the interview was cancelled"
        case .eventMovedAfterDraft: return "the interview moved after the draft was written"
        case .applicationChangedAfterDraft: return "the application was corrected after the draft was written"
        case .roundClosed(let id): return "reply \(id) closed the round"
        case .replyAfterDraft(let id): return "reply \(id) arrived after the draft was made"
        case .recipientAway(let t): return "the contact is away until \(t)"
        case .applicationClosed(let o): return "the application is closed (\(o.rawValue))"
        case .recipientUndeliverable: return "the recipient's address bounced"
        case .unknownTimeZone(let id): return "unknown time zone \"\(id)\""
        }
    }
}

public enum GateDecision: Hashable, Sendable {
    case send
    case refuse([GateRefusal])
}

/// The last word before any send. The daemon calls `check` with fresh facts
/// and sends only on `.send`, moving the draft to `sending` in the same transaction.
public enum Gate {
    /// - Parameters:
    ///   - draft: the draft about to go, as stored.
    ///   - history: its application's full history (the draft included or not).
    ///   - sendsToSameAddress: every draft of every application to the same
    ///     recipient address that is sending, sent or unknown (invariant 3);
    ///     others are ignored, so passing more is safe.
    ///   - lastInboxCheck: when the last inbox check finished successfully.
    public static func check(draft: Draft, history: ApplicationHistory, sendsToSameAddress: [Draft],
                             lastInboxCheck: Date?, now: Date, settings: PolicySettings) -> GateDecision {
        var refusals: [GateRefusal] = []
        let calendar: ZonedCalendar
        do {
            calendar = try ZonedCalendar(for: history.application, window: settings.sendWindow)
        } catch {
            return .refuse([.unknownTimeZone(history.application.timeZone)])
        }
        var others = history
        others.drafts.removeAll { $0.id == draft.id }
        guard let f = RoundFacts(history: others, settings: settings, calendar: calendar, now: now),
              f.round == draft.round else {
            return .refuse([.notCurrentRound])
        }
        refusals += stateRefusals(draft, f)
        refusals += capRefusals(draft, f)
        if draft.kind.keepsTheGap, let floor = f.gapFloor(), now < floor {
            refusals.append(.gap(until: floor))
        }
        let address = draft.recipientEmail.lowercased()
        let lastToAddress = (sendsToSameAddress + others.drafts)
            .filter { $0.id != draft.id && $0.state.mayHaveBeenDelivered && $0.recipientEmail.lowercased() == address }
            .map { f.sentTime($0).addingTimeInterval(24 * 3600) }.max()
        if let until = lastToAddress, now < until { refusals.append(.onePerDayPerAddress(until: until)) }
        if let checked = lastInboxCheck {
            if now.timeIntervalSince(checked) > settings.freshCheck || checked > now {
                refusals.append(.staleInboxCheck(checkedAt: checked))
            }
        } else {
            refusals.append(.noInboxCheck)
        }
        if draft.kind.waitsForDecisionDate, let opens = f.decisionHold, now < opens {
            refusals.append(.beforeDecisionDate(opens: opens))
        }
        refusals += timingRefusals(draft, f)
        refusals += replyRefusals(draft, f)
        return refusals.isEmpty ? .send : .refuse(refusals)
    }

    /// Invariants 6 and 7: approved, never sent, one identity.
    private static func stateRefusals(_ draft: Draft, _ f: RoundFacts) -> [GateRefusal] {
        var refusals: [GateRefusal] = []
        switch draft.state {
        case .approved, .notSentRetryable:
            if !draft.isApproved { refusals.append(.notApproved) }
        case .drafted: refusals.append(.notApproved)
        case .sending, .sent, .unknown: refusals.append(.alreadySent(draft.state))
        case .discarded, .cancelled, .notSentPermanent: refusals.append(.notSendable(draft.state))
        }
        if let twin = f.history.drafts.first(where: { $0.messageID == draft.messageID }) {
            refusals.append(.duplicateMessageID(twin.id))
        }
        return refusals
    }

    /// Invariant 1: the cap, and one of each single step per round.
    private static func capRefusals(_ draft: Draft, _ f: RoundFacts) -> [GateRefusal] {
        var refusals: [GateRefusal] = []
        if draft.kind.isFollowUp && f.capReached { refusals.append(.capReached) }
        if draft.kind.isOncePerRound && f.deliveredCount(draft.kind) > 0 {
            refusals.append(.alreadySentThisRound(draft.kind))
        }
        return refusals
    }

    /// Due time, send window, and whether the timeline still wants the step.
    private static func timingRefusals(_ draft: Draft, _ f: RoundFacts) -> [GateRefusal] {
        var refusals: [GateRefusal] = []
        var due = draft.due
        if draft.kind.isScheduled {
            if let step = Timeline.compute(f).step(draft.kind) {
                due = max(due, step.due)
            } else {
                refusals.append(.noLongerDue)
            }
        }
        if draft.round == f.round, f.event.cancelledAt != nil { refusals.append(.eventCancelled) }
        switch f.changedSince(draft) {
        case .eventMoved: refusals.append(.eventMovedAfterDraft)
        case .applicationChanged: refusals.append(.applicationChangedAfterDraft)
        case nil: break
        }
        // A reply to a rejection that is one no more (the user relabelled it).
        if draft.kind == .rejectionReply && f.rejection == nil { refusals.append(.noLongerDue) }
        if f.now < due { refusals.append(.notDueYet(due: due)) }
        if !f.calendar.isInsideWindow(f.now) {
            let next = f.calendar.firstWindowMoment(atOrAfter: f.now)
            refusals.append(f.calendar.holiday(on: f.calendar.local(f.now).date).map { .publicHoliday($0, next: next) }
                ?? .outsideSendWindow(next: next))
        }
        if draft.kind.isFollowUp, let back = f.awayUntil, f.now < back {
            refusals.append(.recipientAway(until: back))
        }
        return refusals
    }

    /// Replies, the application's outcome and the address: anything that says stop.
    private static func replyRefusals(_ draft: Draft, _ f: RoundFacts) -> [GateRefusal] {
        var refusals: [GateRefusal] = []
        if let closing = f.closingReply, !draft.kind.mayFollow(closingReply: closing.replyClass) {
            refusals.append(.roundClosed(by: closing.id))
        }
        if let late = f.humanReplies.first(where: { $0.receivedAt > draft.createdAt }) {
            refusals.append(.replyAfterDraft(late.id))
        }
        if let outcome = f.closingOutcome(for: draft.kind) { refusals.append(.applicationClosed(outcome)) }
        if f.isUndeliverable(draft.recipientEmail) { refusals.append(.recipientUndeliverable) }
        return refusals
    }
}
