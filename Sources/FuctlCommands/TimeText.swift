import Foundation

/// Times as people read them: in the user's zone, with how far away they are.
struct TimeText {
    let zone: TimeZone
    let now: Date

    init(zoneIdentifier: String, now: Date) {
        self.zone = TimeZone(identifier: zoneIdentifier) ?? TimeZone(secondsFromGMT: 0)!
        self.now = now
    }

    /// "Tue 19 Jan 11:00 (in 2 days)"; the year is shown when it is not this year's.
    func human(_ date: Date) -> String {
        "\(wall(date)) (\(relative(date)))"
    }

    /// "Tue 19 Jan 11:00" without the hint.
    func wall(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let sameYear = calendar.component(.year, from: date) == calendar.component(.year, from: now)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = sameYear ? "EEE d MMM HH:mm" : "EEE d MMM yyyy HH:mm"
        return formatter.string(from: date)
    }

    /// "in 2 days", "3 hours ago", "now": elapsed time, in its largest whole unit.
    func relative(_ date: Date) -> String {
        let seconds = date.timeIntervalSince(now)
        let magnitude = abs(seconds)
        let (count, unit): (Int, String) = switch magnitude {
        case ..<60: (0, "")
        case ..<3600: (Int(magnitude / 60), "minute")
        case ..<86_400: (Int(magnitude / 3600), "hour")
        default: (Int(magnitude / 86_400), "day")
        }
        if count == 0 { return "now" }
        let amount = "\(count) \(unit)\(count == 1 ? "" : "s")"
        return seconds > 0 ? "in \(amount)" : "\(amount) ago"
    }
}

/// ISO 8601 in UTC, as the JSON output writes times.
func isoUTC(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(secondsFromGMT: 0)
    return formatter.string(from: date)
}
