import Testing
@testable import FollowUpCore

@Suite struct LocalDateTests {
    @Test func parsesISODates() {
        #expect(LocalDate(iso: "2027-01-14") == LocalDate(year: 2027, month: 1, day: 14))
        #expect(LocalDate(iso: "2028-02-29") != nil)
    }

    @Test func rejectsImpossibleDates() {
        for bad in ["2027-02-29", "2027-13-01", "2027-1-14", "14.01.2027", ""] {
            #expect(LocalDate(iso: bad) == nil, "\(bad)")
        }
    }
}
