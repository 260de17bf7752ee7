import Foundation

/// The policy as a pure function of one application's history and the time:
/// it returns what to queue, cancel, reschedule and mark, and changes nothing.
/// Applying its actions and planning again with the same `now` yields no new
/// queueing or cancelling: planning is idempotent.
public enum Planner {
    /// Raised with every change to what `plan` decides: the daemon then plans
    /// every application again instead of waiting for its review moment.
    public static let rulesRevision = 1

    public static func plan(history: ApplicationHistory, settings: PolicySettings, now: Date) -> [PlanAction] {
        let app = history.application
        let calendar: ZonedCalendar
        do {
            calendar = try ZonedCalendar(for: app, window: settings.sendWindow)
        } catch {
            return [.needsAttention(app.id, error)]
        }
        guard let observed = RoundFacts(history: history, settings: settings, calendar: calendar, now: now) else { return [] }
        var actions: [PlanAction] = app.contacts
            .filter { !$0.undeliverable && observed.bouncedAddresses.contains($0.email.lowercased()) }
            .map { .markUndeliverable(app.id, email: $0.email) }
        let timeline = Timeline.compute(observed)
        // Marking no-response closes the application now, so this same plan
        // withdraws what that stops (planning again must find nothing to do).
        let quiet = app.outcome == nil && timeline.noResponseAt.map { now >= $0 } == true
        var marked = history
        if quiet { marked.application.outcome = .noResponse }
        // The same history but its outcome: it has the event `observed` found.
        let f = RoundFacts(history: marked, settings: settings, calendar: calendar, now: now) ?? observed
        var cancelled = Set<DraftID>()
        var standing: [MessageKind: DraftID] = [:]
        for draft in history.drafts.filter({ $0.state.isPending }).sorted(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) {
            if let reason = cancelReason(draft, f, timeline) ?? standing[draft.kind].map({ .duplicate(of: $0) }) {
                actions.append(.cancel(draft.id, reason))
                cancelled.insert(draft.id)
                continue
            }
            if draft.kind.isOncePerRound { standing[draft.kind] = draft.id }
            if let step = timeline.step(draft.kind), step.kind != .rejectionReply, step.due != draft.due {
                actions.append(.reschedule(draft.id, due: step.due))
            }
        }
        if let contact = app.primaryContact, !f.isUndeliverable(contact.email) {
            for step in timeline.steps where now >= step.due.addingTimeInterval(-settings.draftLead)
                && f.closingOutcome(for: step.kind) == nil
                && f.currentDrafts(of: step.kind).allSatisfy({ cancelled.contains($0.id) }) {
                actions.append(.queue(QueuedDraft(applicationID: app.id, round: f.round, kind: step.kind,
                                                  recipient: contact, due: step.due, thread: thread(for: step.kind, f))))
            }
        }
        if quiet { actions.append(.markNoResponse(app.id)) }
        return actions
    }

    /// The first moment after `now` at which `plan` may answer differently
    /// for the same history: before it, planning again finds nothing that a
    /// plan at `now` did not. Nil when only a change of the history can
    /// change the plan (a closed application). The daemon plans an
    /// application again only then, or when its history changes.
    public static func nextReview(history: ApplicationHistory, settings: PolicySettings, now: Date) -> Date? {
        // A send in flight without a time counts as sent at every `now`: its gap moves with the clock.
        if history.drafts.contains(where: { $0.state.mayHaveBeenDelivered && $0.sentAt == nil }) { return now }
        guard let calendar = try? ZonedCalendar(for: history.application, window: settings.sendWindow),
              let f = RoundFacts(history: history, settings: settings, calendar: calendar, now: now) else { return nil }
        let timeline = Timeline.compute(f)
        // The moments `plan` compares `now` with: a step comes within the draft
        // lead, the round goes quiet, a thank-you not sent is dropped.
        var moments = timeline.steps.map { $0.due.addingTimeInterval(-settings.draftLead) }
        if history.application.outcome == nil, let quiet = timeline.noResponseAt { moments.append(quiet) }
        if let drops = timeline.thankYouDropsAt { moments.append(drops) }
        return moments.filter { $0 > now }.min()
    }

    /// Why a pending draft no longer belongs to the plan, if it does not.
    private static func cancelReason(_ d: Draft, _ f: RoundFacts, _ timeline: RoundTimeline) -> CancelReason? {
        if d.round != f.round { return .newRound }
        if f.event.cancelledAt != nil { return .eventCancelled }
        // Written for the old time ("thank you for today"), or to the old contact, role or company:
        // what the planner writes is written anew; the user's own news and offers they ask for again.
        switch f.changedSince(d) {
        case .eventMoved: return .eventMoved
        case .applicationChanged: return .applicationChanged
        case nil: break
        }
        if let outcome = f.closingOutcome(for: d.kind) { return .applicationClosed(outcome) }
        if f.isUndeliverable(d.recipientEmail) { return .recipientUndeliverable }
        if let late = f.humanReplies.first(where: { $0.receivedAt > d.createdAt }) {
            return .reply(late.id, late.replyClass)
        }
        if let closing = f.closingReply, !d.kind.mayFollow(closingReply: closing.replyClass) {
            return .reply(closing.id, closing.replyClass)
        }
        if d.kind.isOncePerRound, let sent = f.delivered.first(where: { $0.kind == d.kind }) {
            return .duplicate(of: sent.id)
        }
        switch d.kind {
        case .thankYou:
            return timeline.step(.thankYou) == nil ? .thankYouDropped : nil
        case .checkIn, .secondCheckIn:
            guard timeline.step(d.kind) == nil else { return nil }
            if f.capReached { return .capReached }
            let newsHoldsSlot = f.history.drafts.contains {
                $0.round == f.round && $0.kind == .news && ($0.state.isPending || $0.state.mayHaveBeenDelivered)
            }
            return newsHoldsSlot ? .replacedByNews : .timelineStopped
        case .news, .competingOffer:
            return f.capReached ? .capReached : nil
        case .rejectionReply:
            return f.rejection == nil ? .noRejection : nil
        }
    }

    /// Follow-ups thread onto the round's last message; a rejection_reply onto the rejection.
    static func thread(for kind: MessageKind, _ f: RoundFacts) -> ThreadParent? {
        if kind == .rejectionReply, let rejection = f.rejection, let id = rejection.messageID {
            return ThreadParent(messageID: id, references: [id], subject: SubjectPrefix.reply(to: rejection.subject ?? ""))
        }
        guard let parent = f.delivered.last else { return nil }
        return ThreadParent(messageID: parent.messageID, references: parent.references + [parent.messageID],
                            subject: SubjectPrefix.reply(to: parent.subject))
    }
}
