import Foundation
import FollowUpCore

/// Calendar days counted from 1970-01-01, so day arithmetic never meets a
/// time zone or a daylight-saving change.
struct CivilDay: Comparable {
    let number: Int

    init(number: Int) { self.number = number }

    init(_ date: LocalDate) { number = date.daysSinceEpoch }

    /// The day `instant` falls on in `zone`.
    init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        // A Gregorian calendar always yields all three; 1970-01-01 stands in for the impossible.
        self.init(LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1))
    }

    var localDate: LocalDate { LocalDate(daysSinceEpoch: number) }

    /// ISO weekday: 1 Monday … 7 Sunday (`LocalDate` counts from Sunday).
    var weekday: Int { (localDate.weekday + 5) % 7 + 1 }

    func adding(days: Int) -> CivilDay { CivilDay(number: number + days) }

    /// Weekdays only, for "in 3 business days".
    func adding(businessDays: Int) -> CivilDay {
        var day = self
        var left = businessDays
        while left > 0 {
            day = day.adding(days: 1)
            if day.weekday <= 5 { left -= 1 }
        }
        return day
    }

    /// Same day of month `months` later, clamped to the month's last day.
    func adding(months: Int) -> CivilDay {
        let date = localDate
        let index = date.year * 12 + (date.month - 1) + months
        let year = index / 12, month = index % 12 + 1
        return CivilDay(LocalDate(year: year, month: month, day: min(date.day, CivilDay.lastDay(year: year, month: month))))
    }

    /// The date, or nil when it does not exist (February 30).
    static func valid(year: Int, month: Int, day: Int) -> CivilDay? {
        guard (1...12).contains(month), day >= 1, day <= lastDay(year: year, month: month) else { return nil }
        return CivilDay(LocalDate(year: year, month: month, day: day))
    }

    static func lastDay(year: Int, month: Int) -> Int { LocalDate.daysIn(month: month, year: year) }

    static func < (a: CivilDay, b: CivilDay) -> Bool { a.number < b.number }
}
