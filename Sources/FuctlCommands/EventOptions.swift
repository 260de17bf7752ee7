import ArgumentParser
import FollowUpConfig
import FollowUpCore
import Foundation

/// The options that describe one event, shared by `add` and `event`.
struct EventOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When it starts, local time in --tz.", valueName: "YYYY-MM-DD HH:MM"))
    var interview: String?

    @Option(help: "How long it lasts: 45m, 1h, 1h30m (default 45m, or what the invitation says).")
    var duration: String?

    @Option(name: .customLong("tz"), help: ArgumentHelp("IANA time zone of --interview, like America/New_York (not EST or GMT+1).", valueName: "ZONE"))
    var timeZone: String?

    @Option(help: "interview, job-fair or networking.")
    var kind: EventKind = .interview

    @Option(name: .customLong("decision-date"), help: ArgumentHelp("The day they said they would decide by (not before the interview day).", valueName: "YYYY-MM-DD"))
    var decisionDate: LocalDate?

    /// An event read from the options, and what the user should know about how it was read.
    struct Reading {
        var event: Event
        /// Set when the local time happens twice (the clocks go back): which one is used.
        var note: String?
    }

    /// The zone the event is read in: --tz, else `defaultZone`; a usage error when
    /// unknown, or when --tz is an abbreviation or a fixed offset: those ignore
    /// daylight saving, so every time after a change would be an hour off.
    func zone(default defaultZone: String) throws -> String {
        let zone = timeZone ?? defaultZone
        if let problem = ZoneName.problem(zone) { throw ValidationError((timeZone == nil ? "" : "--tz: ") + problem) }
        return zone
    }

    /// The event (id 0, assigned by the store) in `zone`. A date before 2000
    /// or more than two years ahead is a typo (0999 for 2099), refused here.
    func event(in zone: String, now: Date) throws -> Reading {
        guard let interview else { throw ValidationError("give --interview \"YYYY-MM-DD HH:MM\" (or --ics FILE with fuctl add)") }
        let start = try Self.localTime(interview, zone: zone)
        return try reading(start: start.instant, end: start.instant.addingTimeInterval(try length()), zone: zone, now: now,
                           note: start.note, shown: "--interview \"\(interview)\"")
    }

    /// The event from an instant (an invitation's), with the flags' checks.
    func reading(start: Date, end: Date?, zone: String, now: Date, note: String? = nil, shown: String) throws -> Reading {
        let calendar = try ZonedCalendar(timeZoneIdentifier: zone, window: .standard)
        let day = calendar.local(start).date
        guard day >= LocalDate(year: 2000, month: 1, day: 1), start <= now.addingTimeInterval(2 * 366 * 86400) else {
            throw ValidationError("\(shown) is not between 2000 and two years from now; is the year mistyped?")
        }
        if let decisionDate, decisionDate < day {
            throw ValidationError("--decision-date \(decisionDate) is before the interview day \(day)")
        }
        // --duration wins; else the invitation's end; else the default length.
        let finish = try duration == nil ? end ?? start.addingTimeInterval(length()) : start.addingTimeInterval(length())
        guard finish > start, finish.timeIntervalSince(start) <= 86400 else {
            throw ValidationError("\(shown) ends before it starts or lasts more than a day; give --duration")
        }
        return Reading(event: Event(id: 0, kind: kind, start: start, end: finish, decisionDate: decisionDate), note: note)
    }

    private func length() throws -> TimeInterval {
        let text = duration ?? "45m"
        guard let length = ConfigDuration.parse(text), length > 0, length <= 86400 else {
            throw ValidationError("--duration \"\(text)\" is not a duration of up to a day, like 45m or 1h30m")
        }
        return length
    }

    /// "YYYY-MM-DD HH:MM" read as a wall-clock time in `zone`. A time the
    /// clocks skip is refused; one they pass twice is the first, with a note.
    static func localTime(_ text: String, zone: String, flag: String = "--interview") throws -> (instant: Date, day: LocalDate, note: String?) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        let clock = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false) : []
        guard parts.count == 2, let date = LocalDate(iso: String(parts[0])), clock.count == 2,
              clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]), let minute = Int(clock[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else {
            throw ValidationError("\(flag) \"\(text)\" is not a local time like \"2027-01-12 10:00\"")
        }
        let calendar = try ZonedCalendar(timeZoneIdentifier: zone, window: .standard)
        let wall = Double(date.daysSinceEpoch * 86400 + (hour * 60 + minute) * 60)
        // Every instant that shows this wall-clock time: none in a gap, two in a repeated hour.
        let instants = Set([-86400.0, 86400].map { calendar.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + $0)) })
            .map { Date(timeIntervalSince1970: wall - Double($0)) }
            .filter { calendar.local($0) == (date, (hour * 60 + minute) * 60) }
            .sorted()
        guard let first = instants.first else {
            throw ValidationError("\(flag) \"\(text)\" does not exist in \(zone): the clocks skip that hour for daylight saving; give the time as the invitation's clock shows it after the change")
        }
        let note = instants.count > 1
            ? "\(text) happens twice in \(zone) (the clocks go back); the first is used, \(Self.offset(calendar.timeZone, first)) (\(isoUTC(first)))"
            : nil
        return (first, date, note)
    }

    /// "UTC+02:00".
    static func offset(_ zone: TimeZone, _ instant: Date) -> String {
        let seconds = zone.secondsFromGMT(for: instant)
        return String(format: "UTC%@%02d:%02d", seconds < 0 ? "-" : "+", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }
}
