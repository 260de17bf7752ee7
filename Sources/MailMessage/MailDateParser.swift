import Foundation
import CivilCalendar

extension MailDate {
    /// Parses a `Date:` value tolerantly: RFC 5322, the obsolete forms (two-digit
    /// years, named zones, comments, missing seconds or weekday), and asctime
    /// order ("Tue Jul  1 10:52:37 2003"). Unknown zone names count as +0000
    /// (RFC 5322 §4.3). Nil when no day, month, year and time can be found.
    public static func parse(_ value: String) -> MailDate? {
        var day: Int?, month: Int?, year: Int?, time: (Int, Int, Int)?, offset: Int?
        for token in tokens(value) {
            if time == nil, token.contains(":") {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
                // Hour and minute must be numbers; damaged seconds ("10:00:t") read as 0.
                guard parts.count >= 2, parts.count <= 3, let hour = parts[0], let minute = parts[1] else { return nil }
                time = (hour, minute, parts.count == 3 ? parts[2] ?? 0 : 0)
            } else if let first = token.first, first == "+" || first == "-", token.count == 5,
                      let n = Int(token.dropFirst()), time != nil {
                offset = (n / 100 * 3600 + n % 100 * 60) * (first == "-" ? -1 : 1)
            } else if let n = Int(token), token.allSatisfy(\.isASCII) {
                if token.count >= 3 || (day != nil && month != nil && year == nil) || (day != nil && year == nil && time != nil) {
                    if year == nil { year = normalizedYear(n, digits: token.count) }
                } else if day == nil {
                    day = n
                } else if month != nil, year == nil {
                    year = normalizedYear(n, digits: token.count)
                }
            } else if month == nil, let m = monthNumber(token) {
                month = m
            } else if time != nil, offset == nil, token.first?.isLetter == true {
                offset = zoneOffset(token)
            }
        }
        guard let d = day, let m = month, let y = year, let (h, mi, s) = time,
              (1...31).contains(d), (0...23).contains(h), (0...59).contains(mi), (0...60).contains(s) else { return nil }
        let zone = offset ?? 0
        let seconds = CivilCalendar.days(year: y, month: m, day: d) * 86_400 + h * 3600 + mi * 60 + s - zone
        return MailDate(date: Date(timeIntervalSince1970: TimeInterval(seconds)), utcOffsetSeconds: zone)
    }

    private static func normalizedYear(_ n: Int, digits: Int) -> Int {
        switch digits {
        case ...2: return n < 50 ? 2000 + n : 1900 + n
        case 3: return 1900 + n
        default: return n
        }
    }

    private static func monthNumber(_ token: Substring) -> Int? {
        guard token.count >= 3 else { return nil }
        let prefix = token.prefix(3).lowercased()
        return months.firstIndex { $0.lowercased() == prefix }.map { $0 + 1 }
    }

    private static func zoneOffset(_ token: Substring) -> Int {
        let named: [String: Int] = ["UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
                                    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7]
        let upper = token.uppercased()
        // "EST5EDT" and the like: the standard zone leads.
        let key = named[upper] != nil ? upper : String(upper.prefix(3))
        return (named[key] ?? 0) * 3600
    }

    /// Words of the value with comments removed, split on whitespace and commas.
    private static func tokens(_ value: String) -> [Substring] {
        var cleaned = ""
        var depth = 0
        for c in value {
            if c == "(" { depth += 1; continue }
            if c == ")" { depth = max(0, depth - 1); cleaned.append(" "); continue }
            if depth == 0 { cleaned.append(c) }
        }
        // "10:52:37+0200" and "Jul-01-2003" appear in the wild: split the zone and dashes off.
        var spaced = ""
        for (i, c) in cleaned.enumerated() {
            if (c == "+" || c == "-"), i > 0 { spaced.append(" ") }
            spaced.append(c)
        }
        return spaced.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" || $0 == "\n" })
            .map { $0.hasPrefix("-") && $0.count != 5 ? $0.dropFirst() : $0 }
    }
}
