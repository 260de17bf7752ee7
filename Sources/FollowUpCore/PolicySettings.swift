import Foundation

/// The configurable numbers of POLICY.md and the daemon's timing, within the
/// bounds allowed. Built only through `init`, which rejects values the policy
/// forbids. These bounds are the only ones: the config parser, the sample
/// config's test and fuctl all read them from here.
public struct PolicySettings: Hashable, Sendable {
    /// Follow-ups per round (POLICY invariant 1).
    public let maxFollowups: Int
    /// Least time between two messages of one application (invariant 2).
    public let minGap: TimeInterval
    public let sendWindow: SendWindow
    /// Whether a rejection_reply asks for feedback (rendering reads it).
    public let askForFeedback: Bool
    /// How recent the last successful inbox check must be before a send (invariant 4).
    public let freshCheck: TimeInterval
    /// How far ahead of its due time a draft is queued for approval.
    public let draftLead: TimeInterval
    /// How often the daemon wakes to check the inbox.
    public let pollInterval: TimeInterval

    /// One configurable number, for errors that must name what was wrong.
    public enum Setting: String, CaseIterable, Sendable {
        case maxFollowups = "max_followups", minGap = "min_gap", sendWindow = "send_window"
        case freshCheck = "fresh_check", draftLead = "draft_lead", pollInterval = "poll_interval"
    }

    /// What each setting may be.
    public enum Bounds {
        public static let maxFollowups = 0...3
        /// May only be raised: 72 h is the policy's least gap.
        public static let minGap: PartialRangeFrom<TimeInterval> = (72 * 3600)...
        public static let freshCheck: ClosedRange<TimeInterval> = 60...3600
        public static let draftLead: ClosedRange<TimeInterval> = 0...(7 * 86_400)
        public static let pollInterval: ClosedRange<TimeInterval> = 30...86_400
    }

    public enum Defaults {
        public static let maxFollowups = 2
        public static let minGap: TimeInterval = 72 * 3600
        public static let freshCheck: TimeInterval = 10 * 60
        public static let draftLead: TimeInterval = 24 * 3600
        public static let pollInterval: TimeInterval = 5 * 60
    }

    public init(maxFollowups: Int = Defaults.maxFollowups, minGap: TimeInterval = Defaults.minGap,
                sendWindow: SendWindow = .standard, askForFeedback: Bool = true,
                freshCheck: TimeInterval = Defaults.freshCheck, draftLead: TimeInterval = Defaults.draftLead,
                pollInterval: TimeInterval = Defaults.pollInterval) throws(SettingsError) {
        guard Bounds.maxFollowups.contains(maxFollowups) else {
            throw SettingsError(.maxFollowups, "must be between 0 and 3, found \(maxFollowups)")
        }
        guard Bounds.minGap.contains(minGap) else {
            throw SettingsError(.minGap, "may only be raised above \(Self.text(Bounds.minGap.lowerBound)), found \(Self.text(minGap))")
        }
        guard !sendWindow.weekdays.isEmpty, sendWindow.weekdays.allSatisfy((1...7).contains) else {
            throw SettingsError(.sendWindow, "needs at least one day, Sunday (1) to Saturday (7)")
        }
        guard 0 <= sendWindow.opens, sendWindow.opens < sendWindow.closes, sendWindow.closes <= 24 * 60 else {
            throw SettingsError(.sendWindow, "must open before it closes, within one day")
        }
        for (setting, value, range) in [(Setting.freshCheck, freshCheck, Bounds.freshCheck),
                                        (.draftLead, draftLead, Bounds.draftLead),
                                        (.pollInterval, pollInterval, Bounds.pollInterval)]
        where !range.contains(value) {
            throw SettingsError(setting, "must be between \(Self.text(range.lowerBound)) and \(Self.text(range.upperBound)), found \(Self.text(value))")
        }
        self.maxFollowups = maxFollowups
        self.minGap = minGap
        self.sendWindow = sendWindow
        self.askForFeedback = askForFeedback
        self.freshCheck = freshCheck
        self.draftLead = draftLead
        self.pollInterval = pollInterval
    }

    /// Hours, minutes and seconds, as the config writes durations ("168h", "1h30m", "0s").
    public static func text(_ interval: TimeInterval) -> String {
        var rest = Int(interval.rounded())
        if rest == 0 { return "0s" }
        let sign = rest < 0 ? "-" : ""
        rest = abs(rest)
        var out = sign
        for (unit, seconds) in [("h", 3600), ("m", 60), ("s", 1)] where rest >= seconds {
            out += "\(rest / seconds)\(unit)"
            rest %= seconds
        }
        return out
    }
}

/// A setting outside what POLICY.md allows: which one, and the bound it broke.
public struct SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    public var setting: PolicySettings.Setting
    /// The bound and the value found, without the setting's name.
    public var message: String

    public init(_ setting: PolicySettings.Setting, _ message: String) {
        self.setting = setting
        self.message = message
    }

    public var description: String { "\(setting.rawValue): \(message)" }
}
