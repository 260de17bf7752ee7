import FollowUpCore

extension MessageKind {
    /// The kind as human output says it; JSON keeps the raw value.
    var words: String {
        switch self {
        case .thankYou: return "thank-you"
        case .checkIn: return "check-in"
        case .secondCheckIn: return "second check-in"
        case .news: return "news"
        case .competingOffer: return "competing offer"
        case .rejectionReply: return "rejection reply"
        }
    }
}
