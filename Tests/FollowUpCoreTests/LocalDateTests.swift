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

@Suite struct SendWindowParsingTests {
    @Test func parsesTheDefault() throws {
        #expect(try SendWindow(parsing: "Mon-Fri 09:00-17:00") == .standard)
    }

    @Test func parsesListsAndWrappingRanges() throws {
        let w = try SendWindow(parsing: "Sat-Mon,Wed 10:00-16:30")
        #expect(w.weekdays == [7, 1, 2, 4])
        #expect(w.opens == 600 && w.closes == 990)
    }

    @Test func rejectsNonsense() {
        for bad in ["Mon-Fri", "Mon-Fry 09:00-17:00", "Mon-Fri 17:00-09:00", "Mon-Fri 9-17", "Mon-Fri 09:00-25:00"] {
            #expect(throws: SendWindow.ParseError.self, "\(bad)") { try SendWindow(parsing: bad) }
        }
    }
}
