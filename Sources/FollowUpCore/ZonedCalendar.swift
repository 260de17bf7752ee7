import Foundation
import CivilCalendar

/// Local-time arithmetic in one application's time zone, with its send window.
///
/// Local dates and times of day are turned into instants by `instant(on:minute:)`,
/// which settles daylight-saving edge cases one way, everywhere:
/// - a local time that does not exist (the hour skipped in spring) is read with
///   the offset in force before the change, so it lands as far after the gap as
///   it was into it: 02:30 on a New York spring-forward day is 03:30 EDT;
/// - a local time that happens twice (the hour repeated in autumn) is the
///   earlier of the two instants.
public struct ZonedCalendar: Sendable {
    public let timeZone: TimeZone
    public let window: SendWindow
    /// Where the window stays closed on public holidays; nil: no holidays.
    public let holidays: HolidayPlace?

    /// The calendar of an application: its zone, and its place's holidays.
    public init(for application: Application, window: SendWindow) throws(PolicyError) {
        try self.init(timeZoneIdentifier: application.timeZone, window: window, holidays: application.holidayPlace)
    }

    public init(timeZoneIdentifier: String, window: SendWindow, holidays: HolidayPlace? = nil) throws(PolicyError) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else {
            throw .unknownTimeZone(timeZoneIdentifier)
        }
        // Window-day searches loop until they meet a window day: there must be one.
        guard window.weekdays.contains(where: (1...7).contains) else { throw .emptySendWindow }
        self.timeZone = zone
        self.window = window
        self.holidays = holidays
    }

    /// The window opens that day: one of its weekdays, and no public holiday.
    public func isWindowDay(_ date: LocalDate) -> Bool {
        window.weekdays.contains(date.weekday) && holiday(on: date) == nil
    }

    /// The public holiday on `date` that closes the window, if any.
    public func holiday(on date: LocalDate) -> String? {
        holidays.flatMap { PublicHolidays.name(on: date, in: $0) }
    }

    // MARK: wall clock <-> instant

    /// The local calendar day an instant falls on, and the seconds since local midnight.
    public func local(_ instant: Date) -> (date: LocalDate, secondOfDay: Int) {
        let wall = instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
        let days = (wall / 86400).rounded(.down)
        return (LocalDate(daysSinceEpoch: Int(days)), Int(wall - days * 86400))
    }

    /// The instant at `minute` minutes after local midnight of `date` (1440 = next midnight).
    public func instant(on date: LocalDate, minute: Int) -> Date {
        instant(on: date, second: minute * 60)
    }

    func instant(on date: LocalDate, second: Int) -> Date {
        let wall = Double(date.daysSinceEpoch * 86400 + second)
        // Real zones change offset at most once within a day either side.
        let before = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - 86400))
        let after = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + 86400))
        let candidates = Set([before, after]).map { wall - Double($0) }.filter {
            Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: $0))) == wall - $0
        }
        guard let earliest = candidates.min() else {
            return Date(timeIntervalSince1970: wall - Double(before)) // in a gap: see the type's comment
        }
        return Date(timeIntervalSince1970: earliest)
    }

    // MARK: the rules of "How time is counted"

    /// "Days" are calendar days keeping the local time of day: one week after
    /// Friday 16:00 is the next Friday 16:00, across a daylight-saving change too.
    public func adding(days: Int, to instant: Date) -> Date {
        let (date, second) = local(instant)
        return self.instant(on: date.adding(days: days), second: second)
    }

    public func isInsideWindow(_ instant: Date) -> Bool {
        let (date, _) = local(instant)
        guard isWindowDay(date) else { return false }
        return opening(on: date) <= instant && instant < closing(on: date)
    }

    /// The first send-window moment at or after `instant` (the window is half-open).
    public func firstWindowMoment(atOrAfter instant: Date) -> Date {
        var day = local(instant).date
        while true {
            if isWindowDay(day) {
                let open = opening(on: day)
                if instant < open { return open }
                if instant < closing(on: day) { return instant }
            }
            day = day.adding(days: 1)
        }
    }

    /// "The business day after D": the window's opening on the first window day
    /// after `date` that is not a public holiday.
    public func businessDayOpening(after date: LocalDate) -> Date {
        windowOpening(onOrAfter: date.adding(days: 1))
    }

    /// The window's opening on `date`, or on the first window day after it.
    public func windowOpening(onOrAfter date: LocalDate) -> Date {
        var day = date
        while !isWindowDay(day) { day = day.adding(days: 1) }
        return opening(on: day)
    }

    private func opening(on date: LocalDate) -> Date { instant(on: date, minute: window.opens) }
    private func closing(on date: LocalDate) -> Date { instant(on: date, minute: window.closes) }
}

/// Why a policy computation could not start.
public enum PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownTimeZone(String)
    case emptySendWindow

    public var description: String {
        switch self {
        case .unknownTimeZone(let id): return "unknown time zone \"\(id)\" (use an IANA name like Europe/Berlin)"
        case .emptySendWindow: return "the send window has no days"
        }
    }
}

extension LocalDate {
    /// Days since 1970-01-01 (proleptic Gregorian), exact integer arithmetic.
    public var daysSinceEpoch: Int { CivilCalendar.days(year: year, month: month, day: day) }

    public init(daysSinceEpoch: Int) {
        let (y, m, d) = CivilCalendar.civil(fromDays: daysSinceEpoch)
        self.init(year: y, month: m, day: d)
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// 1 = Sunday … 7 = Saturday, as `SendWindow` numbers them.
    public var weekday: Int {
        CivilCalendar.weekdayFromSunday(days: daysSinceEpoch) + 1
    }
}
