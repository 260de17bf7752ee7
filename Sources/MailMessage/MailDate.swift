import Foundation
import CivilCalendar

/// A moment with the zone offset it was written in, as in a `Date:` header.
public struct MailDate: Hashable, Sendable {
    public var date: Date
    /// Seconds east of UTC.
    public var utcOffsetSeconds: Int

    public init(date: Date, utcOffsetSeconds: Int) {
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The wall-clock fields in the message's own zone.
    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let (days, secondOfDay) = localDay
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        return (y, m, d, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60)
    }

    /// Days since 1970-01-01 and seconds into that day, on the message's own wall clock.
    private var localDay: (days: Int, secondOfDay: Int) {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffsetSeconds
        let days = Int((Double(local) / 86_400).rounded(.down))
        return (days, local - days * 86_400)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 5322 date-time, e.g. "Sat, 21 Nov 2026 21:56:45 +0100".
    public var rfc5322: String {
        let c = components
        let days = localDay.days
        let weekday = Self.weekdays[CivilCalendar.weekdayFromSunday(days: days)]
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let offset = abs(utcOffsetSeconds) / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekday), \(c.day) \(Self.months[c.month - 1]) \(c.year) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) "
            + "\(sign)\(two(offset / 60))\(two(offset % 60))"
    }
}
