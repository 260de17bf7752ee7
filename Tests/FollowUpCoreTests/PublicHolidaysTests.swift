import Foundation
import Testing
import TestSupport
@testable import FollowUpCore

/// The holiday rules against python-holidays' dates (scripts/gen-holiday-expectations.py), every weekday and Saturday of 2025–2035.
@Suite struct PublicHolidaysTests {
    static let expectedFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Holidays/expected.tsv")

    /// place → the dates listed there.
    static func expected() throws -> [String: Set<LocalDate>] {
        var places: [String: Set<LocalDate>] = [:]
        for line in try String(contentsOf: expectedFile, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count >= 2, let date = LocalDate(iso: fields[1]) else { continue }
            places[fields[0], default: []].insert(date)
        }
        return places
    }

    @Test func everyPlaceMatchesPythonHolidaysFor2025Through2035() throws {
        let expected = try Self.expected()
        #expect(expected.count >= 30, "the file lists \(expected.count) places")
        for (code, dates) in expected.sorted(by: { $0.key < $1.key }) {
            let parts = code.split(separator: "-").map(String.init)
            let place = try #require(HolidayPlace(country: parts[0], region: parts.count > 1 ? parts[1] : nil), "\(code)")
            var missing: [String] = [], extra: [String] = []
            var day = LocalDate(year: 2025, month: 1, day: 1)
            while day.year <= 2035 {
                defer { day = day.adding(days: 1) }
                guard day.weekday != 1 else { continue }
                let ours = PublicHolidays.name(on: day, in: place)
                if dates.contains(day) && ours == nil { missing.append(day.description) }
                if !dates.contains(day), let ours { extra.append("\(day) \(ours)") }
            }
            #expect(missing.isEmpty && extra.isEmpty, "\(code): missing \(missing), not theirs \(extra)")
        }
    }

    @Test func easterSundays() {
        #expect(PublicHolidays.easter(2025) == LocalDate(year: 2025, month: 4, day: 20))
        #expect(PublicHolidays.easter(2027) == LocalDate(year: 2027, month: 3, day: 28))
        #expect(PublicHolidays.easter(2038) == LocalDate(year: 2038, month: 4, day: 25), "the latest possible")
        #expect(PublicHolidays.easter(2285) == LocalDate(year: 2285, month: 3, day: 22), "the earliest possible")
    }

    @Test func placesAreCheckedAndDefaultFromTheTimeZone() {
        #expect(HolidayPlace(country: "de", region: "DE-by")?.description == "DE-BY")
        #expect(HolidayPlace.problem(country: "DE", region: "XX")?.contains("DE has the regions BB, BE, BW, BY") == true)
        #expect(HolidayPlace.problem(country: "FR", region: "IDF")?.contains("whole country only") == true)
        #expect(HolidayPlace.problem(country: "ZZ", region: nil)?.contains("not of \"ZZ\"") == true)
        #expect(HolidayPlace.of(timeZone: "Europe/Berlin") == HolidayPlace(country: "DE"))
        #expect(HolidayPlace.of(timeZone: "America/Los_Angeles") == HolidayPlace(country: "US"))
        #expect(HolidayPlace.of(timeZone: "Asia/Tokyo") == nil, "no holidays known there")
    }
}

/// POLICY.md "How time is counted": the send window is closed on the employer's public holidays, and "the business day after" skips them.
@Suite struct HolidayTimingTests {
    func interview(_ zone: String, _ start: String, _ end: String, decision: String? = nil, country: String?, region: String? = nil) -> ApplicationHistory {
        var h = history(zone: zone, start: start, end: end, decision: decision)
        h.application.country = country
        h.application.region = region
        return h
    }

    @Test func aThankYouDueOnGoodFridayWaitsPastEasterMonday() {
        let zone = "Europe/Berlin"
        let h = interview(zone, "2027-03-25 10:00", "2027-03-25 11:00", country: "DE")
        #expect(h.timeline(at("2027-03-25 12:00", zone)).step(.thankYou)?.due == at("2027-03-30 09:00", zone),
                "Fri 26 Mar is Good Friday, Mon 29 Easter Monday")
        let nowhere = interview(zone, "2027-03-25 10:00", "2027-03-25 11:00", country: nil)
        #expect(nowhere.timeline(at("2027-03-25 12:00", zone)).step(.thankYou)?.due == at("2027-03-26 11:00", zone),
                "no country given: no holidays kept (the worked examples)")
    }

    @Test func theBusinessDayAfterTheDecisionDateSkipsAnObservedHoliday() {
        let zone = "America/New_York"
        // Christmas 2027 is a Saturday: Friday 24 December is the federal holiday.
        var h = interview(zone, "2027-12-14 10:00", "2027-12-14 11:00", decision: "2027-12-23", country: "US")
        h.send(.thankYou, at: at("2027-12-15 11:00", zone))
        #expect(h.timeline(at("2027-12-15 12:00", zone)).step(.checkIn)?.due == at("2027-12-27 09:00", zone))
    }

    @Test func aRegionsOwnHolidayCountsOnlyThere() {
        let zone = "Europe/Berlin"
        // Corpus Christi, Thu 27 May 2027: a holiday in Bavaria, not in Berlin.
        for (region, due) in [("BY", "2027-05-28 09:00"), ("BE", "2027-05-27 11:00")] {
            let h = interview(zone, "2027-05-26 10:00", "2027-05-26 11:00", country: "DE", region: region)
            #expect(h.timeline(at("2027-05-26 12:00", zone)).step(.thankYou)?.due == at(due, zone), "\(region)")
        }
    }

    @Test func theGateSaysWhichHolidayHoldsADraft() {
        let zone = "Europe/London"
        var h = interview(zone, "2027-08-26 10:00", "2027-08-26 11:00", country: "GB", region: "ENG")
        h.send(.thankYou, at: at("2027-08-27 11:00", zone))
        let now = at("2027-08-30 10:00", zone)  // the late summer bank holiday
        let draft = Draft(id: 7, applicationID: 1, round: 10, kind: .checkIn, recipientName: "Dana Reyes",
                          recipientEmail: "dana@acme.example", subject: "Following up", body: "Hello", due: at("2027-08-27 09:00", zone),
                          messageID: "c@x", state: .approved, createdAt: at("2027-08-27 09:00", zone))
        guard case .refuse(let refusals) = Gate.check(draft: draft, history: h, sendsToSameAddress: [], lastInboxCheck: now, now: now,
                                                      settings: try! PolicySettings()) else { Issue.record("sent on a holiday"); return }
        #expect(refusals.contains(.publicHoliday("Late Summer Bank Holiday", next: at("2027-08-31 09:00", zone))), "\(refusals)")
    }
}
