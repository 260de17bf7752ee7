import ArgumentParser
import FollowUpConfig
import FollowUpCore
import Foundation

/// The options that describe one event, shared by `add` and `event`.
struct EventOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When it starts, local time in --tz.", valueName: "YYYY-MM-DD HH:MM"))
    var interview: String

    @Option(help: "How long it lasts: 45m, 1h, 1h30m.")
    var duration = "45m"

    @Option(name: .customLong("tz"), help: ArgumentHelp("IANA time zone of --interview.", valueName: "ZONE"))
    var timeZone: String?

    @Option(help: "interview, job-fair or networking.")
    var kind: EventKind = .interview

    @Option(name: .customLong("decision-date"), help: ArgumentHelp("The day they said they would decide by.", valueName: "YYYY-MM-DD"))
    var decisionDate: LocalDate?

    /// The zone the event is read in: --tz, else `defaultZone`; a usage error when unknown.
    func zone(default defaultZone: String) throws -> String {
        let zone = timeZone ?? defaultZone
        guard TimeZone(identifier: zone) != nil else {
            throw ValidationError("unknown time zone \"\(zone)\" (use an IANA name like Europe/Berlin)")
        }
        return zone
    }

    /// The event (id 0, assigned by the store) in `zone`.
    func event(in zone: String) throws -> Event {
        guard let length = ConfigDuration.parse(duration), length > 0 else {
            throw ValidationError("--duration \"\(duration)\" is not a duration like 45m or 1h30m")
        }
        let start = try Self.localTime(interview, zone: zone)
        return Event(id: 0, kind: kind, start: start, end: start.addingTimeInterval(length), decisionDate: decisionDate)
    }

    /// "YYYY-MM-DD HH:MM" read as a wall-clock time in `zone`.
    static func localTime(_ text: String, zone: String) throws -> Date {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        let clock = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false) : []
        guard parts.count == 2, let date = LocalDate(iso: String(parts[0])), clock.count == 2,
              clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]), let minute = Int(clock[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else {
            throw ValidationError("--interview \"\(text)\" is not a local time like \"2027-01-12 10:00\"")
        }
        let calendar = try ZonedCalendar(timeZoneIdentifier: zone, window: .standard)
        return calendar.instant(on: date, minute: hour * 60 + minute)
    }
}
