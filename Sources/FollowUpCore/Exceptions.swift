import Foundation

/// A message the user asked for (or a rejection calls for), ready to queue.
public struct DueStep: Hashable, Sendable {
    public var kind: MessageKind
    public var round: EventID
    public var due: Date
    /// What the message threads onto, as the planner would thread it (nil: a new thread).
    public var thread: ThreadParent?

    public init(kind: MessageKind, round: EventID, due: Date, thread: ThreadParent? = nil) {
        self.kind = kind
        self.round = round
        self.due = due
        self.thread = thread
    }
}

/// Why an exception message cannot be queued; fuctl prints `description`.
public enum ExceptionRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownTimeZone(String)
    case noRound
    case applicationClosed(Outcome)
    case noContact
    case recipientUndeliverable
    case roundClosed(ReplyClass)
    case capReached
    case noThankYouYet
    case alreadySentNewsThisRound
    case alreadyQueued(MessageKind)
    case noRejection
    case alreadyRepliedToRejection

    public var description: String {
        switch self {
        case .unknownTimeZone(let id): return "the application's time zone \"\(id)\" is unknown"
        case .noRound: return "no interview or event recorded yet"
        case .applicationClosed(let o): return "the application is closed (\(o.rawValue))"
        case .noContact: return "the application has no contact"
        case .recipientUndeliverable: return "the contact's address bounced"
        case .roundClosed(let c): return "a reply (\(c.rawValue)) closed this round"
        case .capReached: return "the follow-up cap for this round is reached"
        case .noThankYouYet: return "news may only follow the thank-you"
        case .alreadySentNewsThisRound: return "news was already sent this round"
        case .alreadyQueued(let k): return "a \(k.rawValue) draft is already waiting"
        case .noRejection: return "no rejection was received this round"
        case .alreadyRepliedToRejection: return "the rejection was already answered"
        }
    }
}

/// POLICY.md's "Exceptions (user-triggered)": each returns the step to queue or why not.
public enum Exceptions {
    /// Real new information: after the thank-you, once per round, within the cap;
    /// it takes the next check-in's place.
    public static func news(history: ApplicationHistory, settings: PolicySettings,
                            now: Date) -> Result<DueStep, ExceptionRefusal> {
        followUp(.news, history: history, settings: settings, now: now) { f in
            if f.deliveredCount(.news) > 0 { return .alreadySentNewsThisRound }
            let timeline = Timeline.compute(f)
            if f.deliveredCount(.thankYou) == 0 && !timeline.thankYouDropped { return .noThankYouYet }
            return nil
        }
    }

    /// Another offer exists: any time, within the gap and the cap.
    public static func competingOffer(history: ApplicationHistory, settings: PolicySettings,
                                      now: Date) -> Result<DueStep, ExceptionRefusal> {
        followUp(.competingOffer, history: history, settings: settings, now: now) { _ in nil }
    }

    /// The answer to a rejection: once, exempt from the cap and the gap.
    public static func rejectionReply(history: ApplicationHistory, settings: PolicySettings,
                                      now: Date) -> Result<DueStep, ExceptionRefusal> {
        let f: RoundFacts
        switch facts(history, settings, now, kind: .rejectionReply) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let facts): f = facts
        }
        guard let rejection = f.rejection else { return .failure(.noRejection) }
        guard f.deliveredCount(.rejectionReply) == 0 else { return .failure(.alreadyRepliedToRejection) }
        guard f.currentDrafts(of: .rejectionReply).isEmpty else { return .failure(.alreadyQueued(.rejectionReply)) }
        return .success(DueStep(kind: .rejectionReply, round: f.round, due: f.due(max(now, rejection.receivedAt)),
                                thread: Planner.thread(for: .rejectionReply, f)))
    }

    private static func followUp(_ kind: MessageKind, history: ApplicationHistory, settings: PolicySettings,
                                 now: Date, extra: (RoundFacts) -> ExceptionRefusal?) -> Result<DueStep, ExceptionRefusal> {
        let f: RoundFacts
        switch facts(history, settings, now, kind: kind) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let facts): f = facts
        }
        if let closing = f.closingReply { return .failure(.roundClosed(closing.replyClass)) }
        if let refusal = extra(f) { return .failure(refusal) }
        // The user's own follow-ups: the scheduled ones are the timeline's to count.
        let queued = MessageKind.allCases.filter { $0.isFollowUp && !$0.isScheduled }
            .flatMap { f.currentDrafts(of: $0).filter { $0.state.isPending } }
        if queued.contains(where: { $0.kind == kind }) { return .failure(.alreadyQueued(kind)) }
        if f.deliveredFollowUps.count + queued.count >= settings.maxFollowups { return .failure(.capReached) }
        return .success(DueStep(kind: kind, round: f.round, due: f.due(now, holds: f.gapFloor(), f.awayUntil),
                                thread: Planner.thread(for: kind, f)))
    }

    private static func facts(_ history: ApplicationHistory, _ settings: PolicySettings, _ now: Date,
                              kind: MessageKind) -> Result<RoundFacts, ExceptionRefusal> {
        guard let calendar = try? ZonedCalendar(for: history.application,
                                                window: settings.sendWindow) else {
            return .failure(.unknownTimeZone(history.application.timeZone))
        }
        guard let f = RoundFacts(history: history, settings: settings, calendar: calendar, now: now) else {
            return .failure(.noRound)
        }
        if let outcome = f.closingOutcome(for: kind) { return .failure(.applicationClosed(outcome)) }
        guard let contact = history.application.primaryContact else { return .failure(.noContact) }
        if f.isUndeliverable(contact.email) { return .failure(.recipientUndeliverable) }
        return .success(f)
    }
}
