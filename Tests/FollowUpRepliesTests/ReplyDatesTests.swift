import Foundation
import Testing
import FollowUpCore
@testable import FollowUpReplies

/// POLICY.md "How time is counted": dates in a reply are read in the
/// application's time zone; a date without a year is the next such date.
@Suite struct ReplyDatesTests {
    static let newYork = TimeZone(identifier: "America/New_York")!

    /// Monday 2026-11-16, 10:00 in New York.
    let monday = ReplyDates(written: World.instant("2026-11-16T15:00:00Z"), timeZone: newYork)

    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test(arguments: [
        ("We'll decide by Friday.", "2026-11-20"),
        ("Expect news next Friday.", "2026-11-27"),
        ("We'll get back to you next week.", "2026-11-27"),
        ("Hopefully by the end of the week.", "2026-11-20"),
        ("We should know in two weeks.", "2026-11-30"),
        ("within 3 business days", "2026-11-19"),
        ("in a couple of weeks", "2026-11-30"),
        ("in a month", "2026-12-16"),
        ("We're aiming for early December.", "2026-12-10"),
        ("by mid-December", "2026-12-20"),
        ("towards the end of December", "2026-12-31"),
        ("sometime in December", "2026-12-31"),
        ("We'll decide by December 18.", "2026-12-18"),
        ("by the 18th of December", "2026-12-18"),
        ("on Dec. 18th", "2026-12-18"),
        ("on December 18, 2027", "2027-12-18"),
        ("a decision on 2026-12-01", "2026-12-01"),
        ("We meet again on the 3rd.", "2026-12-03"),
        ("by the 20th", "2026-11-20"),
        ("I'll call you tomorrow.", "2026-11-17"),
        ("by the end of the month", "2026-11-30"),
        ("early next month", "2026-12-10"),
        ("the week after next", "2026-12-04"),
    ])
    func datePhrasesResolveFromTheReplyDay(text: String, expected: String) {
        #expect(monday.latestDate(in: text) == day(expected))
    }

    @Test func weekdayNamedOnThatWeekdayIsNextWeeks() {
        let friday = ReplyDates(written: World.instant("2026-11-20T15:00:00Z"), timeZone: Self.newYork)
        #expect(friday.latestDate(in: "We'll decide by Friday") == day("2026-11-27"))
    }

    @Test func weekdayWithItsDateIsReadOnceAsTheDate() {
        #expect(monday.dates(in: "back on Thursday, December 3") == [day("2026-12-03")])
    }

    @Test(arguments: [
        ("2026-12-14T15:00:00Z", "early January", "2027-01-10"),
        ("2026-12-14T15:00:00Z", "by January 8", "2027-01-08"),
        ("2026-12-14T15:00:00Z", "in three weeks", "2027-01-04"),
        ("2026-12-28T15:00:00Z", "next week", "2027-01-08"),
        ("2026-12-28T15:00:00Z", "on the 5th", "2027-01-05"),
    ])
    func yearRollsOverInDecember(written: String, text: String, expected: String) {
        let december = ReplyDates(written: World.instant(written), timeZone: Self.newYork)
        #expect(december.latestDate(in: text) == day(expected))
    }

    @Test func dayIsTheReplyDayInTheApplicationsTimeZone() {
        // Thu 2026-11-19 22:00 in New York is already Friday 04:00 in Berlin.
        let instant = World.instant("2026-11-20T03:00:00Z")
        #expect(ReplyDates(written: instant, timeZone: Self.newYork).latestDate(in: "tomorrow") == day("2026-11-20"))
        #expect(ReplyDates(written: instant, timeZone: TimeZone(identifier: "Europe/Berlin")!).latestDate(in: "tomorrow") == day("2026-11-21"))
    }

    @Test func recentPastDateIsAMentionNotNextYearsDate() {
        #expect(monday.dates(in: "Since we met on November 10, we need a bit more time.") == [])
        #expect(monday.latestDate(in: "Since we met on November 10, we'll decide by November 25.") == day("2026-11-25"))
    }

