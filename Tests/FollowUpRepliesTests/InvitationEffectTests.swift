import Foundation
import Testing
import MailMessage
import FollowUpCore
@testable import FollowUpReplies

/// What an invitation in the inbox does to a tracked application's interviews.
@Suite struct InvitationEffectTests {
    static func iso(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
    /// Acme's interview: Tue 2026-11-10 15:00–16:00Z, recorded by hand.
    let context = World.context()

    func invitation(_ method: String = "REQUEST", uid: String = "int-1@acme.com", sequence: Int = 0,
                    start: String = "20261110T150000Z", end: String = "20261110T160000Z",
                    organizer: String = "jane@acme.com", at arrival: String = "2026-11-05T09:00:00Z") -> IncomingMessage {
        var message = World.mail(from: organizer, subject: "Invitation: Backend Engineer interview", at: arrival)
        message.invitation = CalendarInvitation.parse([
            "BEGIN:VCALENDAR", "METHOD:\(method)", "BEGIN:VEVENT", "UID:\(uid)", "SEQUENCE:\(sequence)",
            "ORGANIZER;CN=Jane Doe:mailto:\(organizer)", "ATTENDEE:mailto:alex@example.org",
            "DTSTART:\(start)", "DTEND:\(end)", "SUMMARY:Backend Engineer interview", "END:VEVENT", "END:VCALENDAR",
        ].joined(separator: "\r\n"))
        return message
    }

    /// The context once Acme's interview carries the invitation's UID.
    func linked(sequence: Int = 0) -> ReplyContext {
        var acme = World.acme
        acme.events[0].invitationUID = "int-1@acme.com"
        acme.events[0].invitationSequence = sequence
        return World.context([acme, World.globex, World.initech])
    }

    @Test func theInvitationOfAnInterviewRecordedByHandIsLinkedToIt() {
        #expect(context.invitationEffect(of: invitation()) == .adopt(11, uid: "int-1@acme.com", sequence: 0,
                                                                       start: Self.iso("2026-11-10T15:00:00Z"), end: Self.iso("2026-11-10T16:00:00Z")))
        // Its time is the invitation's when the user typed another.
        #expect(context.invitationEffect(of: invitation(start: "20261110T153000Z", end: "20261110T163000Z"))
                == .adopt(11, uid: "int-1@acme.com", sequence: 0, start: Self.iso("2026-11-10T15:30:00Z"), end: Self.iso("2026-11-10T16:30:00Z")))
    }

    @Test func aNewerVersionMovesItAndAnOlderOrTheSameChangesNothing() {
        let moved = invitation(sequence: 1, start: "20261111T150000Z", end: "20261111T160000Z")
        #expect(linked().invitationEffect(of: moved) == .move(11, sequence: 1, start: Self.iso("2026-11-11T15:00:00Z"),
                                                                end: Self.iso("2026-11-11T16:00:00Z")))
        #expect(linked(sequence: 1).invitationEffect(of: moved) == nil, "read again: already applied")
        #expect(linked().invitationEffect(of: invitation(sequence: 1)) == nil, "a minor update: same time")
    }

    @Test func aCancellationCancelsIt() {
        #expect(linked().invitationEffect(of: invitation("CANCEL", sequence: 1)) == .cancel(11, uid: "int-1@acme.com", sequence: 1))
        #expect(context.invitationEffect(of: invitation("CANCEL", uid: "other@acme.com")) == .cancel(11, uid: "other@acme.com", sequence: 0),
                "by its time")
        #expect(context.invitationEffect(of: invitation("CANCEL", uid: "other@acme.com", start: "20261110T170000Z", end: "20261110T180000Z"))
                == nil, "two hours off: another meeting")
        #expect(context.invitationEffect(of: invitation("CANCEL", start: "20261201T150000Z", end: "20261201T160000Z")) == nil,
                "a cancellation of some other meeting")
    }

    @Test func anInvitationToALaterInterviewIsANewRound() {
        let next = invitation(uid: "int-2@acme.com", start: "20261124T150000Z", end: "20261124T160000Z", at: "2026-11-18T09:00:00Z")
        guard case .newRound(1, let event)? = linked().invitationEffect(of: next) else {
            Issue.record("\(String(describing: linked().invitationEffect(of: next)))")
            return
        }
        #expect(event.start == Self.iso("2026-11-24T15:00:00Z") && event.invitationUID == "int-2@acme.com")
        // As a reply it is a next step for the round it follows; an update of a known interview is no reply.
        #expect(linked().verdict(for: next).replyClass == .nextStep)
        var update = invitation(sequence: 2, start: "20261111T150000Z", end: "20261111T160000Z", at: "2026-11-18T09:00:00Z")
        update.subject = "Updated invitation: Backend Engineer interview"
        #expect(linked().verdict(for: update) == .ignored(.calendarUpdate(1)))
    }

    @Test func invitationsTheUserSentRepliesAndStrangersChangeNothing() {
        #expect(context.invitationEffect(of: invitation(organizer: "alex@example.org")) == nil)
        #expect(context.invitationEffect(of: invitation("REPLY")) == nil)
        #expect(context.invitationEffect(of: invitation(organizer: "someone@elsewhere.example")) == nil)
    }
}

