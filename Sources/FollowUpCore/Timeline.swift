import Foundation

/// One step the policy wants next in the current round, and when.
public struct TimelineStep: Hashable, Sendable {
    public var kind: MessageKind
    public var due: Date
    /// The rule that set `due`, for `fuctl why`; the send window and the
    /// holds (gap, decision date, absence) then move it later when they apply.
    public var rule: String

    public init(kind: MessageKind, due: Date, rule: String = "") {
        self.kind = kind
        self.due = due
        self.rule = rule
    }

    /// Two steps are the same step whatever words describe their rule.
    public static func == (a: Self, b: Self) -> Bool { a.kind == b.kind && a.due == b.due }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(due)
    }
}

/// Where the current round stands.
public enum RoundState: Hashable, Sendable {
    /// The policy may still plan follow-ups.
    case open
    /// A reply ended the round (rejection, next step, unclear, bounce).
    case closedByReply(ReplyID, ReplyClass)
    /// No further follow-up, ever, in this round: the second check-in, the one
    /// follow-up after "we need more time", or the cap was reached.
    case stopped
    /// The interview was cancelled: nothing of this round goes out.
    case cancelled
}

/// The current round's next due step of every kind.
public struct RoundTimeline: Hashable, Sendable {
    public var round: EventID
    public var state: RoundState
    /// Steps not yet sent, at most one per kind, in due order.
    public var steps: [TimelineStep]
    /// When a stopped round marks the application `no-response` (7 days after its last follow-up).
    public var noResponseAt: Date?
    /// The thank-you was not sent before the check-in became due, so it is dropped.
    public var thankYouDropped: Bool
    /// When the thank-you still planned is dropped if it has not gone by then.
    public var thankYouDropsAt: Date?

    public func step(_ kind: MessageKind) -> TimelineStep? { steps.first { $0.kind == kind } }
}

/// POLICY.md's "Timeline of one round", "Replies from the employer" and
/// "How time is counted", as one pure computation.
public enum Timeline {
    /// The current round's timeline; nil when the application has no event yet.
    public static func current(history: ApplicationHistory, settings: PolicySettings,
                               now: Date) throws(PolicyError) -> RoundTimeline? {
        let calendar = try ZonedCalendar(for: history.application, window: settings.sendWindow)
        return RoundFacts(history: history, settings: settings, calendar: calendar, now: now).map(compute)
    }

    /// The draft of a planned step that keeps the planner from drafting it
    /// again: one of the current round's drafts that stand for the step
    /// (`RoundFacts.currentDrafts`, the planner's own rule) and is no longer
    /// pending: discarded, sent, unknown. Nil when the planner will draft it.
    public static func settledDraft(of kind: MessageKind, history: ApplicationHistory, settings: PolicySettings,
                                    now: Date) -> Draft? {
        guard let calendar = try? ZonedCalendar(for: history.application, window: settings.sendWindow),
              let f = RoundFacts(history: history, settings: settings, calendar: calendar, now: now) else { return nil }
        return f.currentDrafts(of: kind).last { !$0.state.isPending }
    }

