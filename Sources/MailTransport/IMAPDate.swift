import Foundation

/// IMAP's date formats (RFC 3501): `date` for SEARCH SINCE and `date-time`
/// for INTERNALDATE. Fixed English month names, whatever the locale.
enum IMAPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `1-Feb-2026`, the UTC day of `date`.
    static func searchDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.day!)-\(months[parts.month! - 1])-\(parts.year!)"
    }

    /// Parses `"21-Nov-2026 21:58:46 +0000"` (the day may be space-padded).
    static func parseDateTime(_ text: String) -> Date? {
        let fields = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard fields.count == 3 else { return nil }
        let day = fields[0].split(separator: "-")
        let time = fields[1].split(separator: ":")
        let zone = fields[2]
        guard day.count == 3, time.count == 3, zone.count == 5,
              let month = months.firstIndex(of: String(day[1])),
              let d = Int(day[0]), let y = Int(day[2]),
              let h = Int(time[0]), let m = Int(time[1]), let s = Int(time[2]),
              let zh = Int(zone.dropFirst().prefix(2)), let zm = Int(zone.suffix(2)),
              zone.first == "+" || zone.first == "-"
        else { return nil }
        let offset = (zh * 3600 + zm * 60) * (zone.first == "-" ? -1 : 1)
        guard let timeZone = TimeZone(secondsFromGMT: offset) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: y, month: month + 1, day: d,
                                                  hour: h, minute: m, second: s))
    }
}
