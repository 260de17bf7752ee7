import Foundation

// The outbox's rules that are not the gate's: the order approved drafts go
// in, when a refused one is tried again, what an SMTP attempt makes of a
// draft, and when a pending draft would go out. Pure: the daemon and fuctl
// both call these, so what fuctl says is what the daemon does.

/// What one SMTP attempt came to, typed: the store records it, the daemon logs
/// it, the draft's next state follows from it.
public enum SendAttemptOutcome: Hashable, Sendable {
    /// The server accepted the final dot.
    case sent
    /// Refused before the final dot, temporarily (4xx, or the connection
    /// failed before DATA): tried again later.
    case notSentRetryable(error: String)
    /// Refused before the final dot for good (5xx), or not a message at all.
    case notSentPermanent(error: String)
    /// The connection failed after the final dot went: maybe delivered.
    case unknown(error: String)

    /// The draft's state after the attempt.
    public var draftState: DraftState {
        switch self {
        case .sent: .sent
        case .notSentRetryable: .notSentRetryable
        case .notSentPermanent: .notSentPermanent
        case .unknown: .unknown
        }
    }

    /// How the attempt is recorded.
    public var recorded: SendAttempt.Outcome {
        switch self {
        case .sent: .sent
        case .notSentRetryable: .notSentRetryable
        case .notSentPermanent: .notSentPermanent
        case .unknown: .unknown
        }
    }

    public var error: String? {
        switch self {
        case .sent: nil
        case .notSentRetryable(let e), .notSentPermanent(let e), .unknown(let e): e
        }
    }
}

/// One hand-over to SMTP, as recorded. Error texts carry no secret.
public struct SendAttempt: Hashable, Sendable {
    public var at: Date
    public var outcome: Outcome
    public var messageID: String
    public var error: String?

    /// What the store records of an attempt; the raw values are the database's.
    public enum Outcome: String, Hashable, Sendable, CaseIterable {
        case sent
        case notSentRetryable = "not-sent-retryable"
        case notSentPermanent = "not-sent-permanent"
        case unknown
        /// The process ended while the attempt was in flight (found at start-up).
        case interrupted

        /// What the user needs to know: it went, it did not, or it may have.
        public var verdict: String {
            switch self {
            case .sent: "sent"
            case .notSentRetryable, .notSentPermanent: "not-sent"
            case .unknown, .interrupted: "unknown"
            }
        }
    }

    public init(at: Date, outcome: Outcome, messageID: String, error: String? = nil) {
        self.at = at
        self.outcome = outcome
        self.messageID = messageID
        self.error = error
    }
}

public enum SendQueue {
    /// The approved drafts due at `now`, in the order they go: a thank-you
    /// first, since sent second it would be held by the gap and then dropped;
    /// then by due time and id.
    public static func order(_ drafts: [Draft], now: Date) -> [Draft] {
        drafts.filter { ($0.state == .approved || $0.state == .notSentRetryable) && $0.due <= now }
            .sorted { (rank($0), $0.due, $0.id) < (rank($1), $1.due, $1.id) }
    }

    private static func rank(_ draft: Draft) -> Int { draft.kind == .thankYou ? 0 : 1 }

    /// The first retry waits 5 minutes, each further one twice as long, up to
    /// 6 hours: a server that is down is not hammered.
    public static func retryDelay(afterFailures failures: Int) -> TimeInterval {
        guard failures > 1 else { return 300 }
        return min(6 * 3600, 300 * pow(2, Double(min(failures - 1, 20))))
    }

    /// When a draft refused temporarily may be tried again; nil when its last
    /// attempt was not a temporary refusal (nothing to wait for).
    public static func retryAt(after attempts: [SendAttempt]) -> Date? {
        guard let last = attempts.last, last.outcome == .notSentRetryable else { return nil }
        let failures = attempts.reversed().prefix { $0.outcome == .notSentRetryable }.count
        return last.at.addingTimeInterval(retryDelay(afterFailures: failures))
    }
}

/// Every draft of every application that may have reached an employer, by
/// recipient address (any case), for the one-message-a-day rule that spans
/// applications: grouped once, looked up for each draft.
public struct Deliveries: Sendable {
    private let byAddress: [String: [Draft]]

    public init(_ delivered: [Draft]) {
        byAddress = Dictionary(grouping: delivered.filter(\.state.mayHaveBeenDelivered)) { $0.recipientEmail.lowercased() }
    }

    /// The others sent, or maybe sent, to `draft`'s recipient.
    public func toSameAddress(as draft: Draft) -> [Draft] {
        (byAddress[draft.recipientEmail.lowercased()] ?? []).filter { $0.id != draft.id }
    }
}

/// When the gate would first let a pending draft go, were it approved and
/// the inbox checked just before: `fuctl queue` and `show` say this, and the
/// daemon's gate decides the same at that moment.
public enum SendForecast: Hashable, Sendable {
    case at(Date)
    /// Something other than waiting holds it: the refusals that do.
    case held([GateRefusal])

    /// Waits with an end (gap, window, decision date, return, due time) are
    /// waited out; the first refusal with no end holds the draft.
    public static func of(_ draft: Draft, history: ApplicationHistory, delivered: Deliveries,
                          settings: PolicySettings, now: Date) -> SendForecast {
        var approved = draft
        if approved.state == .drafted { approved.state = .approved }
        approved.approvedAt = approved.approvedAt ?? now
        let toSameAddress = delivered.toSameAddress(as: draft)
        var moment = max(now, draft.due)
        var refusals: [GateRefusal] = []
        // Each wait moves the moment forward; a handful covers gap, day, window
        // and decision date together.
        for _ in 0..<8 {
            let decision = Gate.check(draft: approved, history: history, sendsToSameAddress: toSameAddress,
                                      lastInboxCheck: moment, now: moment, settings: settings)
            guard case .refuse(let found) = decision else { return .at(moment) }
            refusals = found
            if let hold = found.first(where: { $0.waitsUntil == nil }) { return .held([hold]) }
            guard let next = found.compactMap(\.waitsUntil).max(), next > moment else { return .held(found) }
            moment = next
        }
        return .held(refusals)
    }
}
