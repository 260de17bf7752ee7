import Foundation
import Testing
import TestSupport
import FollowUpCore
@testable import FuctlCommands

/// `fuctl add --ics`: an application from a saved invitation, the flags filling in or overriding.
@Suite struct AddFromInvitationTests {
    /// Outlook's way: a Windows zone name, the recruiter organising, the candidate attending.
    static func calendar(summary: String = "Interview: Platform Engineer at Acme Robotics", method: String = "REQUEST",
                         tzid: String = "W. Europe Standard Time") -> String {
        [
            "BEGIN:VCALENDAR", "PRODID:Microsoft Exchange Server 2010", "VERSION:2.0", "METHOD:\(method)",
            "BEGIN:VEVENT", "UID:040000008200E00074C5B7101A82E008", "SEQUENCE:0",
            "ORGANIZER;CN=Dana Reyes:mailto:dana@acme-robotics.example",
            "ATTENDEE;ROLE=REQ-PARTICIPANT;CN=Morgan Lee:mailto:morgan@example.com",
            "SUMMARY;LANGUAGE=en-US:\(summary)",
            "DTSTART;TZID=\(tzid):20270112T100000", "DTEND;TZID=\(tzid):20270112T110000",
            "END:VEVENT", "END:VCALENDAR",
        ].joined(separator: "\r\n")
    }

    func write(_ f: Fixture, _ text: String, name: String = "invite.ics") throws -> String {
        let path = f.dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func added(_ f: Fixture, _ r: Fixture.Outcome) throws -> ApplicationHistory {
        #expect(r.code == 0, "\(r.errors)")
        let object = try #require(try json(r.output) as? [String: Any])
        let id = try #require(object["id"] as? Int)
        return try #require(try f.workspace().store.history(for: ApplicationID(id)))
    }

    @Test func everythingComesFromTheInvitationInItsOwnZone() throws {
        let f = try Fixture()
        defer { f.remove() }
        let r = f.run(["add", "--json", "--ics", try write(f, Self.calendar())])
        let history = try added(f, r)
        let app = history.application
        #expect(app.company == "Acme Robotics" && app.role == "Platform Engineer")
        #expect(app.contacts == [Contact(name: "Dana Reyes", email: "dana@acme-robotics.example")])
        #expect(app.companyDomains == ["acme-robotics.example"])
        #expect(app.timeZone == "Europe/Berlin", "the Windows name read as its IANA zone")
        #expect(app.events.first?.start == utc("2027-01-12T09:00:00Z") && app.events.first?.end == utc("2027-01-12T10:00:00Z"))
        // The thank-you: the first send-window moment 24 h after the end, in Berlin.
        let ws = try f.workspace()
        let timeline = try #require(try Timeline.current(history: history, settings: ws.settings, now: Fixture.afterInterview))
        #expect(timeline.step(.thankYou)?.due == utc("2027-01-13T10:00:00Z"))
    }

    @Test func flagsFillInAndOverride() throws {
        let f = try Fixture()
        defer { f.remove() }
        let r = f.run(["add", "--json", "--ics", "-", "--company", "Acme", "--duration", "1h30m", "--talking-point", "the build system"],
                      input: Data(Self.calendar(summary: "Chat with Dana").utf8))
        #expect(r.code == FuctlMain.usage && r.errors.contains("the invitation does not say: give --role"), "\(r.errors)")
        let history = try added(f, f.run(["add", "--json", "--ics", "-", "--company", "Acme", "--role", "SRE", "--duration", "1h30m"],
                                         input: Data(Self.calendar(summary: "Chat with Dana").utf8)))
        #expect(history.application.company == "Acme" && history.application.role == "SRE")
        #expect(history.application.events.first?.end == utc("2027-01-12T10:30:00Z"))
    }

    @Test func aWholeMailCarryingTheInvitationIsReadToo() throws {
        let f = try Fixture()
        defer { f.remove() }
        let encoded = Data(Self.calendar(tzid: "Europe/Berlin").utf8).base64EncodedString(options: .lineLength76Characters)
        let mail = """
            From: Dana Reyes <dana@acme-robotics.example>\r
            To: Morgan Lee <morgan@example.com>\r
            Subject: Invitation: Platform Engineer interview\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            You are invited.\r
            --b\r
            Content-Type: text/calendar; charset=utf-8; method=REQUEST\r
            Content-Transfer-Encoding: base64\r
            \r
            \(encoded)\r
            --b--\r

            """
        let history = try added(f, f.run(["add", "--json", "--ics", try write(f, mail, name: "invite.eml")]))
        #expect(history.application.timeZone == "Europe/Berlin" && history.application.role == "Platform Engineer")
    }

    @Test func wrongUseIsRefusedClearly() throws {
        let f = try Fixture()
        defer { f.remove() }
        let file = try write(f, Self.calendar())
        #expect(f.run(["add", "--ics", file, "--interview", "2027-01-12 10:00"]).code == FuctlMain.usage)
        let cancelled = f.run(["add", "--ics", try write(f, Self.calendar(method: "CANCEL"), name: "cancel.ics")])
        #expect(cancelled.code == FuctlMain.usage && cancelled.errors.contains("is a cancellation"), "\(cancelled.errors)")
        let empty = f.run(["add", "--ics", try write(f, "not a calendar", name: "x.ics")])
        #expect(empty.code == FuctlMain.usage && empty.errors.contains("no calendar event"), "\(empty.errors)")
        #expect(f.run(["add", "--company", "Acme"]).errors.contains("give --role"))
    }

    @Test func theInvitationIsKeptForItsUpdatesAndWhatWasGuessedIsShown() throws {
        let f = try Fixture()
        defer { f.remove() }
        let r = f.run(["add", "--ics", try write(f, Self.calendar()), "--role", "Platform Engineer"])
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("company  Acme Robotics") && r.output.contains("contact  Dana Reyes <dana@acme-robotics.example>")
                && r.output.contains("zone     Europe/Berlin") && !r.output.contains("role "), "\(r.output)")
        let event = try #require(try f.workspace().store.applications().last?.events.first)
        #expect(event.invitationUID == "040000008200E00074C5B7101A82E008" && event.invitationSequence == 0)
    }

    /// A 7bit or quoted-printable calendar part is read after its transfer encoding is undone.
    @Test func aQuotedPrintableCalendarPartIsDecodedFirst() throws {
        let f = try Fixture()
        defer { f.remove() }
        let quoted = Self.calendar().replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: "CN=3DDana Reyes", with: "CN=3D\"Dana=\r\n Reyes\"")
        let mail = """
            From: Dana Reyes <dana@acme-robotics.example>\r
            To: Morgan Lee <morgan@example.com>\r
            Subject: Invitation: Platform Engineer interview\r
            MIME-Version: 1.0\r
            Content-Type: text/calendar; charset=utf-8; method=REQUEST\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            \(quoted)\r

            """
        let history = try added(f, f.run(["add", "--json", "--ics", try write(f, mail, name: "invite.eml")]))
        #expect(history.application.timeZone == "Europe/Berlin", "TZID=3D… decoded")
        #expect(history.application.contacts.first?.name == "Dana Reyes", "\(history.application.contacts)")
    }
}
