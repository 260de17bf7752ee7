import Foundation

/// Where an employer is, for its public holidays: an ISO 3166 country and,
/// where holidays differ within it, a region ("DE" and "BY" for Bavaria).
public struct HolidayPlace: Hashable, Codable, Sendable, CustomStringConvertible {
    public let country: String
    public let region: String?

    /// Nil when followupd knows no holidays there; `problem` says why.
    public init?(country: String, region: String? = nil) {
        guard Self.problem(country: country, region: region) == nil else { return nil }
        self.country = country.uppercased()
        self.region = region.map { Self.bareRegion($0, of: country) }
    }

    /// What is wrong with a country and region a user gave, in words for an error.
    public static func problem(country: String, region: String?) -> String? {
        let country = country.uppercased()
        guard let regions = PublicHolidays.regions[country] else {
            return "followupd knows the public holidays of \(PublicHolidays.regions.keys.sorted().joined(separator: ", ")); not of \"\(country)\""
        }
        guard let region else { return nil }
        let bare = bareRegion(region, of: country)
        if regions.isEmpty { return "the holidays of \(country) are known for the whole country only: leave out the region" }
        return regions.contains(bare) ? nil : "\(country) has the regions \(regions.sorted().joined(separator: ", ")); not \"\(region)\""
    }

    /// The regions of `country` whose holidays differ from the country's; empty when none do.
    public static func regions(of country: String) -> [String] {
        (PublicHolidays.regions[country.uppercased()] ?? []).sorted()
    }

    /// "DE-BY" and "by" are both Bavaria's "BY".
    private static func bareRegion(_ region: String, of country: String) -> String {
        let upper = region.uppercased()
        return upper.hasPrefix(country.uppercased() + "-") ? String(upper.dropFirst(country.count + 1)) : upper
    }

    /// The country of a time zone, when followupd knows its holidays (Europe/Berlin → DE): a suggestion to the user, never applied by itself.
    public static func of(timeZone: String) -> HolidayPlace? {
        ZoneCountries.country[timeZone].flatMap { HolidayPlace(country: $0) }
    }

    public var description: String { region.map { "\(country)-\($0)" } ?? country }
}

/// Public holidays by rule (POLICY.md "How time is counted": the send window
/// is closed on them, and "the business day after" skips them). Rules, not
/// tables, so they never run out; checked against the python-holidays
/// package for 2025–2035 (Tests/FollowUpCoreTests/Holidays). Pure.
public enum PublicHolidays {
    /// The holiday's name on `date` where `place` is, or nil.
    public static func name(on date: LocalDate, in place: HolidayPlace) -> String? {
        // A holiday of the next year may be observed on the last day of this one (US: Fri 31 Dec).
        for year in [date.year, date.year + 1] {
            if let found = days(year: year, place).first(where: { $0.date == date }) { return found.name }
        }
        return nil
    }

    /// Every holiday of `year` in `place`, after weekend shifts, in date order.
    static func days(year: Int, _ place: HolidayPlace) -> [(date: LocalDate, name: String)] {
        let rules = (national[place.country] ?? []) + (place.region.flatMap { regional[place.country]?[$0] } ?? [])
        var taken = Set<LocalDate>()
        var found: [(date: LocalDate, name: String)] = []
        for rule in rules where rule.isKept(in: year) {
            guard let day = rule.day.date(in: year) else { continue }
            found.append((day, rule.name))
            taken.insert(day)
        }
        // A weekend holiday's substitute goes to the first weekday not a holiday already, in date order.
        for rule in rules where rule.isKept(in: year) && rule.shift != .none {
            guard let day = rule.day.date(in: year), let moved = rule.shift.observed(day, taken: taken) else { continue }
            found.append((moved, rule.name + " (observed)"))
            taken.insert(moved)
        }
        return found.sorted { $0.date < $1.date }
    }

