import FollowUpCore

/// One template file per message kind; a thank-you after a job fair or a
/// networking conversation has its own, shorter text (POLICY: "brief thanks
/// and interest in the position"). The file is `<rawValue>.mustache`.
public enum TemplateName: String, CaseIterable, Hashable, Sendable {
    case thankYou = "thank_you"
    case thankYouJobFair = "thank_you_job_fair"
    case checkIn = "check_in"
    case secondCheckIn = "second_check_in"
    case news
    case competingOffer = "competing_offer"
    /// Asking for feedback is a section of this template (`ask_for_feedback`).
    case rejectionReply = "rejection_reply"

    public var fileName: String { rawValue + ".mustache" }

    /// The template that renders `kind` for a round started by an event of `event`.
    public init(kind: MessageKind, event: EventKind) {
        switch kind {
        case .thankYou: self = event == .interview ? .thankYou : .thankYouJobFair
        case .checkIn: self = .checkIn
        case .secondCheckIn: self = .secondCheckIn
        case .news: self = .news
        case .competingOffer: self = .competingOffer
        case .rejectionReply: self = .rejectionReply
        }
    }
}
