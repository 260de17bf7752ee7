import Foundation
import Testing
import MailMessage
import FollowUpCore
@testable import FollowUpReplies

/// An invitation from someone no application knows: a proposal when it looks
/// like an interview, and nothing otherwise.
@Suite struct InvitationProposalTests {
    static func iso(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
    let context = World.context()
    let now = Self.iso("2026-11-20T15:00:00Z")

    /// "Phone screen – Data Analyst" from dana@globex-labs.io on Tue 2026-11-24, written in Outlook's zone name.
    func invitation(_ method: String? = "REQUEST", summary: String = "Phone screen \u{2013} Data Analyst",
                    organizer: String = "Dana Roe:mailto:dana@globex-labs.io", from: String = "dana@globex-labs.io",
                    attendees: [String] = ["mailto:alex@example.org"], start: String = "DTSTART;TZID=W. Europe Standard Time:20261124T100000",
                    extra: [String] = [], description: String? = nil) -> IncomingMessage {
        var message = World.mail(from: from, subject: "Invitation: \(summary)")
        let lines = ["BEGIN:VCALENDAR"] + (method.map { ["METHOD:\($0)"] } ?? []) + [
            "BEGIN:VEVENT", "UID:screen-7@globex-labs.io", "SEQUENCE:0", "ORGANIZER;CN=\(organizer)",
        ] + attendees.map { "ATTENDEE;CN=Alex:\($0)" } + [start, "DURATION:PT30M", "SUMMARY:\(summary)"]
            + (description.map { ["DESCRIPTION:\($0)"] } ?? []) + extra + ["END:VEVENT", "END:VCALENDAR"]
        message.invitation = CalendarInvitation.parse(lines.joined(separator: "\r\n"))
        return message
    }

    func proposal(_ message: IncomingMessage, in context: ReplyContext? = nil, at now: Date? = nil) -> Proposal? {
        guard case .propose(let proposal)? = (context ?? self.context).proposalEffect(of: message, fallbackZone: .gmt, now: now ?? self.now)
        else { return nil }
        return proposal
    }

    @Test func aStrangersInterviewInvitationIsProposedWithItsGuesses() throws {
        let proposal = try #require(self.proposal(invitation()))
        #expect(proposal.uid == "screen-7@globex-labs.io" && proposal.sequence == 0)
        #expect(proposal.timeZone == "Europe/Berlin", "the Windows name, mapped")
        #expect(proposal.start == Self.iso("2026-11-24T09:00:00Z") && proposal.end == Self.iso("2026-11-24T09:30:00Z"))
        #expect(proposal.contactEmail == "dana@globex-labs.io" && proposal.contactName == "Dana Roe")
        #expect(proposal.company == "Globex Labs" && proposal.role == "Data Analyst")
        #expect(proposal.evidence == "it says \u{201C}phone screen\u{201D}")
        #expect(proposal.receivedAt == now)
    }

    @Test(arguments: ["Vorstellungsgespräch Softwareentwickler", "Entretien – Chef de projet", "Entrevista con RR. HH.",
                      "Technical round 2", "Onsite loop", "Hiring manager chat"])
    func interviewWordsInOtherLanguagesAndShapes(summary: String) {
        #expect(proposal(invitation(summary: summary)) != nil, "\(summary)")
    }

    @Test func aSchedulingSystemsInvitationIsProposedWithoutInterviewWords() throws {
        let booked = invitation(summary: "30 minute meeting with Dana", organizer: "Dana Roe:mailto:dana@globex-labs.io",
                                from: "scheduling@goodtime.io")
        #expect(try #require(proposal(booked)).evidence == "GoodTime sent it")
        // Its own .ics file is often PUBLISH, or has no METHOD.
        #expect(proposal(invitation("PUBLISH", summary: "Chat with Dana", from: "notifications@calendly.com")) != nil)
        #expect(proposal(invitation(nil, summary: "Chat with Dana", from: "notifications@calendly.com")) != nil)
        // Google Calendar sends every meeting.
        #expect(proposal(invitation(summary: "Coffee", from: "calendar-notification@google.com")) == nil)
    }

    @Test func aBookingMailboxOrganisesAndTheInterviewerIsTheContact() throws {
        let booked = invitation(organizer: "Globex Interviews:mailto:interviews@globex-labs.io",
                                attendees: ["mailto:alex@example.org", "mailto:sam.lee@globex-labs.io"])
        #expect(try #require(proposal(booked)).contactEmail == "sam.lee@globex-labs.io")
        let calendar = invitation(organizer: "Recruiting:mailto:c_abc123@group.calendar.google.com",
                                  attendees: ["mailto:alex@example.org", "mailto:c_abc123@group.calendar.google.com"])
        #expect(proposal(calendar) == nil, "no person to write to")
    }

    @Test func whatIsNeverAProposal() {
        #expect(proposal(invitation(summary: "Team lunch")) == nil, "an ordinary meeting")
        #expect(proposal(invitation("REPLY")) == nil)
        #expect(proposal(invitation("PUBLISH")) == nil, "published to many: a webinar")
        #expect(proposal(invitation(organizer: "Alex:mailto:alex@example.org", from: "alex@example.org")) == nil, "the user's own")
        #expect(proposal(invitation(organizer: "Kim:mailto:kim@example.org", from: "kim@example.org")) == nil, "a colleague's")
        #expect(proposal(invitation(attendees: ["mailto:someone@else.example"])) == nil, "not for the user")
        #expect(proposal(invitation(extra: ["RRULE:FREQ=WEEKLY"])) == nil, "a standing meeting")
        #expect(proposal(invitation(start: "DTSTART;VALUE=DATE:20261124")) == nil, "a whole day")
        #expect(proposal(invitation(), at: Self.iso("2026-12-01T09:31:00Z")) == nil, "a week past its end")
        #expect(proposal(invitation(), at: Self.iso("2026-12-01T09:29:00Z")) != nil, "not yet a week past")
        var listed = invitation(summary: "Hiring event: meet our team")
        listed.bulkHeaders = ["List-Unsubscribe"]
        #expect(proposal(listed) == nil, "a mailing list's")
    }

    @Test func aCancellationWithdrawsAndAKnownApplicationsInvitationIsNoProposal() {
        #expect(context.proposalEffect(of: invitation("CANCEL"), fallbackZone: .gmt, now: now) == .withdraw(uid: "screen-7@globex-labs.io"))
        var acme = World.acme
        acme.events[0].invitationUID = "screen-7@globex-labs.io"
        #expect(World.context([acme]).proposalEffect(of: invitation(), fallbackZone: .gmt, now: now) == nil)
    }

    @Test func aStrangersTextIsOneShortLine() throws {
        let long = "Phone screen\\nDROP\u{1B}[2J " + String(repeating: "x", count: 300)
        let proposal = try #require(self.proposal(invitation(summary: long)))
        #expect(!proposal.summary.unicodeScalars.contains { $0.isControlCharacter } && proposal.summary.count == 160, "\(proposal.summary)")
    }

    @Test func guessesFromDomainsAndSummaries() {
        #expect(InvitationGuess.company(fromDomain: "acme.co.uk") == "Acme")
        #expect(InvitationGuess.company(fromDomain: "mail.acme-robotics.com") == "Acme Robotics")
        #expect(InvitationGuess.company(fromDomain: "acme.onmicrosoft.com") == nil)
        #expect(InvitationGuess.company(fromSummary: "Interview: Backend Engineer at Initech") == "Initech")
        #expect(InvitationGuess.company(fromSummary: "Initech | Phone screen") == "Initech")
        #expect(InvitationGuess.role(fromSummary: "Interview: Backend Engineer at Initech") == "Backend Engineer")
        #expect(InvitationGuess.role(fromSummary: "Platform Engineer interview") == "Platform Engineer")
        #expect(InvitationGuess.role(fromSummary: "Intro call with Jane at Initech") == nil)
    }
}
