import Foundation

/// A wall-clock reading without a zone.
public struct LocalDateTime: Hashable, Comparable, Sendable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }

    /// The instant this reading is at `offset` seconds east of UTC.
    func instant(offset: Int) -> Date? {
        var parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        parts.timeZone = TimeZone(secondsFromGMT: 0)
        return Self.utc.date(from: parts).map { $0.addingTimeInterval(TimeInterval(-offset)) }
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    /// `yyyymmdd` or `yyyymmddThhmmss` (a trailing `Z` is the caller's).
    static func parse(_ text: Substring) -> LocalDateTime? {
        let digits = text.filter { $0 != "T" }
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), digits.count == 8 || digits.count == 14,
              text.count == digits.count + (digits.count == 14 ? 1 : 0) else { return nil }
        let n = Array(digits).map { Int(String($0))! }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + n[$1] } }
        let value = LocalDateTime(year: number(0..<4), month: number(4..<6), day: number(6..<8),
                                  hour: digits.count == 14 ? number(8..<10) : 0,
                                  minute: digits.count == 14 ? number(10..<12) : 0,
                                  second: digits.count == 14 ? number(12..<14) : 0)
        // 24:00 and leap seconds are written by some; anything beyond is not a time.
        guard (1...12).contains(value.month), (1...31).contains(value.day), value.hour <= 24, value.minute <= 59,
              value.second <= 60 else { return nil }
        return value
    }
}

/// The zone of a DATE-TIME, as its TZID was resolved.
public enum CalendarZone: Hashable, Sendable {
    /// An IANA zone: named so, or by its Windows name (CLDR), or found in a path-like TZID.
    case iana(String)
    /// Defined only by the calendar's own VTIMEZONE.
    case defined(ZoneRules)
    /// Neither known nor defined.
    case unknown(String)

    /// Resolves a TZID: IANA name, then Windows name, then a path ending in an
    /// IANA name ("/mozilla.org/20050126_1/Europe/Berlin"), then the VTIMEZONE.
    static func resolve(_ tzid: String, definitions: [String: ICalendar.Component]) -> CalendarZone {
        let name = tzid.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        if let windows = WindowsZones.iana[name] { return .iana(windows) }
        // Its own definition comes before a guess from a path-like name ("/Europe/CUSTOM").
        if let definition = definitions[name], !isIANA(name), let rules = ZoneRules(definition) { return .defined(rules) }
        let parts = name.split(separator: "/")
        for count in [3, 2] where parts.count >= count {
            let tail = parts.suffix(count).joined(separator: "/")
            if isIANA(tail) { return .iana(tail) }
        }
        if isIANA(name) { return .iana(name) }
        if let definition = definitions[name], let rules = ZoneRules(definition) { return .defined(rules) }
        return .unknown(name)
    }

    /// A name of the tz database with a region ("Europe/Berlin"), or UTC: not
    /// an abbreviation like "EST", which TimeZone would also accept.
    private static func isIANA(_ name: String) -> Bool {
        (name.contains("/") || name == "UTC" || name == "GMT") && TimeZone(identifier: name) != nil
    }
}

/// A VTIMEZONE's observances: each an offset from a start, repeating yearly
/// by `RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=nDD` (the only rule zones use), or once.
public struct ZoneRules: Hashable, Sendable {
    struct Observance: Hashable, Sendable {
        var start: LocalDateTime
        var offsetTo: Int
        /// TZOFFSETFROM: the offset before the onset (the onset is written in it).
        var offsetFrom: Int?
        /// UNTIL: a rule a zone stopped keeping (a historic one) ends there.
        var until: LocalDateTime?
        var month: Int?
        /// 1…5 from the start of the month, -1… from its end.
        var week: Int?
        /// 1 Sunday … 7 Saturday.
        var weekday: Int?
    }

    var observances: [Observance]

