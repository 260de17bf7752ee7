import Foundation

/// One form of date phrase and how it resolves. Tried in order; each form's
/// matches are blanked before the next form runs, so "Monday, January 4" is
/// read once, as January 4.
struct DatePhrase: Sendable {
    let pattern: Pattern
    let resolve: @Sendable (NSTextCheckingResult, String, ReplyDates) -> CivilDay?
}

private let monthNames = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
private let fullMonthNames = "january|february|march|april|may|june|july|august|september|october|november|december"
private let weekdayNames = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri"
private let optionalWeekday = "(?:(?:\(weekdayNames))\\.?,? (?:the )?)?"
private let optionalYear = "(?:,? ([0-9]{4}))?"

/// Month names in German and French, for "8 décembre" and "10. Dezember".
private let otherMonthNames: [String: Int] = [
    "januar": 1, "janvier": 1, "februar": 2, "février": 2, "märz": 3, "mars": 3, "avril": 4, "mai": 5, "juni": 6, "juin": 6,
    "juli": 7, "juillet": 7, "août": 8, "septembre": 9, "oktober": 10, "octobre": 10, "dezember": 12, "décembre": 12,
    "novembre": 11,
]
private let dayMonthNames = monthNames + "|" + otherMonthNames.keys.sorted { $0.count > $1.count }.joined(separator: "|")

private func month(_ name: String?) -> Int? {
    guard let name else { return nil }
    if let other = otherMonthNames[name] { return other }
    let prefixes = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return prefixes.firstIndex { name.hasPrefix($0) }.map { $0 + 1 }
}

private func weekdayNumber(_ name: String?) -> Int? {
    guard let name else { return nil }
    return ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].firstIndex { name.hasPrefix($0) }.map { $0 + 1 }
}

/// A captured number; nil rather than a trap on anything unexpected.
private func number(_ m: NSTextCheckingResult, _ group: Int, _ t: String) -> Int? {
    m.capture(group, in: t).flatMap { Int($0) }
}

private func count(_ word: String) -> Int? {
    let words = ["a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a couple": 2,
                 "couple of": 2, "a few": 3, "few": 3, "several": 5]
    return words[word] ?? Int(word)
}

