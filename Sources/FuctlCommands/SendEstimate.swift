import FollowUpCore
import FollowUpStore
import Foundation

/// When followupd's gate would first let a pending draft go: were it approved
/// and the inbox checked just before, the earliest moment from its due time on
/// that `Gate.check` says send. Waits with an end (gap, window, decision date)
/// are waited out; anything else holds the draft, and the first such refusal says why.
enum SendEstimate: Equatable {
    case at(Date)
    case held(String)

    static func of(_ draft: Draft, history: ApplicationHistory, delivered: [Draft], settings: PolicySettings,
                   now: Date) -> SendEstimate {
        var approved = draft
        if approved.state == .drafted { approved.state = .approved }
        approved.approvedAt = approved.approvedAt ?? now
        let address = draft.recipientEmail.lowercased()
        let toSameAddress = delivered.filter { $0.id != draft.id && $0.recipientEmail.lowercased() == address }
        var moment = max(now, draft.due)
        // Each wait moves the moment forward; a handful covers gap, day, window and decision date together.
        for _ in 0..<8 {
            let decision = Gate.check(draft: approved, history: history, sendsToSameAddress: toSameAddress,
                                      lastInboxCheck: moment, now: moment, settings: settings)
            guard case .refuse(let refusals) = decision else { return .at(moment) }
            if let hold = refusals.first(where: { $0.waitsUntil == nil }) { return .held(hold.description) }
            guard let next = refusals.compactMap(\.waitsUntil).max(), next > moment else {
                return .held(refusals.map(\.description).joined(separator: "; "))
            }
            moment = next
        }
        return .held("the policy keeps finding a later moment")
    }

    /// "Wed 13 Jan 11:00 (in 23 hours)" or "held: why".
    func text(_ times: TimeText) -> String {
        switch self {
        case .at(let date): return times.human(date)
        case .held(let why): return "held: \(why)"
        }
    }

    static func delivered(in store: Store) throws -> [Draft] {
        try store.drafts(in: [.sending, .sent, .unknown])
    }
}

extension GateRefusal {
    /// The moment a refusal that only asks to wait ends; nil for one that holds.
    var waitsUntil: Date? {
        switch self {
        case .gap(let until), .onePerDayPerAddress(let until), .recipientAway(let until): return until
        case .beforeDecisionDate(let opens): return opens
        case .notDueYet(let due): return due
        case .outsideSendWindow(let next): return next
        default: return nil
        }
    }
}