    init?(_ component: ICalendar.Component) {
        observances = component.components.filter { ["STANDARD", "DAYLIGHT"].contains($0.name) }.compactMap { part in
            guard let start = part.property("DTSTART").flatMap({ LocalDateTime.parse($0.value.prefix(15)) }),
                  let offset = part.property("TZOFFSETTO").flatMap({ Self.offset($0.value) }) else { return nil }
            var observance = Observance(start: start, offsetTo: offset,
                                        offsetFrom: part.property("TZOFFSETFROM").flatMap { Self.offset($0.value) })
            if let rule = part.property("RRULE")?.value.uppercased(), rule.contains("FREQ=YEARLY") {
                let fields = Dictionary(rule.split(separator: ";").compactMap { field -> (String, String)? in
                    let kv = field.split(separator: "=", maxSplits: 1)
                    return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
                }, uniquingKeysWith: { first, _ in first })
                // Only what a zone's rule can be: a month, and the 1st…5th or last…5th-to-last weekday.
                observance.month = fields["BYMONTH"].flatMap { Int($0) }.flatMap { (1...12).contains($0) ? $0 : nil }
                observance.until = fields["UNTIL"].flatMap { LocalDateTime.parse(Substring($0.prefix(15))) }
                if let byDay = fields["BYDAY"], (2...4).contains(byDay.count) {
                    let code = String(byDay.suffix(2)), ordinal = byDay.dropLast(2)
                    observance.weekday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"].firstIndex(of: code).map { $0 + 1 }
                    observance.week = (ordinal.isEmpty ? 1 : Int(ordinal)).flatMap { (-5...5).contains($0) && $0 != 0 ? $0 : nil }
                }
            }
            return observance
        }
        if observances.isEmpty { return nil }
    }

    /// The offset in force at the wall time `local`: that of the observance
    /// whose latest onset at or before it is the most recent. A wall time the
    /// clocks skip (just after a spring-forward onset) is read with the offset
    /// before it, as `ZonedCalendar` and the tz database zones read it.
    func offset(at local: LocalDateTime) -> Int {
        var best: (onset: LocalDateTime, observance: Observance)?
        for observance in observances {
            for year in [local.year, local.year - 1] {
                guard let onset = onset(of: observance, in: year), onset <= local else { continue }
                if best.map({ onset > $0.onset }) ?? true { best = (onset, observance) }
                break
            }
        }
        // Before every onset: the earliest observance's offset.
        guard let (onset, observance) = best else { return observances.min { $0.start < $1.start }!.offsetTo }
        if let from = observance.offsetFrom, observance.offsetTo > from,
           local < onset.adding(seconds: TimeInterval(observance.offsetTo - from)) {
            return from
        }
        return observance.offsetTo
    }

    private func onset(of o: Observance, in year: Int) -> LocalDateTime? {
        guard year >= o.start.year else { return nil }
        guard let month = o.month, let week = o.week, let weekday = o.weekday else {
            return year == o.start.year ? o.start : nil
        }
        let calendar = LocalDateTime.utc
        guard let first = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
              let days = calendar.range(of: .day, in: .month, for: first)?.count else { return nil }
        let firstWeekday = calendar.component(.weekday, from: first)
        let firstMatch = 1 + (weekday - firstWeekday + 7) % 7
        var day = week > 0 ? firstMatch + 7 * (week - 1) : firstMatch + 7 * ((days - firstMatch) / 7) + 7 * (week + 1)
        if day > days { day -= 7 }
        guard day >= 1 else { return nil }
        let onset = LocalDateTime(year: year, month: month, day: day, hour: o.start.hour, minute: o.start.minute, second: o.start.second)
        // UNTIL is UTC; the onset is the wall time before it.
        if let until = o.until?.instant(offset: 0), let at = onset.instant(offset: o.offsetFrom ?? o.offsetTo), at > until { return nil }
        return onset < o.start ? nil : onset
    }