    struct Rule {
        var name: String
        var day: Day
        var years: ClosedRange<Int>
        /// Kept only in the years divisible by it (the Netherlands' Liberation Day: every fifth).
        var every: Int
        var shift: Shift

        init(_ name: String, _ day: Day, years: ClosedRange<Int> = 1900...9999, every: Int = 1, shift: Shift = .none) {
            self.name = name
            self.day = day
            self.years = years
            self.every = every
            self.shift = shift
        }

        func isKept(in year: Int) -> Bool { years.contains(year) && year % every == 0 }

        /// A holiday given once, by its own law.
        static func once(_ name: String, _ year: Int, month: Int, day: Int) -> Rule {
            Rule(name, .fixed(month: month, day: day), years: year...year)
        }
    }

    enum Day {
        case fixed(month: Int, day: Int)
        /// Days after Easter Sunday (Good Friday: -2).
        case easter(Int)
        /// The nth `weekday` (1 = Sunday … 7 = Saturday) of `month`; -1 the last.
        case nth(Int, weekday: Int, month: Int)
        /// The first `weekday` on or after the date (Midsummer Eve: the Friday from 19 June).
        case onOrAfter(month: Int, day: Int, weekday: Int)
        /// Ireland's St Brigid's Day: 1 February when it is a Friday, else the first Monday of February.
        case fridayFirstElseMonday(month: Int)

