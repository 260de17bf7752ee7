import Foundation
import FollowUpCore

/// Reads the dates a reply names ("by Friday", "early December", "in two
/// weeks", "December 18", "on the 3rd") as calendar days, relative to the day
/// the reply was written in the application's time zone (POLICY.md "How time
/// is counted").
///
/// Readings, each chosen so that a vague phrase lands late rather than early:
/// - a weekday is the next such day strictly after the reply; "next Friday" is
///   the Friday of the following week;
/// - "this week" / "end of the week" is this week's Friday, "next week" next week's Friday;
/// - "early/mid/late <month>" is its 10th / 20th / last day; a bare month its last day;
/// - a date without a year is the next such date on or after the reply day
///   (so "early January" written in December is next year's), except that a
///   date up to 60 days back is a mention of the past and is not read at all;
/// - "in N days/weeks/months" counts calendar days from the reply day;
/// - `14.12.2026` and `14.12.` are day first; `12/14/2026` as `order` says,
///   unless one number cannot be a month; where the order is open, the later reading.
struct ReplyDates {
    let today: CivilDay
    let order: NumericDateOrder

    init(written: Date, timeZone: TimeZone, order: NumericDateOrder = .either) {
        today = CivilDay(written, in: timeZone)
        self.order = order
    }

    /// Every date named in `text` that is not before the reply day.
    func dates(in text: String) -> [LocalDate] {
        var remaining = PlainWords.normalize(text).replacingOccurrences(of: "mid-", with: "mid ")
        var found: [CivilDay] = []
        for reading in DatePhrase.all {
            for match in reading.pattern.matches(in: remaining) {
                if let day = reading.resolve(match, remaining, self) { found.append(day) }
            }
            remaining = reading.pattern.regex.stringByReplacingMatches(
                in: remaining, range: NSRange(remaining.startIndex..., in: remaining), withTemplate: " # ")
        }
        return found.filter { $0 >= today }.sorted().map(\.localDate)
    }

    /// The latest date named: the safe reading when a text names several.
    func latestDate(in text: String) -> LocalDate? { dates(in: text).last }

    // MARK: resolving

    /// The next `month`/`day` on or after today, or in `year` when one was named.
    /// A day at most `pastMentionDays` back ("since we met on November 10") is
    /// a mention of the past, not next year's date: nil.
    func next(month: Int, day: Int, year: Int?) -> CivilDay? {
        next(month: month, year: year) { year, month in CivilDay.valid(year: year, month: month, day: day) }
    }

    /// A period of a month ("early" 10th, "mid" 20th, else the last day), read like `next(month:day:year:)`.
    func next(month: Int, period: String?, year: Int?) -> CivilDay? {
        next(month: month, year: year) { year, month in
            let day: Int
            switch period {
            case let p? where p.hasPrefix("early") || p.contains("beginning") || p.contains("start"): day = 10
            case let p? where p.hasPrefix("mid") || p.contains("middle"): day = 20
            default: day = CivilDay.lastDay(year: year, month: month)
            }
            return CivilDay.valid(year: year, month: month, day: day)
        }
    }

    static let pastMentionDays = 60

    private func next(month: Int, year: Int?, day: (Int, Int) -> CivilDay?) -> CivilDay? {
        if let year { return day(year, month) }
        let thisYear = today.localDate.year
        if let recent = day(thisYear, month), recent < today, recent >= today.adding(days: -Self.pastMentionDays) {
            return nil
        }
        // Eight years always include a February 29.
        for candidateYear in thisYear...(thisYear + 8) {
            if let candidate = day(candidateYear, month), candidate >= today { return candidate }
        }
        return nil
    }

    /// `first/second/year` by the order; a two-digit year is this century's.
    /// A reading before today is no return date: the other one, if any, stands.
    func numeric(_ first: Int, _ second: Int, year: Int) -> CivilDay? {
        let year = year < 100 ? 2000 + year : year
        let ahead = { (day: CivilDay?) in day.flatMap { $0 >= today ? $0 : nil } }
        let dayFirst = ahead(CivilDay.valid(year: year, month: second, day: first))
        let monthFirst = ahead(CivilDay.valid(year: year, month: first, day: second))
        switch order {
        case .dayFirst: return dayFirst ?? monthFirst
        case .monthFirst: return monthFirst ?? dayFirst
        case .either: return [dayFirst, monthFirst].compactMap { $0 }.max()
        }
    }

    /// The next `weekday` strictly after today; `followingWeek` ("next Friday") moves it into next week.
    func next(weekday: Int, followingWeek: Bool) -> CivilDay {
        if followingWeek {
            let nextMonday = today.adding(days: 8 - today.weekday)
            return nextMonday.adding(days: weekday - 1)
        }
        let ahead = (weekday - today.weekday + 7) % 7
        return today.adding(days: ahead == 0 ? 7 : ahead)
    }

    /// This week's Friday (`weeks` 0; at the weekend, the coming one) or the Friday `weeks` later.
    func friday(weeksAhead weeks: Int) -> CivilDay {
        let fridayOfThisWeek = today.adding(days: 5 - today.weekday)
        if weeks == 0 && today.weekday > 5 { return fridayOfThisWeek.adding(days: 7) }
        return fridayOfThisWeek.adding(days: 7 * weeks)
    }

    /// The `dayOfMonth` on or after today, skipping months too short for it.
    func next(dayOfMonth: Int) -> CivilDay? {
        let start = today.localDate
        for offset in 0..<13 {
            let index = start.year * 12 + start.month - 1 + offset
            if let day = CivilDay.valid(year: index / 12, month: index % 12 + 1, day: dayOfMonth), day >= today {
                return day
            }
        }
        return nil
    }

    func endOfMonth(monthsAhead: Int, period: String?) -> CivilDay {
        let first = today.localDate
        let index = first.year * 12 + first.month - 1 + monthsAhead
        return next(month: index % 12 + 1, period: period, year: index / 12) ?? today
    }
}