extension InvitationEffectTests {
    /// Found in review: what must not start a round.
    @Test func aWebinarAStandingMeetingOrAnAmbiguousContactStartsNoRound() {
        var published = invitation("PUBLISH", uid: "webinar@acme.com", start: "20261124T150000Z", end: "20261124T160000Z",
                                   at: "2026-11-18T09:00:00Z")
        #expect(linked().invitationEffect(of: published) == nil, "published to many")
        published.invitation?.method = "REQUEST"
        published.invitation?.attendees = [MailAddress(address: "team@acme.com")]
        #expect(linked().invitationEffect(of: published) == nil, "the user is not invited")
        published.invitation?.attendees = [MailAddress(address: "alex@example.org")]
        published.invitation?.recurring = true
        #expect(linked().invitationEffect(of: published) == nil, "a standing meeting")
        // One recruiter for two applications: which one is not guessed.
        var acme = World.acme, other = World.globex
        acme.events[0].invitationUID = "int-1@acme.com"
        other.contacts = acme.contacts
        let ambiguous = World.context([acme, other])
        #expect(ambiguous.invitationEffect(of: invitation(uid: "int-2@acme.com", start: "20261124T150000Z", end: "20261124T160000Z",
                                                           at: "2026-11-18T09:00:00Z")) == nil)
    }
}

extension InvitationEffectTests {
    /// Acme's interview linked to its invitation, recorded on 1 November: what arrives after is read.
    func recorded() -> ReplyContext {
        var acme = World.acme
        acme.events[0].invitationUID = "int-1@acme.com"
        acme.events[0].recordedAt = Self.iso("2026-11-01T09:00:00Z")
        return World.context([acme, World.globex, World.initech])
    }

    @Test func aCancellationThatSaysTheyWillNotGoOnIsARejectionToo() {
        var cancel = invitation("CANCEL", sequence: 1)
        cancel.body = "Hi Alex, we have decided to move forward with other candidates, so I am cancelling our interview."
        #expect(linked().invitationEffect(of: cancel) == .cancel(11, uid: "int-1@acme.com", sequence: 1))
        #expect(recorded().verdict(for: cancel).replyClass == .rejection)
        var plain = invitation("CANCEL", sequence: 1)
        plain.body = "This event has been cancelled."
        #expect(recorded().verdict(for: plain) == .ignored(.calendarUpdate(1)))
    }

    @Test func anInvitationCutBeforeItsEndChangesNothingAndIsUnclear() {
        var cut = invitation(sequence: 1, start: "20261111T150000Z", end: "20261111T160000Z")
        cut.invitation?.isComplete = false
        #expect(linked().invitationEffect(of: cut) == nil)
        #expect(recorded().verdict(for: cut).replyClass == .unclear)
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261111T150000Z\r\nX-ALT-DESC:<p>"
        #expect(CalendarInvitation.parse(text)?.isComplete == false)
        #expect(CalendarInvitation.parse(text + "\r\nEND:VEVENT\r\nEND:VCALENDAR")?.isComplete == true)
    }
}

