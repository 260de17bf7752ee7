import Foundation

/// The configurable numbers of POLICY.md, within the bounds it allows.
/// Built only through `init`, which rejects values the policy forbids.
public struct PolicySettings: Hashable, Sendable {
    /// Follow-ups per round (POLICY invariant 1): 0–3.
    public let maxFollowups: Int
    /// Least time between two messages of one application (invariant 2); never below 72 h.
    public let minGap: TimeInterval
    public let sendWindow: SendWindow
    /// Whether a rejection_reply asks for feedback (rendering reads it).
    public let askForFeedback: Bool
    /// How recent the last successful inbox check must be before a send (invariant 4).
    public let freshCheck: TimeInterval
    /// How far ahead of its due time a draft is queued for approval.
    public let draftLead: TimeInterval

    public static let allowedFollowups = 0...3
    public static let leastGap: TimeInterval = 72 * 3600

    public init(maxFollowups: Int = 2, minGap: TimeInterval = PolicySettings.leastGap,
                sendWindow: SendWindow = .standard, askForFeedback: Bool = true,
                freshCheck: TimeInterval = 10 * 60, draftLead: TimeInterval = 24 * 3600) throws(SettingsError) {
        guard Self.allowedFollowups.contains(maxFollowups) else {
            throw SettingsError(description: "max_followups must be 0 to 3, not \(maxFollowups)")
        }
        guard minGap >= Self.leastGap else {
            throw SettingsError(description: "min_gap may only be raised above 72 h, not set to \(Self.hours(minGap))")
        }
        guard !sendWindow.weekdays.isEmpty, sendWindow.weekdays.allSatisfy((1...7).contains) else {
            throw SettingsError(description: "the send window needs at least one day, Sunday (1) to Saturday (7)")
        }
        guard 0 <= sendWindow.opens, sendWindow.opens < sendWindow.closes, sendWindow.closes <= 24 * 60 else {
            throw SettingsError(description: "the send window must open before it closes, within one day")
        }
        guard freshCheck > 0, freshCheck <= 60 * 60 else {
            throw SettingsError(description: "fresh_check must be more than 0 and at most 1 h, not \(Self.hours(freshCheck))")
        }
        guard draftLead >= 0, draftLead <= 7 * 24 * 3600 else {
            throw SettingsError(description: "draft_lead must be 0 to 7 days, not \(Self.hours(draftLead))")
        }
        self.maxFollowups = maxFollowups
        self.minGap = minGap
        self.sendWindow = sendWindow
        self.askForFeedback = askForFeedback
        self.freshCheck = freshCheck
        self.draftLead = draftLead
    }

    private static func hours(_ t: TimeInterval) -> String {
        String(format: "%.2f h", t / 3600)
    }
}

/// A setting outside what POLICY.md allows; the description names the key and the bound.
public struct SettingsError: Error, Equatable, CustomStringConvertible {
    public var description: String
}
