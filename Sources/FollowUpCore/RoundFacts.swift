import Foundation

/// What one application's history says, read once for the timeline, the
/// exceptions, the gate and the planner, so all four read it the same way.
struct RoundFacts {
    let history: ApplicationHistory
    let settings: PolicySettings
    let calendar: ZonedCalendar
    let now: Date
    /// The current round's event: the last event of the application.
    let event: Event
    /// This round's drafts that may have reached the employer, oldest send first.
    let delivered: [Draft]
    /// Replies received after this round's event started, and a rejection
    /// received since it was recorded, oldest first.
    let replies: [RecordedReply]

    init?(history: ApplicationHistory, settings: PolicySettings, calendar: ZonedCalendar, now: Date) {
        guard let event = history.application.events.last else { return nil }
        self.history = history
        self.settings = settings
        self.calendar = calendar
        self.now = now
        self.event = event
        let sentAt = { (d: Draft) in d.sentAt ?? now }
        delivered = history.drafts
            .filter { $0.round == event.id && $0.state.mayHaveBeenDelivered }
            .sorted { sentAt($0) < sentAt($1) }
        // Before the event only a rejection counts (they cancelled it); other
        // mail then is about arranging it.
        // What the user said is no reply counts for nothing.
        replies = history.replies
            .filter { $0.applicationID == history.application.id && $0.replyClass != .notAReply }
            .filter { $0.receivedAt > event.start || ($0.replyClass.isRejection && $0.receivedAt > event.heardFrom) }
            .sorted { $0.receivedAt < $1.receivedAt }
    }

    var round: EventID { event.id }

    /// What a draft was written for that has changed since, if anything: the
    /// interview's time, or when it is due (for the steps timed and worded
    /// from the interview: the thank-you and the check-ins, whose words name
    /// its day as seen from their due time), or the recipient or the words of
    /// the application (contact, role, company, zone), for every draft. The
    /// planner withdraws such a draft and the gate refuses it.
    func changedSince(_ d: Draft) -> Staleness? {
        let app = history.application
        if d.round == round, d.kind.isScheduled, let moved = event.movedAt, d.createdAt < moved { return .eventMoved }
        if let changed = app.changedAt, d.createdAt < changed { return .applicationChanged }
        if d.kind.isScheduled, let changed = app.timingChangedAt, d.createdAt < changed { return .applicationChanged }
        return nil
    }

    enum Staleness { case eventMoved, applicationChanged }

    /// When a message was handed to SMTP; one in flight without a time counts
    /// as sent now, the strictest reading for the cap and the gap.
    func sentTime(_ draft: Draft) -> Date { draft.sentAt ?? now }

    func deliveredCount(_ kind: MessageKind) -> Int { delivered.filter { $0.kind == kind }.count }

    var deliveredFollowUps: [Draft] { delivered.filter { $0.kind.isFollowUp } }

    var capReached: Bool { deliveredFollowUps.count >= settings.maxFollowups }

    /// Replies a person wrote (or that stand for one).
    var humanReplies: [RecordedReply] { replies.filter { $0.replyClass.isFromAPerson } }

    /// The first reply that ends the round.
    var closingReply: RecordedReply? {
        humanReplies.first { $0.replyClass.closesTheRound }
    }

    /// The reply a rejection_reply answers.
    var rejection: RecordedReply? {
        closingReply.flatMap { $0.replyClass.isRejection ? $0 : nil }
    }

    var latestNeedMoreTime: RecordedReply? {
        humanReplies.last { $0.replyClass == .needMoreTime }
    }

    /// An out-of-office reply's date: "away until the 11th" and "back on the
    /// 11th" both name it, so it is read as the last day away and no follow-up
    /// goes out before the window opens the day after.
    var awayUntil: Date? {
        replies.filter { $0.replyClass.holdsUntilReturn }.compactMap(\.until).max()
            .map { calendar.windowOpening(onOrAfter: LocalDate(daysSinceEpoch: $0.daysSinceEpoch + 1)) }
    }

    /// Invariant 5: the business day after the decision date the interviewer named.
    var decisionHold: Date? {
        event.decisionDate.map { calendar.businessDayOpening(after: $0) }
    }

    /// Invariant 2: the earliest instant the gap allows, counted from the last
    /// message of the application in any round (rejection_replies excepted).
    func gapFloor(excluding draftID: DraftID? = nil) -> Date? {
        history.drafts
            .filter { $0.state.mayHaveBeenDelivered && $0.kind.keepsTheGap && $0.id != draftID }
            .map { sentTime($0).addingTimeInterval(settings.minGap) }
            .max()
    }

    /// The outcome that stops `kind`, if the application has one.
    func closingOutcome(for kind: MessageKind) -> Outcome? {
        guard let outcome = history.application.outcome, !kind.mayFollow(outcome: outcome) else { return nil }
        return outcome
    }

    /// Addresses a bounce or the user marked as unable to receive mail.
    func isUndeliverable(_ email: String) -> Bool {
        let address = email.lowercased()
        return history.application.contacts.contains { $0.undeliverable && $0.email.lowercased() == address }
            || bouncedAddresses.contains(address)
    }

    /// Every address a recorded bounce names (the primary contact's when it names none).
    var bouncedAddresses: Set<String> {
        Set(history.replies.filter { $0.replyClass.marksUndeliverable }.compactMap {
            ($0.failedRecipient ?? history.application.primaryContact?.email)?.lowercased()
        })
    }

    /// Drafts of this round made after the latest human reply: the ones that
    /// belong to the schedule now in force. One the policy cancelled, or one
    /// that certainly never left (refused for good, or the user said it did
    /// not go), no longer stands for its step: the step may be drafted anew,
    /// for the user to approve again.
    func currentDrafts(of kind: MessageKind) -> [Draft] {
        let since = humanReplies.last?.receivedAt
        return history.drafts.filter { d in
            d.round == round && d.kind == kind && d.state != .cancelled && d.state != .notSentPermanent
                && (since.map { d.createdAt >= $0 } ?? true)
        }
    }

    /// The latest of the rule's instant and the holds on it, moved to the first send-window moment.
    func due(_ rule: Date, holds: Date?...) -> Date {
        calendar.firstWindowMoment(atOrAfter: holds.compactMap { $0 }.reduce(rule, max))
    }
}