extension DatePhrase {
    static let all: [DatePhrase] = [
        // 2026-12-18
        DatePhrase(pattern: Pattern(#"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b"#)) { m, t, _ in
            guard let y = number(m, 1, t), let mo = number(m, 2, t), let d = number(m, 3, t) else { return nil }
            return CivilDay.valid(year: y, month: mo, day: d)
        },
        // 14.12.2026, 14.12.26, and 14.12. without a year: day first wherever it is written.
        DatePhrase(pattern: Pattern(#"(?<![0-9.])([0-9]{1,2})\.([0-9]{1,2})\.(?:([0-9]{4}|[0-9]{2})(?!\.?[0-9])|(?![0-9]))"#)) { m, t, r in
            guard let d = number(m, 1, t), let mo = number(m, 2, t) else { return nil }
            guard let y = number(m, 3, t) else { return r.next(month: mo, day: d, year: nil) }
            return CivilDay.valid(year: y < 100 ? 2000 + y : y, month: mo, day: d)
        },
        // 12/14/2026, 14/12/2026, 14-12-2026: the order is the writer's (`ReplyDates.order`).
        DatePhrase(pattern: Pattern(#"(?<![0-9/-])([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})(?![0-9/-])"#)) { m, t, r in
            guard let a = number(m, 1, t), let b = number(m, 3, t), let y = number(m, 4, t) else { return nil }
            return r.numeric(a, b, year: y)
        },
        // (Friday,) December 18(th)(, 2026)
        DatePhrase(pattern: Pattern("\\b\(optionalWeekday)(\(monthNames))\\.? (?:the )?([0-9]{1,2})(?:st|nd|rd|th)?\\b\(optionalYear)")) { m, t, r in
            guard let mo = month(m.capture(1, in: t)), let d = number(m, 2, t) else { return nil }
            return r.next(month: mo, day: d, year: number(m, 3, t))
        },
        // (Friday,) 18(th) (of) December(, 2026)
        DatePhrase(pattern: Pattern("\\b\(optionalWeekday)([0-9]{1,2})(?:st|nd|rd|th|\\.)? (?:of )?(\(dayMonthNames))\\b\\.?\(optionalYear)")) { m, t, r in
            guard let mo = month(m.capture(2, in: t)), let d = number(m, 1, t) else { return nil }
            return r.next(month: mo, day: d, year: number(m, 3, t))
        },
        // early / mid / late / end of December
        DatePhrase(pattern: Pattern("\\b(early|(?:the )?(?:beginning|start) of|mid|(?:the )?middle of|late|(?:the )?end of) (\(monthNames))\\b\(optionalYear)")) { m, t, r in
            guard let mo = month(m.capture(2, in: t)) else { return nil }
            return r.next(month: mo, period: m.capture(1, in: t), year: number(m, 3, t))
        },
        // in / by / until December
        DatePhrase(pattern: Pattern("\\b(?:in|by|until|till|through|before|during) (\(fullMonthNames))\\b\(optionalYear)")) { m, t, r in
            guard let mo = month(m.capture(1, in: t)) else { return nil }
            return r.next(month: mo, period: nil, year: number(m, 2, t))
        },
        // the week after next
        DatePhrase(pattern: Pattern(#"\b(?:the )?week after next\b"#)) { _, _, r in r.friday(weeksAhead: 2) },
        // (early / end of) next week
        DatePhrase(pattern: Pattern(#"\b(?:(?:early|later|late|the end of|end of|mid|the middle of|middle of) )?next week\b"#)) { _, _, r in
            r.friday(weeksAhead: 1)
        },
        // this week, end of the week, later this week
        DatePhrase(pattern: Pattern(#"\b(?:this week|(?:the )?end of (?:the|this) week|later (?:this|in the) week)\b"#)) { _, _, r in
            r.friday(weeksAhead: 0)
        },
        // (early / mid / end of) next month
        DatePhrase(pattern: Pattern(#"\b(?:(early|(?:the )?(?:beginning|start) of|mid|(?:the )?middle of|late|(?:the )?end of) )?next month\b"#)) { m, t, r in
            r.endOfMonth(monthsAhead: 1, period: m.capture(1, in: t))
        },
        // this month, end of the month
        DatePhrase(pattern: Pattern(#"\b(?:this month|(?:the )?end of (?:the|this) month|later this month)\b"#)) { _, _, r in
            r.endOfMonth(monthsAhead: 0, period: nil)
        },
        DatePhrase(pattern: Pattern(#"\btomorrow\b"#)) { _, _, r in r.today.adding(days: 1) },
        DatePhrase(pattern: Pattern(#"\b(?:today|tonight|end of (?:the )?day|eod|cob)\b"#)) { _, _, r in r.today },
        // in / within / for two weeks, a few days, 3 business days, a month
        DatePhrase(pattern: Pattern(#"\b(?:in|within|over|after|for) (?:the next |the coming |another |about |around |roughly |approximately )?(a couple of|a couple|couple of|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9]{1,2}) (business |working )?(days?|weeks?|months?)\b"#)) { m, t, r in
            guard let n = m.capture(1, in: t).flatMap(count), let unit = m.capture(3, in: t) else { return nil }
            if unit.hasPrefix("month") { return r.today.adding(months: n) }
            if unit.hasPrefix("week") { return r.today.adding(days: 7 * n) }
            return m.capture(2, in: t) == nil ? r.today.adding(days: n) : r.today.adding(businessDays: n)
        },
        // on / by the 3rd
        DatePhrase(pattern: Pattern(#"\b(?:on|by|before|until|till|around|after|from) the ([0-9]{1,2})(?:st|nd|rd|th)\b"#)) { m, t, r in
            number(m, 1, t).flatMap { r.next(dayOfMonth: $0) }
        },
        // (next / this) Friday
        DatePhrase(pattern: Pattern("\\b(?:(next|this|coming|the coming) )?(\(weekdayNames))\\b")) { m, t, r in
            weekdayNumber(m.capture(2, in: t)).flatMap { r.next(weekday: $0, followingWeek: m.capture(1, in: t) == "next") }
        },
    ]
}