    static func compute(_ f: RoundFacts) -> RoundTimeline {
        if f.event.cancelledAt != nil {
            return RoundTimeline(round: f.round, state: .cancelled, steps: [], noResponseAt: nil, thankYouDropped: false,
                                 thankYouDropsAt: nil)
        }
        if let closing = f.closingReply {
            let answered = !f.currentDrafts(of: .rejectionReply).isEmpty || f.deliveredCount(.rejectionReply) > 0
            // Only while their last word is a rejection: after a later message
            // (they changed their mind, asked something) an answer would guess.
            let standing = f.humanReplies.last?.replyClass.isRejection == true
            let steps = f.rejection.flatMap { r in
                answered || !standing ? nil : TimelineStep(kind: .rejectionReply, due: f.due(r.receivedAt),
                                                            rule: "answers the rejection, as soon as the send window opens")
            }
            return RoundTimeline(round: f.round, state: .closedByReply(closing.id, closing.replyClass),
                                 steps: steps.map { [$0] } ?? [], noResponseAt: nil, thankYouDropped: false,
                                 thankYouDropsAt: nil)
        }
        let followUp = nextFollowUp(f)
        var steps: [TimelineStep] = []
        let firstCheckInDue = f.due(firstCheckInRule(f), holds: f.gapFloor(), f.decisionHold)
        // Dropped once the check-in is due (POLICY), and (ours) once anything
        // else went out, the employer wrote, or a week has passed since the
        // event: a late thank-you reads oddly, and "on Tuesday" would no
        // longer say which Tuesday.
        let thankYouSent = f.deliveredCount(.thankYou) > 0
        let weekAfter = f.calendar.adding(days: 7, to: f.event.end)
        let dropped = !thankYouSent && (f.now >= firstCheckInDue || f.now >= weekAfter
                                        || !f.delivered.isEmpty || !f.humanReplies.isEmpty)
        let keepsThankYou = !thankYouSent && !dropped
        if keepsThankYou {
            steps.append(TimelineStep(kind: .thankYou, due: f.due(f.event.end.addingTimeInterval(24 * 3600), holds: f.gapFloor()),
                                      rule: "24 h after the interview ended"))
        }
        var state = RoundState.open
        var noResponseAt: Date?
        switch followUp {
        case .due(let step): steps.append(step)
        case .waiting: break
        case .stopped:
            state = .stopped
            noResponseAt = f.event.kind != .interview ? nil : f.deliveredFollowUps.last.map { f.calendar.adding(days: 7, to: f.sentTime($0)) }
        }
        return RoundTimeline(round: f.round, state: state, steps: steps.sorted { $0.due < $1.due },
                             noResponseAt: noResponseAt, thankYouDropped: dropped,
                             thankYouDropsAt: keepsThankYou ? min(firstCheckInDue, weekAfter) : nil)
    }

    /// The check-in rule's instant: the business day after the decision date, or end + pace.
    static func firstCheckInRule(_ f: RoundFacts) -> Date {
        f.decisionHold ?? f.calendar.adding(days: f.history.application.pace.checkInDays, to: f.event.end)
    }

    private enum FollowUp {
        case due(TimelineStep)
        /// A queued news message holds the slot; the clock restarts when it is sent.
        case waiting
        case stopped
    }

    private static func nextFollowUp(_ f: RoundFacts) -> FollowUp {
        guard f.event.kind == .interview, !f.capReached else { return .stopped }
        // The check-in slots fill in order; a news message takes the next free
        // one and restarts the clock from when it is sent.
        let filled = f.delivered.filter { $0.kind.fillsCheckInSlot }
        let queuedNews = f.currentDrafts(of: .news).filter { $0.state.isPending }
        guard filled.count + queuedNews.count < MessageKind.checkInSlots,
              let kind = MessageKind.scheduled(inSlot: filled.count) else {
            return queuedNews.isEmpty ? .stopped : .waiting
        }
        guard queuedNews.isEmpty else { return .waiting }
        let rule: Date
        let why: String
        if let asked = f.latestNeedMoreTime {
            // "We need more time": one follow-up, then stop (003).
            if filled.contains(where: { f.sentTime($0) > asked.receivedAt }) { return .stopped }
            rule = asked.until.map { f.calendar.businessDayOpening(after: $0) }
                ?? f.calendar.adding(days: 14, to: asked.receivedAt)
            why = asked.until.map { "the business day after \($0), the date they named when they asked for more time" }
                ?? "14 days after they asked for more time, naming no date"
        } else if let last = filled.last {
            rule = f.calendar.adding(days: 7, to: f.sentTime(last))
            why = "7 days after the \(last.kind.words) was sent"
        } else {
            rule = firstCheckInRule(f)
            why = f.decisionHold != nil ? "the business day after the decision date they named"
                : "\(f.history.application.pace.checkInDays) days after the interview ended (pace \(f.history.application.pace.rawValue))"
        }
        return .due(TimelineStep(kind: kind, due: f.due(rule, holds: f.gapFloor(), f.decisionHold, f.awayUntil), rule: why))
    }
}