    @Test func severalDatesGiveTheLatest() {
        #expect(monday.latestDate(in: "We hoped to decide by Friday, but now expect it by December 4.") == day("2026-12-04"))
    }

    @Test func textWithoutADateGivesNone() {
        #expect(monday.latestDate(in: "We may need more time; thanks for your patience.") == nil)
    }

    @Test func needMoreTimeReplyCarriesTheDateInTheApplicationsZone() {
        // POLICY worked example 7, with a date: the Madrid contact writes Thu 2027-01-21 10:30 CET.
        let madrid = Application(id: 7, company: "Zeta", role: "Analyst",
                                 contacts: [Contact(name: "Ana", email: "ana@zeta.es")], companyDomains: ["zeta.es"],
                                 timeZone: "Europe/Madrid", events: [World.interview(71, "2027-01-12T09:00:00Z")])
        let message = World.mail(from: "ana@zeta.es", body: "We need a bit more time. We'll get back to you by next Wednesday.",
                                 at: "2027-01-21T09:30:00Z")
        let attribution = World.context([madrid]).verdict(for: message).attribution
        #expect(attribution?.replyClass == .needMoreTime)
        #expect(attribution?.reading.until == day("2027-01-27"))
    }

    @Test func needMoreTimeWithoutADateHasNoDate() {
        let message = World.mail(from: "jane@acme.com", body: "We're still interviewing. Thanks for your patience!")
        let attribution = World.context().verdict(for: message).attribution
        #expect(attribution?.replyClass == .needMoreTime)
        #expect(attribution?.reading.until == nil)
    }

    @Test func datesInOurQuotedTextAreNotRead() {
        let body = "We need a bit more time.\n\nOn Mon, Nov 16, 2026 Alex <alex@example.org> wrote:\n> Could we talk by December 30?"
        let attribution = World.context().verdict(for: World.mail(from: "jane@acme.com", body: body)).attribution
        #expect(attribution?.reading.until == nil)
    }
}

/// Numeric dates: the writer's order, but never a reading already past.
@Suite struct NumericDateTests {
    static func reader(_ written: String, _ order: NumericDateOrder) -> ReplyDates {
        ReplyDates(written: ISO8601DateFormatter().date(from: written)!, timeZone: TimeZone(identifier: "Europe/London")!, order: order)
    }

    @Test func theWritersOrderDecides() {
        #expect(Self.reader("2026-11-20T12:00:00Z", .monthFirst).latestDate(in: "back on 12/14/2026")?.description == "2026-12-14")
        #expect(Self.reader("2026-11-20T12:00:00Z", .dayFirst).latestDate(in: "back on 07/12/2026")?.description == "2026-12-07")
        #expect(Self.reader("2026-11-20T12:00:00Z", .either).latestDate(in: "back on 04/01/2027")?.description == "2027-04-01")
        #expect(Self.reader("2026-11-20T12:00:00Z", .monthFirst).latestDate(in: "bis 14.12.2026.")?.description == "2026-12-14")
    }

    @Test func aReadingAlreadyPastGivesWayToTheOther() {
        // April 12 is past on November 30: the writer meant December 4.
        #expect(Self.reader("2026-11-30T12:00:00Z", .monthFirst).latestDate(in: "out until 04/12/2026")?.description == "2026-12-04")
    }

    @Test func theLanguageAndTheCountryGiveTheOrder() {
        #expect(NumericDateOrder(language: .english, timeZone: "America/New_York") == .monthFirst)
        #expect(NumericDateOrder(language: .english, timeZone: "America/Toronto") == .either)
        #expect(NumericDateOrder(language: .english, timeZone: "Europe/London") == .dayFirst)
        #expect(NumericDateOrder(language: .german, timeZone: "America/New_York") == .dayFirst)
        #expect(TextLanguage.of("Ich bin bis zum 14.12. nicht im Büro und habe keinen Zugriff") == .german)
        #expect(TextLanguage.of("Je suis absente et je serai de retour le 14/12") == .french)
        #expect(TextLanguage.of("I am out of the office until Monday") == .english)
    }
}
