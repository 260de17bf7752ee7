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
///   (so "early January" written in December is next year's);
/// - "in N days/weeks/months" counts calendar days from the reply day.
struct ReplyDates {
    let today: CivilDay

    init(written: Date, timeZone: TimeZone) {
        today = CivilDay(written, in: timeZone)
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
    func next(month: Int, day: Int, year: Int?) -> CivilDay? {
        if let year { return CivilDay.valid(year: year, month: month, day: day) }
        let thisYear = today.localDate.year
        for candidateYear in thisYear...(thisYear + 8) {
            if let day = CivilDay.valid(year: candidateYear, month: month, day: day), day >= today { return day }
        }
        return nil
    }

    /// The period of a month ("early", "mid", "late", none) as its last day.
    func next(month: Int, period: String?, year: Int?) -> CivilDay? {
        let day: (Int, Int) -> Int = { year, month in
            switch period {
            case let p? where p.hasPrefix("early") || p.contains("beginning") || p.contains("start"): return 10
            case let p? where p.hasPrefix("mid") || p.contains("middle"): return 20
            default: return CivilDay.lastDay(year: year, month: month)
            }
        }
        if let year { return CivilDay.valid(year: year, month: month, day: day(year, month)) }
        let thisYear = today.localDate.year
        return [thisYear, thisYear + 1].lazy
            .compactMap { CivilDay.valid(year: $0, month: month, day: day($0, month)) }
            .first { $0 >= today }
    }

    /// The next `weekday` strictly after today; `following` moves it into next week.
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
