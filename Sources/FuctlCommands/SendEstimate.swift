import FollowUpCore
import FollowUpStore
import Foundation

/// fuctl's words for the core's `SendForecast`: what the daemon's gate will do.
extension SendForecast {
    /// What may have reached the recipients of `drafts`, whatever application it was for.
    static func delivered(in store: Store, to drafts: [Draft]) throws -> Deliveries {
        Deliveries(try store.delivered(to: drafts.map(\.recipientEmail)))
    }

    /// Why it is held, in one line.
    var heldBy: String? {
        guard case .held(let refusals) = self else { return nil }
        return refusals.map(\.description).joined(separator: "; ")
    }

    /// "Wed 13 Jan 11:00 (in 23 hours)" or "held: why".
    func text(_ times: TimeText) -> String {
        switch self {
        case .at(let date): times.human(date)
        case .held: "held: \(heldBy ?? "")"
        }
    }
}
