/// What an employer's message (or a phone call the user recorded) means.
///
/// Everything the policy does with a class of reply is answered here, each by
/// an exhaustive switch: a new class is added by adding its case and
/// answering every question the compiler then asks (README, CONTRIBUTING).
public enum ReplyClass: String, Codable, CaseIterable, Sendable {
    case rejection
    case needMoreTime = "need-more-time"
    case nextStep = "next-step"
    case autoReply = "auto-reply"
    case bounce
    case unclear
    /// The user said a recorded message is no reply (bulk mail read as one):
    /// it counts for nothing, as if it had never been recorded.
    case notAReply = "not-a-reply"

    /// Whether a person wrote it (or it stands for one): only these cancel the
    /// drafts made before them (POLICY: "Replies from the employer").
    public var isFromAPerson: Bool {
        switch self {
        case .rejection, .needMoreTime, .nextStep, .bounce, .unclear: true
        case .autoReply, .notAReply: false
        }
    }

    /// Whether it ends the round's follow-ups: anything a person wrote except
    /// "we need more time", which allows one more (003). A bounce closes it too:
    /// there is no one to write to.
    public var closesTheRound: Bool {
        switch self {
        case .rejection, .nextStep, .bounce, .unclear: true
        case .needMoreTime, .autoReply, .notAReply: false
        }
    }

    /// A rejection is answered (rejection_reply) and may cancel a round
    /// recorded before it took place.
    public var isRejection: Bool {
        switch self {
        case .rejection: true
        case .needMoreTime, .nextStep, .autoReply, .bounce, .unclear, .notAReply: false
        }
    }

    /// Whether its `until` date is a return from absence: no follow-up before then.
    public var holdsUntilReturn: Bool {
        switch self {
        case .autoReply: true
        case .rejection, .needMoreTime, .nextStep, .bounce, .unclear, .notAReply: false
        }
    }

    /// Whether it says the address it names cannot receive mail.
    public var marksUndeliverable: Bool {
        switch self {
        case .bounce: true
        case .rejection, .needMoreTime, .nextStep, .autoReply, .unclear, .notAReply: false
        }
    }

    /// Whether its `until` is a date they named for their decision.
    public var namesADate: Bool {
        switch self {
        case .needMoreTime: true
        case .rejection, .nextStep, .autoReply, .bounce, .unclear, .notAReply: false
        }
    }

    /// Whether the user may record it for a reply that came another way (a
    /// phone call); the others are what only mail carries.
    public var canBeReportedByHand: Bool {
        switch self {
        case .rejection, .nextStep, .needMoreTime: true
        case .autoReply, .bounce, .unclear, .notAReply: false
        }
    }

    /// The reply as people read it: "closed by …".
    public var words: String {
        switch self {
        case .rejection: "a rejection"
        case .needMoreTime: "a request for more time"
        case .nextStep: "a next step"
        case .autoReply: "an automatic reply"
        case .bounce: "a bounce"
        case .unclear: "a reply to read yourself"
        case .notAReply: "not a reply"
        }
    }

    /// What the user is told it does to the round.
    public var effect: String {
        switch self {
        case .rejection:
            "pending drafts will be cancelled and the round closed; a rejection reply will be drafted for your approval"
        case .nextStep:
            "pending drafts will be cancelled and the round closed; record the next interview with fuctl event"
        case .needMoreTime:
            "pending check-ins will be cancelled; one follow-up becomes due when they said, then no more"
        case .autoReply:
            "follow-ups wait until the date it names"
        case .bounce:
            "the address is marked undeliverable; nothing more is sent to it"
        case .unclear:
            "pending drafts will be cancelled and the round closed; read it and decide yourself"
        case .notAReply:
            "it counts for nothing: the follow-ups go on as if it had never come (a draft it cancelled is drafted anew, for your approval)"
        }
    }
}
