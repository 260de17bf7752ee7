import Foundation
import Testing
import TestSupport
@testable import MailMessage

/// Real invitation mails (Thunderbird's test set) through the MIME parser and
/// the iCalendar reader, and python-icalendar's 188 calendars, many broken on purpose.
@Suite struct InvitationCorpusTests {
    static func iso(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    struct Expected {
        var method: String, uid: String?, sequence: Int, start: String, status: String?, summary: String?
    }

    static let thunderbird: [String: Expected] = [
        "single-event.eml": Expected(method: "REQUEST", uid: "02e79b96", sequence: 0, start: "2022-03-16T11:00:00Z", status: "CONFIRMED", summary: "Single Event"),
        "update-minor.eml": Expected(method: "REQUEST", uid: "02e79b96", sequence: 0, start: "2022-03-16T11:00:00Z", status: "CONFIRMED", summary: "Updated Event"),
        "update-major.eml": Expected(method: "REQUEST", uid: "02e79b96", sequence: 2, start: "2022-03-16T05:00:00Z", status: "CONFIRMED", summary: "Single Event"),
        "cancel-single-event.eml": Expected(method: "CANCEL", uid: "02e79b96", sequence: 1, start: "2022-03-16T11:00:00Z", status: "CANCELLED", summary: "Single Event"),
        "event-with-file-attachment.eml": Expected(method: "REQUEST", uid: "02e79b96-file", sequence: 0, start: "2022-03-16T11:00:00Z", status: "CONFIRMED", summary: "File Attachment Event"),
        "repeat-event.eml": Expected(method: "REQUEST", uid: "02e79b96", sequence: 0, start: "2022-03-16T11:00:00Z", status: "CONFIRMED", summary: "Repeat Event"),
        "meet-meeting-invite.eml": Expected(method: "REQUEST", uid: "65m17hsdolmotv3kvmrtg40ont@google.com", sequence: 0, start: "2021-03-22T09:30:00Z", status: "CONFIRMED", summary: "Meeeeet me HTML"),
        // Europe/Helsinki is UTC+2 in November.
        "message-non-invite.eml": Expected(method: "PUBLISH", uid: nil, sequence: 3, start: "2021-11-29T08:55:00Z", status: "CONFIRMED", summary: "Party at John's house, Helsinki"),
    ]

    @Test func thunderbirdInvitationsYieldWhatTheySay() throws {
        guard let folder = Corpora.folder("thunderbird-invitations") else { return }
        let files = Corpora.files(in: folder) { $0.hasSuffix(".eml") }
        #expect(files.count >= Self.thunderbird.count)
        for url in files {
            let parsed = ParsedMessage(Array(try Data(contentsOf: url)))
            let name = url.lastPathComponent
            guard let expected = Self.thunderbird[name] else {
                // exception-major: only the moved occurrence of a recurring event.
                let i = try #require(parsed.invitation, "\(name)")
                #expect(i.recurrenceID?.instant(fallback: .gmt) == Self.iso("2022-03-17T11:00:00Z"), "\(name)")
                #expect(i.start?.instant(fallback: .gmt) == Self.iso("2022-03-17T05:00:00Z") && i.sequence == 2, "\(name)")
                continue
            }
            let i = try #require(parsed.invitation, "\(name)")
            #expect(i.method == expected.method, "\(name)")
            if let uid = expected.uid { #expect(i.uid == uid, "\(name)") }
            #expect(i.sequence == expected.sequence, "\(name)")
            #expect(i.start?.instant(fallback: .gmt) == Self.iso(expected.start), "\(name): \(String(describing: i.start))")
            #expect(i.status == expected.status, "\(name)")
            #expect(i.summary == expected.summary, "\(name)")
        }
    }

    /// What python-icalendar's own tests assert of these files' events: the
    /// wall time of DTSTART and the zone it is read in (an IANA name, or UTC).
    /// `named`: the event names that zone itself; otherwise (`/Europe/CUSTOM`)
    /// its own VTIMEZONE defines one with Stockholm's offsets.
    static let pythonICalendar: [(file: String, event: Int, start: String, zone: String, named: Bool)] = [
        ("tests/calendars/timezoned.ics", 0, "2012-02-13T10:00:00", "Europe/Vienna", true),
        ("tests/calendars/issue_466_respect_unique_timezone.ics", 0, "2022-10-21T20:00:00", "Europe/Stockholm", false),
        ("tests/calendars/issue_466_convert_tzid_with_slash.ics", 0, "2022-10-21T20:00:00", "Europe/Stockholm", true),
        ("tests/events/issue_112_missing_tzinfo_on_exdate.ics", 0, "2013-09-07T12:00:00", "America/New_York", true),
        ("tests/calendars/issue_1081_event_with_rrule.ics", 0, "2025-01-01T10:00:00", "UTC", true),
        ("tests/calendars/created_calendar_with_unicode_fields.ics", 0, "2010-10-10T10:00:00", "UTC", true),
    ]

    /// python-icalendar's tests name the zone of these events by the IANA name
    /// at the end of a vendor's TZID ("/example.com/Europe/Berlin").
    static let vendorZones: [(file: String, event: Int, zone: String)] = [
        ("tests/calendars/issue_313_globally_unique_tzid.ics", 0, "Europe/Berlin"),
        ("tests/calendars/issue_313_globally_unique_tzid.ics", 1, "America/New_York"),
        ("tests/calendars/issue_313_globally_unique_tzid.ics", 2, "America/Argentina/Buenos_Aires"),
    ]

    static func startOf(_ file: String, event index: Int, in folder: URL) throws -> CalendarTime? {
        let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
        guard let calendar = ICalendar.parse(text)?.calendars.first else { return nil }
        let zones = Dictionary(calendar.components("VTIMEZONE").compactMap { z in z.property("TZID").map { ($0.value, z) } },
                               uniquingKeysWith: { a, _ in a })
        let events = calendar.components("VEVENT")
        guard index < events.count, let start = events[index].property("DTSTART") else { return nil }
        return CalendarTime.parse(start, definitions: zones)
    }

    @Test func startsAndZonesAsPythonICalendarsTestsExpect() throws {
        guard let folder = Corpora.folder("python-icalendar") else { return }
        for row in Self.pythonICalendar {
            let start = try #require(try Self.startOf(row.file, event: row.event, in: folder), "\(row.file)")
            let zone = TimeZone(identifier: row.zone)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = zone
            formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
            if row.named { #expect(start.ianaZone == row.zone, "\(row.file): \(start)") }
            #expect(start.instant(fallback: .gmt).map(formatter.string) == row.start, "\(row.file): \(start)")
        }
        for row in Self.vendorZones {
            #expect(try Self.startOf(row.file, event: row.event, in: folder)?.ianaZone == row.zone, "\(row.file) #\(row.event)")
        }
    }

    /// Every calendar of python-icalendar's tests and fuzzing seeds is read
    /// without a crash, and what it holds stays within the limits.
    @Test func pythonICalendarFilesAreAllReadWithoutACrash() throws {
        guard let folder = Corpora.folder("python-icalendar") else { return }
        let files = Corpora.files(under: folder, extensions: ["ics"])
        #expect(files.count >= 150, "\(files.count) calendars")
        var read = 0, events = 0
        for url in files {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            guard let calendar = ICalendar.parse(text) else { continue }
            read += 1
            events += calendar.calendars.flatMap { $0.components("VEVENT") }.count
            _ = CalendarInvitation.parse(text).map { [$0.start, $0.end].map { $0?.instant(fallback: .gmt) } }
        }
        print("python-icalendar: \(files.count) files, \(read) read as a calendar, \(events) events")
        #expect(read >= files.count / 2)
    }
}
