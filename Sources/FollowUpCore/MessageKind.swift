/// What a message says, one per row of POLICY.md's timeline and exceptions.
///
/// Everything the policy and the programs need to know of a kind is answered
/// here, each by an exhaustive switch: a new kind is added by adding its case
/// and answering every question the compiler then asks (README, CONTRIBUTING).
public enum MessageKind: String, Codable, CaseIterable, Sendable {
    case thankYou = "thank_you"
    case checkIn = "check_in"
    case secondCheckIn = "second_check_in"
    case news
    case competingOffer = "competing_offer"
    case rejectionReply = "rejection_reply"

    /// Follow-ups are what `max_followups` caps (POLICY invariant 1).
    public var isFollowUp: Bool {
        switch self {
        case .checkIn, .secondCheckIn, .news, .competingOffer: true
        case .thankYou, .rejectionReply: false
        }
    }

    /// Its place among the round's check-in slots (0: the first check-in), if
    /// the timeline schedules it into one.
    public var checkInSlot: Int? {
        switch self {
        case .checkIn: 0
        case .secondCheckIn: 1
        case .thankYou, .news, .competingOffer, .rejectionReply: nil
        }
    }

    /// The kind the timeline schedules into check-in slot `slot`.
    public static func scheduled(inSlot slot: Int) -> MessageKind? {
        allCases.first { $0.checkInSlot == slot }
    }

    /// How many check-in slots a round has.
    public static var checkInSlots: Int { allCases.compactMap(\.checkInSlot).count }

    /// Whether a sent message of this kind fills a check-in slot: news takes
    /// the next free one and restarts the clock (POLICY: "News").
    public var fillsCheckInSlot: Bool {
        switch self {
        case .checkIn, .secondCheckIn, .news: true
        case .thankYou, .competingOffer, .rejectionReply: false
        }
    }

    /// Whether the timeline decides when it is due (and whether it still is);
    /// the others are the user's exceptions, due when queued.
    public var isScheduled: Bool {
        switch self {
        case .thankYou, .checkIn, .secondCheckIn: true
        case .news, .competingOffer, .rejectionReply: false
        }
    }

    /// Whether it waits for the business day after the decision date the
    /// interviewer named (POLICY invariant 5).
    public var waitsForDecisionDate: Bool {
        switch self {
        case .checkIn, .secondCheckIn: true
        case .thankYou, .news, .competingOffer, .rejectionReply: false
        }
    }

    /// At most one of it per round; a competing offer may be told more than once.
    public var isOncePerRound: Bool {
        switch self {
        case .thankYou, .checkIn, .secondCheckIn, .news, .rejectionReply: true
        case .competingOffer: false
        }
    }

    /// Whether the least gap applies to it and counts from it (invariant 2);
    /// the answer to a rejection is the exception.
    public var keepsTheGap: Bool {
        switch self {
        case .thankYou, .checkIn, .secondCheckIn, .news, .competingOffer: true
        case .rejectionReply: false
        }
    }

    /// Whether it may still go after `reply` closed the round: only the
    /// answer to a rejection, after a rejection.
    public func mayFollow(closingReply reply: ReplyClass) -> Bool {
        switch self {
        case .rejectionReply: reply.isRejection
        case .thankYou, .checkIn, .secondCheckIn, .news, .competingOffer: false
        }
    }

    /// Whether it may still go once the application ended with `outcome`:
    /// after an offer or a withdrawal nothing does; after a rejection or
    /// silence only the answer to the rejection.
    public func mayFollow(outcome: Outcome) -> Bool {
        switch self {
        case .rejectionReply: outcome == .rejected || outcome == .noResponse
        case .thankYou, .checkIn, .secondCheckIn, .news, .competingOffer: false
        }
    }

    /// The most words its body may have. POLICY sets thank_you 150, check_in
    /// 120, second_check_in 80; the others are ours (as a thank-you).
    public var wordLimit: Int {
        switch self {
        case .thankYou: 150
        case .checkIn: 120
        case .secondCheckIn: 80
        case .news, .competingOffer, .rejectionReply: 150
        }
    }

    /// The template file's name without `.mustache`, for a round started by an
    /// event of `event`: a thank-you after a job fair or a networking talk has
    /// its own, shorter text (POLICY: "brief thanks and interest in the position").
    public func templateStem(after event: EventKind) -> String {
        switch self {
        case .thankYou: event == .interview ? rawValue : "thank_you_job_fair"
        case .checkIn, .secondCheckIn, .news, .competingOffer, .rejectionReply: rawValue
        }
    }

    /// The kind as people read it; JSON and the database keep the raw value.
    public var words: String {
        switch self {
        case .thankYou: "thank-you"
        case .checkIn: "check-in"
        case .secondCheckIn: "second check-in"
        case .news: "news"
        case .competingOffer: "competing offer"
        case .rejectionReply: "rejection reply"
        }
    }
}