/// Found in review: reschedules, reused calendar entries, and rounds that keep their order.
extension InvitationEffectTests {
    @Test func aCancelledInterviewInvitedAgainTakesPlaceAfterAll() {
        var acme = World.acme
        acme.events[0].cancelledAt = Self.iso("2026-11-06T09:00:00Z")
        acme.events[0].invitationUID = "int-1@acme.com"
        acme.events[0].invitationSequence = 1
        let context = World.context([acme, World.globex, World.initech])
        // The same UID, a higher SEQUENCE, the same time: restored.
        #expect(context.invitationEffect(of: invitation(sequence: 2, at: "2026-11-07T09:00:00Z"))
                == .move(11, sequence: 2, start: Self.iso("2026-11-10T15:00:00Z"), end: Self.iso("2026-11-10T16:00:00Z")))
        #expect(context.invitationEffect(of: invitation(sequence: 1, at: "2026-11-07T09:00:00Z")) == nil, "not newer than the cancellation")
        // Rescheduled under a new UID, earlier than before: the cancelled interview is adopted and moved.
        #expect(context.invitationEffect(of: invitation(uid: "int-2@acme.com", start: "20261109T150000Z", end: "20261109T160000Z",
                                                        at: "2026-11-07T09:00:00Z"))
                == .adopt(11, uid: "int-2@acme.com", sequence: 0, start: Self.iso("2026-11-09T15:00:00Z"), end: Self.iso("2026-11-09T16:00:00Z")))
    }

    @Test func aCalendarEntryReusedAfterTheInterviewIsTheNextRound() {
        let reused = invitation(sequence: 1, start: "20261117T150000Z", end: "20261117T160000Z", at: "2026-11-12T09:00:00Z")
        guard case .newRound(1, let event)? = linked().invitationEffect(of: reused) else {
            Issue.record("\(String(describing: linked().invitationEffect(of: reused)))")
            return
        }
        #expect(event.invitationUID == "int-1@acme.com" && event.start == Self.iso("2026-11-17T15:00:00Z"))
        // Before the interview, or within a day of it (put off at the last minute), the same update only moves it.
        for arrival in ["2026-11-05T09:00:00Z", "2026-11-10T20:00:00Z"] {
            #expect(linked().invitationEffect(of: invitation(sequence: 1, start: "20261117T150000Z", end: "20261117T160000Z", at: arrival))
                    == .move(11, sequence: 1, start: Self.iso("2026-11-17T15:00:00Z"), end: Self.iso("2026-11-17T16:00:00Z")), "\(arrival)")
        }
    }

    @Test func anInvitationAfterAHandRecordedInterviewEndedIsNotItsOwn() {
        // The next day, sent after the first one ended: a second interview, not the first one's invitation.
        let next = invitation(uid: "int-2@acme.com", start: "20261111T150000Z", end: "20261111T160000Z", at: "2026-11-10T17:00:00Z")
        guard case .newRound(1, _)? = context.invitationEffect(of: next) else {
            Issue.record("\(String(describing: context.invitationEffect(of: next)))")
            return
        }
    }

    @Test func aMovePastALaterRoundIsLeftToTheUser() {
        var acme = World.acme
        acme.events[0].invitationUID = "int-1@acme.com"
        acme.events.append(Event(id: 12, start: Self.iso("2026-11-20T15:00:00Z"), end: Self.iso("2026-11-20T16:00:00Z")))
        let context = World.context([acme, World.globex, World.initech])
        #expect(context.invitationEffect(of: invitation(sequence: 1, start: "20261124T150000Z", end: "20261124T160000Z")) == nil)
        #expect(context.invitationEffect(of: invitation(sequence: 1, start: "20261112T150000Z", end: "20261112T160000Z"))
                == .move(11, sequence: 1, start: Self.iso("2026-11-12T15:00:00Z"), end: Self.iso("2026-11-12T16:00:00Z")))
    }
}

extension InvitationEffectTests {
    @Test func aWholeDayAnOccurrenceOrAMissingEndIsReadForWhatItIs() {
        var allDay = invitation(uid: "int-2@acme.com", start: "20261124T000000Z", end: "20261125T000000Z", at: "2026-11-18T09:00:00Z")
        allDay.invitation?.start = .date(LocalDateTime(year: 2026, month: 11, day: 24, hour: 0, minute: 0, second: 0))
        #expect(linked().invitationEffect(of: allDay) == nil, "a whole day is no interview's time")
        var occurrence = invitation("CANCEL", sequence: 1)
        let start = occurrence.invitation?.start
        occurrence.invitation?.recurrenceID = start
        #expect(linked().invitationEffect(of: occurrence) == nil, "one occurrence of a series")
        // No DTEND: the interview keeps its recorded length (an hour here), so nothing "moved".
        var endless = invitation()
        endless.invitation?.end = nil
        #expect(context.invitationEffect(of: endless) == .adopt(11, uid: "int-1@acme.com", sequence: 0,
                                                                 start: Self.iso("2026-11-10T15:00:00Z"), end: Self.iso("2026-11-10T16:00:00Z")))
    }
}

extension InvitationEffectTests {
    /// Found in review: RFC 5546 lets a cancellation carry only its UID and SEQUENCE; an older one is no news.
    @Test func aCancellationNeedsNoTimeButMustNotBeOlder() {
        var bare = invitation("CANCEL", sequence: 1)
        bare.invitation?.start = nil
        bare.invitation?.end = nil
        #expect(linked().invitationEffect(of: bare) == .cancel(11, uid: "int-1@acme.com", sequence: 1))
        #expect(linked(sequence: 2).invitationEffect(of: invitation("CANCEL", sequence: 1)) == nil, "read after the invitation that restored it")
    }

    @Test func aCancellationNearAHandRecordedInterviewButNotAtItIsTheUsersToRead() {
        let near = invitation("CANCEL", uid: "other@acme.com", start: "20261110T180000Z", end: "20261110T190000Z", at: "2026-11-10T09:00:00Z")
        #expect(context.invitationEffect(of: near) == nil)
        var acme = World.acme
        acme.events[0].recordedAt = Self.iso("2026-11-01T09:00:00Z")
        #expect(World.context([acme, World.globex, World.initech]).verdict(for: near).replyClass == .unclear)
    }
}

