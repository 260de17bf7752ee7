import Foundation

/// The hours in which messages may go out, in the application's time zone:
/// a set of weekdays and a half-open local time range (09:00 in, 17:00 out).
public struct SendWindow: Hashable, Codable, Sendable, CustomStringConvertible {
    /// 1 = Sunday … 7 = Saturday, as `Calendar` numbers them.
    public var weekdays: Set<Int>
    /// Minutes after local midnight.
    public var opens: Int
    public var closes: Int

    public static let standard = SendWindow(weekdays: [2, 3, 4, 5, 6], opens: 9 * 60, closes: 17 * 60)

    public init(weekdays: Set<Int>, opens: Int, closes: Int) {
        self.weekdays = weekdays
        self.opens = opens
        self.closes = closes
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// Parses "Mon-Fri 09:00-17:00" or "Mon,Wed,Fri 10:00-16:30".
    public init(parsing text: String) throws {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 2 else {
            throw ParseError(description: "expected days and hours, like \"Mon-Fri 09:00-17:00\"")
        }
        var days = Set<Int>()
        for item in fields[0].split(separator: ",") {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            let numbers = try ends.map { name -> Int in
                guard let i = Self.dayNames.firstIndex(of: name.lowercased()) else {
                    throw ParseError(description: "unknown day \"\(name)\" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)")
                }
                return i + 1
            }
            switch numbers.count {
            case 1: days.insert(numbers[0])
            case 2:
                // A range may wrap over the week's end: "Sat-Mon".
                var d = numbers[0]
                while true {
                    days.insert(d)
                    if d == numbers[1] { break }
                    d = d % 7 + 1
                }
            default: throw ParseError(description: "bad day range \"\(item)\"")
            }
        }
        let hours = fields[1].split(separator: "-", omittingEmptySubsequences: false)
        guard hours.count == 2, let opens = Self.minutes(hours[0]), let closes = Self.minutes(hours[1]) else {
            throw ParseError(description: "bad hours \"\(fields[1])\" (use HH:MM-HH:MM)")
        }
        guard opens < closes else {
            throw ParseError(description: "the window must open before it closes")
        }
        self.init(weekdays: days, opens: opens, closes: closes)
    }

    private static func minutes(_ s: Substring) -> Int? {
        let p = s.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2, p[0].count == 2, p[1].count == 2,
              let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0..<60).contains(m),
              h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }

    public var description: String {
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let days = (1...7).filter(weekdays.contains).map { names[$0 - 1] }.joined(separator: ",")
        return String(format: "%@ %02d:%02d-%02d:%02d", days, opens / 60, opens % 60, closes / 60, closes % 60)
    }
}
