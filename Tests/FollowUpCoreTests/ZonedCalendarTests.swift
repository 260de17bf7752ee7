import Foundation
import TestSupport
import Testing
@testable import FollowUpCore

@Suite struct ZonedCalendarTests {
    func cal(_ zone: String, _ window: SendWindow = .standard) -> ZonedCalendar {
        try! ZonedCalendar(timeZoneIdentifier: zone, window: window)
    }

    @Test func unknownTimeZoneIsAnError() {
        #expect(throws: PolicyError.unknownTimeZone("Mars/Olympus")) {
            try ZonedCalendar(timeZoneIdentifier: "Mars/Olympus", window: .standard)
        }
    }

    @Test func localDateArithmeticMatchesTheCalendar() {
        let d = LocalDate(year: 2028, month: 2, day: 28)
        #expect(d.adding(days: 1) == LocalDate(year: 2028, month: 2, day: 29))
        #expect(d.adding(days: 2) == LocalDate(year: 2028, month: 3, day: 1))
        #expect(LocalDate(year: 2026, month: 12, day: 31).adding(days: 1) == LocalDate(year: 2027, month: 1, day: 1))
        #expect(LocalDate(year: 2027, month: 1, day: 15).weekday == 6) // a Friday
        #expect(LocalDate(year: 2027, month: 1, day: 17).weekday == 1) // a Sunday
        #expect(LocalDate(year: 1969, month: 12, day: 31).weekday == 4) // a Wednesday, before the epoch
    }

    @Test func sendWindowIsHalfOpen() {
        let c = cal("Europe/Berlin")
        #expect(c.isInsideWindow(at("2027-01-13 09:00", "Europe/Berlin")))
        #expect(c.isInsideWindow(at("2027-01-13 16:59", "Europe/Berlin")))
        #expect(!c.isInsideWindow(at("2027-01-13 17:00", "Europe/Berlin")))
        #expect(!c.isInsideWindow(at("2027-01-16 10:00", "Europe/Berlin"))) // Saturday
        #expect(c.firstWindowMoment(atOrAfter: at("2027-01-13 17:00", "Europe/Berlin")) == at("2027-01-14 09:00", "Europe/Berlin"))
        #expect(c.firstWindowMoment(atOrAfter: at("2027-01-13 12:34", "Europe/Berlin")) == at("2027-01-13 12:34", "Europe/Berlin"))
    }

    @Test func windowOpensAtNineOnTheDayClocksChange() {
        // Sunday-inclusive windows meet the change itself: 09:00 local, either offset.
        let every = SendWindow(weekdays: Set(1...7), opens: 540, closes: 1020)
        let ny = cal("America/New_York", every)
        #expect(ny.firstWindowMoment(atOrAfter: utc("2027-03-14T05:00:00Z")) == utc("2027-03-14T13:00:00Z"))
        #expect(ny.firstWindowMoment(atOrAfter: utc("2027-11-07T04:00:00Z")) == utc("2027-11-07T14:00:00Z"))
        let berlin = cal("Europe/Berlin", every)
        #expect(berlin.firstWindowMoment(atOrAfter: utc("2027-03-28T00:00:00Z")) == utc("2027-03-28T07:00:00Z"))
        #expect(berlin.firstWindowMoment(atOrAfter: utc("2027-10-31T00:00:00Z")) == utc("2027-10-31T08:00:00Z"))
    }

    @Test func nonexistentLocalTimeMovesForwardByTheGap() {
        // 02:30 does not exist in New York on 2027-03-14; it is read as 03:30 EDT.
        #expect(cal("America/New_York").instant(on: LocalDate(iso: "2027-03-14")!, minute: 150) == utc("2027-03-14T07:30:00Z"))
    }

    @Test func ambiguousLocalTimeTakesTheEarlierInstant() {
        // 01:30 happens twice in New York on 2027-11-07; the first is EDT.
        #expect(cal("America/New_York").instant(on: LocalDate(iso: "2027-11-07")!, minute: 90) == utc("2027-11-07T05:30:00Z"))
    }

    @Test func oneWeekAfterFriday1600IsNextFriday1600AcrossDST() {
        let ny = cal("America/New_York")
        #expect(ny.adding(days: 7, to: at("2027-03-12 16:00", "America/New_York")) == utc("2027-03-19T20:00:00Z"))
        #expect(ny.adding(days: 7, to: at("2027-11-05 16:00", "America/New_York")) == utc("2027-11-12T21:00:00Z"))
        let syd = cal("Australia/Sydney") // clocks go back Sun 2027-04-04
        #expect(syd.adding(days: 7, to: at("2027-04-02 16:00", "Australia/Sydney")) == utc("2027-04-09T06:00:00Z"))
    }

    @Test func businessDayAfterADateSkipsNonWindowDays() {
        let c = cal("Asia/Kolkata")
        // Decision Friday -> Monday; decision Saturday -> Monday.
        #expect(c.businessDayOpening(after: LocalDate(iso: "2027-01-15")!) == utc("2027-01-18T03:30:00Z"))
        #expect(c.businessDayOpening(after: LocalDate(iso: "2027-01-16")!) == utc("2027-01-18T03:30:00Z"))
        #expect(c.businessDayOpening(after: LocalDate(iso: "2027-01-13")!) == utc("2027-01-14T03:30:00Z"))
        let sixDays = cal("Asia/Kolkata", SendWindow(weekdays: [2, 3, 4, 5, 6, 7], opens: 600, closes: 960))
        #expect(sixDays.businessDayOpening(after: LocalDate(iso: "2027-01-15")!) == utc("2027-01-16T04:30:00Z"))
    }

    @Test func hoursAreElapsedTimeAcrossDST() {
        // 24 h after Saturday 12:00 EST is Sunday 13:00 EDT, not 12:00.
        let h = history(zone: "America/New_York", start: "2027-03-13 11:00", end: "2027-03-13 12:00")
        let every = try! PolicySettings(sendWindow: SendWindow(weekdays: Set(1...7), opens: 0, closes: 1440))
        #expect(h.timeline(utc("2027-03-13T18:00:00Z"), every).step(.thankYou)?.due == at("2027-03-14 13:00", "America/New_York"))
    }
}

@Suite struct ZonedCalendarWindowValidationTests {
    @Test func windowWithoutARealDayIsRejected() {
        for days in [Set<Int>(), [0, 8]] {
            #expect(throws: PolicyError.emptySendWindow) {
                try ZonedCalendar(timeZoneIdentifier: "Europe/Berlin", window: SendWindow(weekdays: days, opens: 540, closes: 1020))
            }
        }
    }
}
