import Foundation

/// Wall-clock moments around one interview, in `Run.zone`.
///
/// The interview lies in the past (a Tuesday 4 to 5 weeks before the real
/// now): Dovecot stamps arriving mail with the real time, and followupd only
/// counts replies that arrived after the interview began. Steps before a
/// reply run at fake past times; ticks that must see a reply run at the real
/// time or later. The stack's certificates are valid from 90 days ago.
struct Timeline {
    let calendar: Calendar
    /// Midnight of the interview day.
    let interviewDay: Date
    let realNow: Date

    init(realNow: Date = Date()) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: Run.zone)!
        self.calendar = calendar
        self.realNow = realNow
        let today = calendar.startOfDay(for: realNow)
        // The Tuesday (weekday 3) among the days 28 to 34 before today.
        interviewDay = (28...34).lazy.map { calendar.date(byAdding: .day, value: -$0, to: today)! }
            .first { calendar.component(.weekday, from: $0) == 3 }!
    }

    /// "YYYY-MM-DD" of the interview day, plus `days`.
    func day(_ days: Int = 0) -> String { Self.format(at(days, "00:00"), "yyyy-MM-dd", calendar) }

    /// The instant at local `time` ("HH:mm") `days` after the interview day.
    func at(_ days: Int, _ time: String) -> Date {
        let parts = time.split(separator: ":").compactMap { Int($0) }
        let day = calendar.date(byAdding: .day, value: days, to: interviewDay)!
        return calendar.date(bySettingHour: parts[0], minute: parts[1], second: 0, of: day)!
    }

    /// The first weekday at least `days` after the real today, at `hour`:00: a
    /// send-window moment after the real now.
    func weekdayAfterNow(days: Int = 1, hour: Int = 10) -> Date {
        var day = calendar.date(byAdding: .day, value: days, to: calendar.startOfDay(for: realNow))!
        while calendar.isDateInWeekend(day) { day = calendar.date(byAdding: .day, value: 1, to: day)! }
        return calendar.date(bySettingHour: hour, minute: 0, second: 0, of: day)!
    }

    /// How faketime takes a moment (read in the process's TZ, `Run.zone`).
    func fake(_ date: Date) -> String { Self.format(date, "yyyy-MM-dd HH:mm:ss", calendar) }

    private static func format(_ date: Date, _ pattern: String, _ calendar: Calendar) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
