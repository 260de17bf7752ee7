import Foundation
import FollowUpCore

/// Durations as the config writes them: "90s", "5m", "24h", "7d", "1h30m".
/// Units go from largest to smallest, each at most once; "d" is 24 elapsed hours.
public enum ConfigDuration {
    private static let units: [(Character, TimeInterval)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// Seconds, or nil when `text` is not a duration.
    public static func parse(_ text: String) -> TimeInterval? {
        var total: TimeInterval = 0
        var digits = ""
        var nextUnit = 0
        var sawUnit = false
        for c in text {
            if c.isASCII, c.isNumber {
                digits.append(c)
                continue
            }
            guard !digits.isEmpty, let n = Int(digits),
                  let i = units[nextUnit...].firstIndex(where: { $0.0 == c }) else { return nil }
            total += TimeInterval(n) * units[i].1
            digits = ""
            nextUnit = i + 1
            sawUnit = true
        }
        return digits.isEmpty && sawUnit ? total : nil
    }

    /// Hours, minutes and seconds only: the config's hours are elapsed time,
    /// and printing 72h as "3d" would read like calendar days.
    public static func format(_ interval: TimeInterval) -> String {
        PolicySettings.text(interval)
    }
}
