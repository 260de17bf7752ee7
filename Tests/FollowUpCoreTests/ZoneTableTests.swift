import Foundation
import TestSupport
import Testing
@testable import FollowUpCore

/// Table-driven timelines in zones with and without daylight saving.
@Suite struct ZoneTableTests {
    struct Case: CustomStringConvertible, Sendable {
        var zone: String
        var start: String
        var end: String
        var decision: String?
        var thankYou: String
        var checkIn: String // with the thank-you sent when due
        var description: String { "\(zone) \(start)" }
    }

    static let cases: [Case] = [
        // New York, March: clocks forward Sun 03-14.
        Case(zone: "America/New_York", start: "2027-03-12 15:00", end: "2027-03-12 16:00",
             thankYou: "2027-03-15T13:00:00Z", checkIn: "2027-03-19T20:00:00Z"),
        // New York, November: clocks back Sun 11-07; Friday afternoon interview.
        Case(zone: "America/New_York", start: "2027-11-05 14:00", end: "2027-11-05 15:00",
             thankYou: "2027-11-08T14:00:00Z", checkIn: "2027-11-12T20:00:00Z"),
        // Berlin, March: clocks forward Sun 03-28.
        Case(zone: "Europe/Berlin", start: "2027-03-26 14:00", end: "2027-03-26 15:00",
             thankYou: "2027-03-29T07:00:00Z", checkIn: "2027-04-02T13:00:00Z"),
        // Berlin, October: clocks back Sun 10-31; decision date on a Saturday.
        Case(zone: "Europe/Berlin", start: "2027-10-27 10:00", end: "2027-10-27 11:00", decision: "2027-10-30",
             thankYou: "2027-10-28T09:00:00Z", checkIn: "2027-11-01T08:00:00Z"),
        // Sydney: clocks back Sun 04-04 (AEDT -> AEST); Friday afternoon.
        Case(zone: "Australia/Sydney", start: "2027-04-02 15:00", end: "2027-04-02 16:00",
             thankYou: "2027-04-04T23:00:00Z", checkIn: "2027-04-09T06:00:00Z"),
        // Kolkata: no DST, half-hour offset; decision date on a Sunday.
        Case(zone: "Asia/Kolkata", start: "2027-01-12 10:00", end: "2027-01-12 11:00", decision: "2027-01-17",
             thankYou: "2027-01-13T05:30:00Z", checkIn: "2027-01-18T03:30:00Z"),
        // Auckland: clocks forward Sun 2027-09-26; Friday afternoon.
        Case(zone: "Pacific/Auckland", start: "2027-09-24 15:00", end: "2027-09-24 16:00",
             thankYou: "2027-09-26T20:00:00Z", checkIn: "2027-10-01T03:00:00Z"),
    ]

    @Test(arguments: cases)
    func timelineInZone(_ c: Case) {
        var h = history(zone: c.zone, start: c.start, end: c.end, decision: c.decision)
        let ty = h.timeline(at(c.end, c.zone)).step(.thankYou)?.due
        #expect(ty == utc(c.thankYou))
        h.send(.thankYou, at: ty!)
        #expect(h.timeline(ty!).step(.checkIn)?.due == utc(c.checkIn))
    }
}