        func date(in year: Int) -> LocalDate? {
            switch self {
            case .fixed(let month, let day):
                return LocalDate(year: year, month: month, day: day)
            case .easter(let offset):
                return PublicHolidays.easter(year).adding(days: offset)
            case .nth(let n, let weekday, let month):
                if n > 0 {
                    let first = LocalDate(year: year, month: month, day: 1)
                    return first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1))
                }
                let next = month == 12 ? LocalDate(year: year + 1, month: 1, day: 1) : LocalDate(year: year, month: month + 1, day: 1)
                let last = next.adding(days: -1)
                return last.adding(days: -((last.weekday - weekday + 7) % 7) - 7 * (-n - 1))
            case .onOrAfter(let month, let day, let weekday):
                let from = LocalDate(year: year, month: month, day: day)
                return from.adding(days: (weekday - from.weekday + 7) % 7)
            case .fridayFirstElseMonday(let month):
                let first = LocalDate(year: year, month: month, day: 1)
                return first.weekday == 6 ? first : Day.nth(1, weekday: 2, month: month).date(in: year)
            }
        }
    }

    enum Shift: Equatable {
        case none
        /// US federal: Saturday → the Friday before, Sunday → the Monday after.
        case fridayOrMonday
        /// UK, Canada: a weekend holiday's substitute is the next weekday that is not a holiday.
        case nextFreeWeekday
        /// Only Sunday moves, to the Saturday before (the Netherlands' King's Day).
        case sundayToSaturday

        func observed(_ day: LocalDate, taken: Set<LocalDate>) -> LocalDate? {
            switch self {
            case .none: return nil
            case .fridayOrMonday:
                return day.weekday == 7 ? day.adding(days: -1) : day.weekday == 1 ? day.adding(days: 1) : nil
            case .sundayToSaturday:
                return day.weekday == 1 ? day.adding(days: -1) : nil
            case .nextFreeWeekday:
                guard day.weekday == 1 || day.weekday == 7 else { return nil }
                var next = day.adding(days: 1)
                while next.weekday == 1 || next.weekday == 7 || taken.contains(next) { next = next.adding(days: 1) }
                return next
            }
        }
    }

    /// Easter Sunday of the Gregorian calendar (the anonymous algorithm of 1876).
    static func easter(_ year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)
    }

    private static let (mon, thu, fri, sat) = (2, 5, 6, 7)
    private static let newYear = Rule("New Year's Day", .fixed(month: 1, day: 1))
    private static let goodFriday = Rule("Good Friday", .easter(-2))
    private static let easterMonday = Rule("Easter Monday", .easter(1))
    private static let mayDay = Rule("Labour Day", .fixed(month: 5, day: 1))
    private static let ascension = Rule("Ascension Day", .easter(39))
    private static let whitMonday = Rule("Whit Monday", .easter(50))
    private static let corpusChristi = Rule("Corpus Christi", .easter(60))
    private static let assumption = Rule("Assumption Day", .fixed(month: 8, day: 15))
    private static let allSaints = Rule("All Saints' Day", .fixed(month: 11, day: 1))
    private static let immaculate = Rule("Immaculate Conception", .fixed(month: 12, day: 8))
    private static let christmas = Rule("Christmas Day", .fixed(month: 12, day: 25))
    private static let boxingDay = Rule("Boxing Day", .fixed(month: 12, day: 26))
    private static let epiphany = Rule("Epiphany", .fixed(month: 1, day: 6))
    private static let armistice = Rule("Armistice Day", .fixed(month: 11, day: 11))

    /// The holidays of the whole country.
    static let national: [String: [Rule]] = [
        "US": [
            Rule("New Year's Day", .fixed(month: 1, day: 1), shift: .fridayOrMonday),
            Rule("Martin Luther King Jr. Day", .nth(3, weekday: mon, month: 1)),
            Rule("Washington's Birthday", .nth(3, weekday: mon, month: 2)),
            Rule("Memorial Day", .nth(-1, weekday: mon, month: 5)),
            Rule("Juneteenth", .fixed(month: 6, day: 19), years: 2021...9999, shift: .fridayOrMonday),
            Rule("Independence Day", .fixed(month: 7, day: 4), shift: .fridayOrMonday),
            Rule("Labor Day", .nth(1, weekday: mon, month: 9)),
            Rule("Columbus Day", .nth(2, weekday: mon, month: 10)),
            Rule("Veterans Day", .fixed(month: 11, day: 11), shift: .fridayOrMonday),
            Rule("Thanksgiving Day", .nth(4, weekday: thu, month: 11)),
            Rule("Christmas Day", .fixed(month: 12, day: 25), shift: .fridayOrMonday),
        ],
        "CA": [
            Rule("New Year's Day", .fixed(month: 1, day: 1), shift: .nextFreeWeekday), goodFriday,
            Rule("Canada Day", .fixed(month: 7, day: 1)),
            Rule("Labour Day", .nth(1, weekday: mon, month: 9)),
            Rule("Christmas Day", .fixed(month: 12, day: 25), shift: .nextFreeWeekday),
        ],
        "AU": [newYear, Rule("Australia Day", .fixed(month: 1, day: 26)), goodFriday, easterMonday,
               Rule("ANZAC Day", .fixed(month: 4, day: 25)), christmas, boxingDay],
        "IE": [newYear, Rule("Saint Brigid's Day", .fridayFirstElseMonday(month: 2), years: 2023...9999),
               Rule("Saint Patrick's Day", .fixed(month: 3, day: 17)), easterMonday,
               Rule("May Bank Holiday", .nth(1, weekday: mon, month: 5)), Rule("June Bank Holiday", .nth(1, weekday: mon, month: 6)),
               Rule("August Bank Holiday", .nth(1, weekday: mon, month: 8)), Rule("October Bank Holiday", .nth(-1, weekday: mon, month: 10)),
               christmas, Rule("Saint Stephen's Day", .fixed(month: 12, day: 26))],
        // What the four nations share; the region adds its own.
        "GB": [
            Rule("New Year's Day", .fixed(month: 1, day: 1), shift: .nextFreeWeekday), goodFriday,
            Rule("May Day", .nth(1, weekday: mon, month: 5)), Rule("Spring Bank Holiday", .nth(-1, weekday: mon, month: 5)),
            Rule("Christmas Day", .fixed(month: 12, day: 25), shift: .nextFreeWeekday),
            Rule("Boxing Day", .fixed(month: 12, day: 26), shift: .nextFreeWeekday),
        ],
        "DE": [newYear, goodFriday, easterMonday, mayDay, ascension, whitMonday,
               Rule("German Unity Day", .fixed(month: 10, day: 3)), christmas, Rule("Second Day of Christmas", .fixed(month: 12, day: 26))],
        "AT": [newYear, epiphany, easterMonday, mayDay, ascension, whitMonday, corpusChristi, assumption,
               Rule("National Day", .fixed(month: 10, day: 26)), allSaints, immaculate, christmas,
               Rule("Saint Stephen's Day", .fixed(month: 12, day: 26))],
        // Only what every canton keeps.
        "CH": [newYear, ascension, Rule("National Day", .fixed(month: 8, day: 1)), christmas],
        "FR": [newYear, easterMonday, mayDay, Rule("Victory Day", .fixed(month: 5, day: 8)), ascension, whitMonday,
               Rule("National Day", .fixed(month: 7, day: 14)), assumption, allSaints, armistice, christmas],
        "BE": [newYear, easterMonday, mayDay, ascension, whitMonday, Rule("National Day", .fixed(month: 7, day: 21)),
               assumption, allSaints, armistice, christmas],
        "NL": [newYear, goodFriday, easterMonday, Rule("King's Day", .fixed(month: 4, day: 27), years: 2014...9999, shift: .sundayToSaturday),
               Rule("Liberation Day", .fixed(month: 5, day: 5), every: 5), ascension, whitMonday, christmas,
               Rule("Second Day of Christmas", .fixed(month: 12, day: 26))],
        "LU": [newYear, easterMonday, mayDay, Rule("Europe Day", .fixed(month: 5, day: 9), years: 2019...9999), ascension,
               whitMonday, Rule("National Day", .fixed(month: 6, day: 23)), assumption, allSaints, christmas,
               Rule("Saint Stephen's Day", .fixed(month: 12, day: 26))],
        "ES": [newYear, epiphany, goodFriday, mayDay, assumption, Rule("National Day", .fixed(month: 10, day: 12)), allSaints,
               Rule("Constitution Day", .fixed(month: 12, day: 6)), immaculate, christmas],
        "PT": [newYear, goodFriday, Rule("Freedom Day", .fixed(month: 4, day: 25)), mayDay, corpusChristi,
               Rule("Portugal Day", .fixed(month: 6, day: 10)), assumption, Rule("Republic Day", .fixed(month: 10, day: 5)),
               allSaints, Rule("Restoration of Independence", .fixed(month: 12, day: 1)), immaculate, christmas],
        "IT": [newYear, epiphany, easterMonday, Rule("Liberation Day", .fixed(month: 4, day: 25)), mayDay,
               Rule("Republic Day", .fixed(month: 6, day: 2)), assumption,
               Rule("Saint Francis of Assisi", .fixed(month: 10, day: 4), years: 2026...9999), allSaints, immaculate, christmas,
               Rule("Saint Stephen's Day", .fixed(month: 12, day: 26))],
        "SE": [newYear, epiphany, goodFriday, easterMonday, mayDay, ascension, Rule("National Day", .fixed(month: 6, day: 6)),
               Rule("Midsummer Day", .onOrAfter(month: 6, day: 20, weekday: sat)),
               Rule("All Saints' Day", .onOrAfter(month: 10, day: 31, weekday: sat)), christmas,
               Rule("Second Day of Christmas", .fixed(month: 12, day: 26))],
        "NO": [newYear, Rule("Maundy Thursday", .easter(-3)), goodFriday, easterMonday, mayDay,
               Rule("Constitution Day", .fixed(month: 5, day: 17)), ascension, whitMonday, christmas,
               Rule("Second Day of Christmas", .fixed(month: 12, day: 26))],
        "DK": [newYear, Rule("Maundy Thursday", .easter(-3)), goodFriday, easterMonday,
               Rule("Great Prayer Day", .easter(26), years: 1900...2023), ascension, whitMonday, christmas,
               Rule("Second Day of Christmas", .fixed(month: 12, day: 26))],
        "FI": [newYear, epiphany, goodFriday, easterMonday, mayDay, ascension,
               Rule("Midsummer Eve", .onOrAfter(month: 6, day: 19, weekday: fri)),
               Rule("Midsummer Day", .onOrAfter(month: 6, day: 20, weekday: sat)),
               Rule("All Saints' Day", .onOrAfter(month: 10, day: 31, weekday: sat)),
               Rule("Independence Day", .fixed(month: 12, day: 6)), Rule("Christmas Eve", .fixed(month: 12, day: 24)), christmas,
               Rule("Second Day of Christmas", .fixed(month: 12, day: 26))],
        "PL": [newYear, epiphany, easterMonday, mayDay, Rule("Constitution Day", .fixed(month: 5, day: 3)), corpusChristi,
               assumption, allSaints, Rule("Independence Day", .fixed(month: 11, day: 11)),
               Rule("Christmas Eve", .fixed(month: 12, day: 24), years: 2025...9999), christmas,
               Rule("Second Day of Christmas", .fixed(month: 12, day: 26))],
    ]

    private static let reformation = Rule("Reformation Day", .fixed(month: 10, day: 31))
    private static let reformationSince2018 = Rule("Reformation Day", .fixed(month: 10, day: 31), years: 2018...9999)
    private static let englishSummer = [easterMonday, Rule("Late Summer Bank Holiday", .nth(-1, weekday: mon, month: 8))]

    /// What a region adds to its country's.
    static let regional: [String: [String: [Rule]]] = [
        "GB": [
            "ENG": englishSummer, "WLS": englishSummer,
            "SCT": [Rule("New Year Holiday", .fixed(month: 1, day: 2), shift: .nextFreeWeekday),
                    .once("Bank holiday for the football World Cup", 2026, month: 6, day: 15),
                    Rule("Summer Bank Holiday", .nth(1, weekday: mon, month: 8)),
                    Rule("Saint Andrew's Day", .fixed(month: 11, day: 30), shift: .nextFreeWeekday)],
            "NIR": englishSummer + [Rule("Saint Patrick's Day", .fixed(month: 3, day: 17), shift: .nextFreeWeekday),
                                    Rule("Battle of the Boyne", .fixed(month: 7, day: 12), shift: .nextFreeWeekday)],
        ],
        "DE": [
            "BB": [reformation],
            "BE": [Rule("International Women's Day", .fixed(month: 3, day: 8), years: 2019...9999),
                   .once("80th anniversary of the end of the Second World War", 2025, month: 5, day: 8),
                   .once("75th anniversary of the uprising of 17 June 1953", 2028, month: 6, day: 17)],
            "BW": [epiphany, corpusChristi, allSaints], "BY": [epiphany, corpusChristi, allSaints],
            "HB": [reformationSince2018], "HE": [corpusChristi], "HH": [reformationSince2018],
            "MV": [Rule("International Women's Day", .fixed(month: 3, day: 8), years: 2023...9999), reformation],
            "NI": [reformationSince2018], "NW": [corpusChristi, allSaints], "RP": [corpusChristi, allSaints],
            "SH": [reformationSince2018], "SL": [corpusChristi, assumption, allSaints],
            "SN": [reformation, Rule("Repentance and Prayer Day", .onOrAfter(month: 11, day: 16, weekday: 4))],
            "ST": [epiphany, reformation],
            "TH": [Rule("World Children's Day", .fixed(month: 9, day: 20), years: 2019...9999), reformation],
        ],
    ]

    /// Each country known, with the regions whose holidays differ (none: the country's only).
    static let regions: [String: Set<String>] = national.mapValues { _ in [] }.merging(regional.mapValues { Set($0.keys) }) { $1 }
}
