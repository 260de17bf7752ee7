import Foundation
import Testing
@testable import MailMessage

/// The iCalendar reader: content lines, zones, durations, and hostile input.
@Suite struct ICalendarTests {
    static func iso(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func invitation(_ lines: [String], method: String = "REQUEST") -> CalendarInvitation? {
        CalendarInvitation.parse((["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:\(method)"] + lines + ["END:VCALENDAR"])
            .joined(separator: "\r\n"))
    }

    static func event(_ lines: [String], zones: [String] = []) -> CalendarInvitation? {
        invitation(zones + ["BEGIN:VEVENT"] + lines + ["END:VEVENT"])
    }

    @Test func foldedLinesQuotedParametersAndEscapes() throws {
        let text = [
            "BEGIN:VCALENDAR", "METHOD:REQUEST", "BEGIN:VEVENT", "UID:abc-1", "SEQUENCE:3",
            "SUMMARY:Interview\\, round 2\\; with the", " team\\nand Dana",
            #"ORGANIZER;CN="Roe, Dana: Recruiter";SENT-BY="mailto:x@y.example":mailto:dana@acme.example"#,
            "ATTENDEE;CN=Morgan;ROLE=REQ-PARTICIPANT:MAILTO:morgan@example.com",
            "DTSTART:20270112T090000Z", "DURATION:PT45M", "STATUS:confirmed", "END:VEVENT", "END:VCALENDAR",
        ].joined(separator: "\n")
        let i = try #require(CalendarInvitation.parse(text))
        #expect(i.method == "REQUEST" && i.uid == "abc-1" && i.sequence == 3 && i.status == "CONFIRMED")
        #expect(i.summary == "Interview, round 2; with theteam\nand Dana")
        #expect(i.organizer == MailAddress(name: "Roe, Dana: Recruiter", address: "dana@acme.example"))
        #expect(i.attendees.map(\.address) == ["morgan@example.com"])
        #expect(i.start?.instant(fallback: .gmt) == Self.iso("2027-01-12T09:00:00Z"))
        #expect(i.end?.instant(fallback: .gmt) == Self.iso("2027-01-12T09:45:00Z"))
    }

    @Test func ianaWindowsAndPathLikeZones() throws {
        for tzid in ["Europe/Berlin", "W. Europe Standard Time", "/mozilla.org/20050126_1/Europe/Berlin"] {
            let i = try #require(Self.event(["UID:z", "DTSTART;TZID=\"\(tzid)\":20270112T100000", "DTEND;TZID=\(tzid):20270112T110000"]))
            #expect(i.start?.instant(fallback: .gmt) == Self.iso("2027-01-12T09:00:00Z"), "\(tzid)")
            #expect(i.start?.ianaZone == "Europe/Berlin", "\(tzid)")
            #expect(i.end?.instant(fallback: .gmt) == Self.iso("2027-01-12T10:00:00Z"), "\(tzid)")
        }
        let fle = try #require(Self.event(["DTSTART;TZID=FLE Standard Time:20270712T100000"]))
        #expect(fle.start?.ianaZone == "Europe/Kiev" || fle.start?.ianaZone == "Europe/Kyiv")
        #expect(fle.start?.instant(fallback: .gmt) == Self.iso("2027-07-12T07:00:00Z"))
    }

    /// A zone only the calendar defines, with yearly daylight-saving rules.
    @Test func aZoneDefinedOnlyByItsVTimeZone() throws {
        let zone = [
            "BEGIN:VTIMEZONE", "TZID:Company Standard Time",
            "BEGIN:STANDARD", "DTSTART:16011028T030000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
            "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010325T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT", "END:VTIMEZONE",
        ]
        let winter = try #require(Self.event(["DTSTART;TZID=Company Standard Time:20270112T100000"], zones: zone))
        #expect(winter.start?.instant(fallback: .gmt) == Self.iso("2027-01-12T09:00:00Z"))
        let summer = try #require(Self.event(["DTSTART;TZID=Company Standard Time:20270712T100000"], zones: zone))
        #expect(summer.start?.instant(fallback: .gmt) == Self.iso("2027-07-12T08:00:00Z"))
        // The last Sunday of March 2027 is the 28th: the day before is still winter time.
        let before = try #require(Self.event(["DTSTART;TZID=Company Standard Time:20270327T100000"], zones: zone))
        #expect(before.start?.instant(fallback: .gmt) == Self.iso("2027-03-27T09:00:00Z"))
        let after = try #require(Self.event(["DTSTART;TZID=Company Standard Time:20270329T100000"], zones: zone))
        #expect(after.start?.instant(fallback: .gmt) == Self.iso("2027-03-29T08:00:00Z"))
    }

    /// Found in review: a skipped wall time, and a rule that ended (UNTIL).
    @Test func aDefinedZonesGapAndItsHistoricRules() throws {
        let zone = [
            "BEGIN:VTIMEZONE", "TZID:Company Eastern",
            "BEGIN:DAYLIGHT", "DTSTART:19870405T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4;UNTIL=20060402T070000Z",
            "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "END:DAYLIGHT",
            "BEGIN:STANDARD", "DTSTART:19671029T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10;UNTIL=20061029T060000Z",
            "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:20070311T020000", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
            "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "END:DAYLIGHT",
            "BEGIN:STANDARD", "DTSTART:20071104T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
            "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD", "END:VTIMEZONE",
        ]
        // 14 March 2027 02:30 does not exist: read with the offset before, as America/New_York reads it (03:30 EDT).
        let gap = try #require(Self.event(["DTSTART;TZID=Company Eastern:20270314T023000"], zones: zone))
        #expect(gap.start?.instant(fallback: .gmt) == Self.iso("2027-03-14T07:30:00Z"))
        // Monday 1 November 2027 is still summer time by the rule since 2007; the old one (last Sunday of October) ended in 2006.
        let autumn = try #require(Self.event(["DTSTART;TZID=Company Eastern:20271101T100000"], zones: zone))
        #expect(autumn.start?.instant(fallback: .gmt) == Self.iso("2027-11-01T14:00:00Z"))
    }

    @Test func allDayFloatingAndUnknownZones() throws {
        let allDay = try #require(Self.event(["DTSTART;VALUE=DATE:20270112"]))
        #expect(allDay.start == .date(LocalDateTime(year: 2027, month: 1, day: 12)))
        #expect(allDay.end == .date(LocalDateTime(year: 2027, month: 1, day: 13)), "a whole day lasts one day")
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        let floating = try #require(Self.event(["DTSTART:20270112T100000"]))
        #expect(floating.start?.instant(fallback: tokyo) == Self.iso("2027-01-12T01:00:00Z"))
        let unknown = try #require(Self.event(["DTSTART;TZID=Nowhere Time:20270112T100000"]))
        #expect(unknown.start == .zoned(LocalDateTime(year: 2027, month: 1, day: 12, hour: 10), .unknown("Nowhere Time")))
        #expect(unknown.start?.instant(fallback: tokyo) == Self.iso("2027-01-12T01:00:00Z"))
    }

    @Test func durationsAndRecurrenceExceptions() throws {
        #expect(CalendarDuration.seconds("P1W") == 604_800)
        #expect(CalendarDuration.seconds("PT1H30M") == 5400)
        #expect(CalendarDuration.seconds("-P1DT2H") == -93_600)
        #expect(CalendarDuration.seconds("PT") == nil && CalendarDuration.seconds("1H") == nil && CalendarDuration.seconds("P1H") == nil)
        let text = [
            "BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:r", "RECURRENCE-ID:20270119T090000Z", "DTSTART:20270120T090000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:r", "DTSTART:20270112T090000Z", "RRULE:FREQ=WEEKLY", "END:VEVENT", "END:VCALENDAR",
        ].joined(separator: "\r\n")
        let i = try #require(CalendarInvitation.parse(text))
        #expect(i.recurrenceID == nil && i.start == .utc(Self.iso("2027-01-12T09:00:00Z")), "the series, not the exception")
    }

    @Test func hostileInputIsBoundedAndNeverFatal() {
        let deep = (0..<10_000).map { _ in "BEGIN:VEVENT" }.joined(separator: "\n")
        #expect(ICalendar.parse("BEGIN:VCALENDAR\n" + deep) != nil)
        let wide = "BEGIN:VCALENDAR\n" + String(repeating: "BEGIN:VEVENT\nUID:x\nEND:VEVENT\n", count: 50_000)
        #expect((ICalendar.parse(wide)?.calendars.first?.components.count ?? 0) <= ICalendar.Limits.standard.maxComponents)
        let long = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:" + String(repeating: "x", count: 2_000_000) + "\nEND:VEVENT\nEND:VCALENDAR"
        let summary = CalendarInvitation.parse(long)?.summary ?? ""
        #expect(summary.utf8.count <= ICalendar.Limits.standard.maxLineBytes)
        for junk in ["", ":", ";;;:", "BEGIN:", "END:VCALENDAR", "BEGIN:VCALENDAR\nDTSTART;TZID=\"unclosed:20270112T100000",
                     "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:99999999T999999Z\nDURATION:P99999999999999W\nEND:VEVENT",
                     "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:x\nBEGIN:STANDARD\nDTSTART:16011028T030000\nRRULE:FREQ=YEARLY;BYDAY=9SU;BYMONTH=13\nTZOFFSETTO:+9999\nEND:STANDARD\nEND:VTIMEZONE\nBEGIN:VEVENT\nDTSTART;TZID=x:20270112T100000\nEND:VEVENT"] {
            _ = CalendarInvitation.parse(junk)?.start?.instant(fallback: .gmt)
        }
    }
}

extension ICalendarTests {
    /// Found in review: a rule's week number multiplied by 7 trapped on overflow.
    @Test func absurdZoneRulesAreIgnoredNotFatal() {
        for rule in ["FREQ=YEARLY;BYDAY=2000000000000000000SU;BYMONTH=3", "FREQ=YEARLY;BYDAY=-99999999999SU;BYMONTH=99999999999",
                     "FREQ=YEARLY;BYDAY=0SU;BYMONTH=0", "FREQ=YEARLY;BYDAY=SU;BYMONTH=-1"] {
            let i = Self.event(["DTSTART;TZID=Odd:20270112T100000"], zones: [
                "BEGIN:VTIMEZONE", "TZID:Odd", "BEGIN:STANDARD", "DTSTART:16011028T030000", "RRULE:\(rule)",
                "TZOFFSETTO:+0100", "END:STANDARD", "BEGIN:DAYLIGHT", "DTSTART:16010325T020000", "RRULE:\(rule)",
                "TZOFFSETTO:+999999", "END:DAYLIGHT", "END:VTIMEZONE"])
            #expect(i?.start?.instant(fallback: .gmt) != nil, "\(rule)")
        }
    }
}