    /// `+0100`, `-0530`, `+013045`.
    static func offset(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let sign = t.first, sign == "+" || sign == "-", [5, 7].contains(t.count),
              t.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let d = t.dropFirst().map { Int(String($0))! }
        let seconds = (d[0] * 10 + d[1]) * 3600 + (d[2] * 10 + d[3]) * 60 + (d.count == 6 ? d[4] * 10 + d[5] : 0)
        // No zone is more than 18 hours from UTC.
        guard seconds <= 18 * 3600 else { return nil }
        return sign == "-" ? -seconds : seconds
    }
}

/// A DATE-TIME or DATE value, with its zone as the calendar gave it.
public enum CalendarTime: Hashable, Sendable {
    /// Written with `Z`: an instant.
    case utc(Date)
    case zoned(LocalDateTime, CalendarZone)
    /// No zone: the same wall time wherever it is read.
    case floating(LocalDateTime)
    /// `VALUE=DATE`: a whole day.
    case date(LocalDateTime)

    /// Reads a DTSTART-like property; nil when its value is no date.
    static func parse(_ property: ICalendar.Property, definitions: [String: ICalendar.Component]) -> CalendarTime? {
        let value = property.value.trimmingCharacters(in: .whitespaces)
        let isDate = property.parameters["VALUE"]?.uppercased() == "DATE" || value.count == 8
        if isDate { return LocalDateTime.parse(value.prefix(8)).map(CalendarTime.date) }
        if value.hasSuffix("Z") || value.hasSuffix("z") {
            return LocalDateTime.parse(value.dropLast()).flatMap { $0.instant(offset: 0) }.map(CalendarTime.utc)
        }
        guard let local = LocalDateTime.parse(value[...]) else { return nil }
        guard let tzid = property.parameters["TZID"], !tzid.isEmpty else { return .floating(local) }
        return .zoned(local, CalendarZone.resolve(tzid, definitions: definitions))
    }

    /// The instant, reading a floating time, a date (its midnight) or an
    /// unknown zone in `fallback`. A wall time that does not exist (a
    /// daylight-saving gap) moves forward, as RFC 5545 §3.3.5 says.
    public func instant(fallback: TimeZone) -> Date? {
        switch self {
        case .utc(let date): return date
        case .zoned(let local, .iana(let name)): return Self.instant(local, in: TimeZone(identifier: name) ?? fallback)
        case .zoned(let local, .defined(let rules)): return local.instant(offset: rules.offset(at: local))
        case .zoned(let local, .unknown), .floating(let local), .date(let local): return Self.instant(local, in: fallback)
        }
    }

    /// A date without a time: a whole day, not a meeting.
    public var isAllDay: Bool {
        if case .date = self { return true }
        return false
    }

    /// The IANA zone it names, if it names one.
    public var ianaZone: String? {
        if case .zoned(_, .iana(let name)) = self { return name }
        if case .utc = self { return "UTC" }
        return nil
    }

    private static func instant(_ local: LocalDateTime, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(year: local.year, month: local.month, day: local.day,
                                   hour: local.hour, minute: local.minute, second: local.second)
        return calendar.date(from: parts)
    }
}

/// `P1W`, `PT1H30M`, `-P1DT2H`: RFC 5545 §3.3.6, in seconds.
enum CalendarDuration {
    static func seconds(_ text: String) -> TimeInterval? {
        var t = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        var sign = 1.0
        if t.first == "-" { sign = -1; t = t.dropFirst() } else if t.first == "+" { t = t.dropFirst() }
        guard t.first == "P" else { return nil }
        t = t.dropFirst()
        var total = 0.0, number = "", inTime = false, any = false
        for c in t {
            if c.isASCII && c.isNumber { number.append(c); continue }
            if c == "T" { inTime = true; continue }
            guard let n = Double(number), number.count <= 9 else { return nil }
            switch (c, inTime) {
            case ("W", false): total += n * 604_800
            case ("D", false): total += n * 86_400
            case ("H", true): total += n * 3600
            case ("M", true): total += n * 60
            case ("S", true): total += n
            default: return nil
            }
            number = ""
            any = true
        }
        return any && number.isEmpty ? sign * total : nil
    }
}
