import Foundation
import FollowUpCore
import MailMessage

/// What a calendar invitation in the inbox does to a tracked application
/// (POLICY.md "How time is counted": a moved or cancelled interview moves or
/// cancels every step timed from it). Pure: the message is the only input.
public enum InvitationEffect: Hashable, Sendable {
    /// The invitation of an interview the user recorded by hand: it is linked
    /// to it, and its time (the invitation's) is taken.
    case adopt(EventID, uid: String, sequence: Int, start: Date, end: Date)
    /// A newer version of the invitation moved the interview.
    /// (A cancelled interview invited again is no longer cancelled.)
    case move(EventID, sequence: Int, start: Date, end: Date)
    /// Its UID and SEQUENCE are kept: a later invitation must outrank them.
    case cancel(EventID, uid: String, sequence: Int)
    /// An invitation to a later interview: a new round.
    case newRound(ApplicationID, Event)
}

extension ReplyContext {
    /// How far the start of a hand-recorded interview and its invitation may
    /// be apart and still be the same meeting (a typo, a zone mistaken).
    static let sameMeeting: TimeInterval = 24 * 3600
    /// A cancellation names a meeting recorded by hand only by its time: it must be that time (within the hour).
    static let sameCancelledMeeting: TimeInterval = 3600

    public func invitationEffect(of message: IncomingMessage) -> InvitationEffect? {
        // A cut invitation may lack what decides (its SEQUENCE): it changes nothing; it is read as unclear.
        // One occurrence of a series is no interview.
        guard let invitation = message.invitation, invitation.isComplete, invitation.recurrenceID == nil,
              let uid = invitation.uid, !uid.isEmpty, ["REQUEST", "CANCEL", "PUBLISH", nil].contains(invitation.method),
              !(invitation.organizer.map { isUser($0.address) } ?? false) else { return nil }
        let cancelled = invitation.method == "CANCEL" || invitation.status == "CANCELLED"
        // A cancellation of a known UID needs no time (RFC 5546 lets it carry none), only not to be older.
        if cancelled, let (_, event) = event(withInvitation: uid) {
            return event.cancelledAt == nil && invitation.sequence >= (event.invitationSequence ?? 0)
                ? .cancel(event.id, uid: uid, sequence: invitation.sequence) : nil
        }
        // A whole day is no interview's time.
        guard invitation.start?.isAllDay == false else { return nil }
        if let (app, event) = event(withInvitation: uid) {
            guard invitation.sequence > (event.invitationSequence ?? 0),
                  let (start, end) = times(of: invitation, in: app, lasting: event.end.timeIntervalSince(event.start)) else { return nil }
            // Invited again after its cancellation: it takes place after all.
            if event.cancelledAt != nil { return .move(event.id, sequence: invitation.sequence, start: start, end: end) }
            guard start != event.start || end != event.end else { return nil }
            // A day after the interview, the same calendar entry reused for a later meeting is the next round;
            // sooner, it is the interview put off at the last minute.
            if message.internalDate.timeIntervalSince(event.end) > Self.sameMeeting, start > event.end,
               isOneMeetingForTheUser(invitation) {
                return .newRound(app.id, Event(id: 0, kind: .interview, start: start, end: end, recordedAt: message.internalDate,
                                               invitationUID: uid, invitationSequence: invitation.sequence))
            }
            // Rounds keep their order: a move past a later round is the user's to sort out.
            if app.events.contains(where: { $0.id != event.id && $0.start > event.start && $0.start <= start }) { return nil }
            return .move(event.id, sequence: invitation.sequence, start: start, end: end)
        }
        guard let app = application(of: message), let current = app.events.max(by: { ($0.start, $0.id) < ($1.start, $1.id) }),
              let (start, end) = times(of: invitation, in: app, lasting: current.end.timeIntervalSince(current.start)) else { return nil }
        if cancelled {
            // A cancellation names the meeting by its UID; one recorded by hand, by its time.
            let same = current.invitationUID == nil && abs(start.timeIntervalSince(current.start)) <= Self.sameCancelledMeeting
            return same && current.cancelledAt == nil ? .cancel(current.id, uid: uid, sequence: invitation.sequence) : nil
        }
        // Rescheduled the usual way: the old meeting cancelled, a new one sent under another UID.
        if current.cancelledAt != nil, isOneMeetingForTheUser(invitation) {
            return .adopt(current.id, uid: uid, sequence: invitation.sequence, start: start, end: end)
        }
        // The invitation of a meeting recorded by hand comes before it ends; one after is for a later meeting.
        if current.invitationUID == nil, abs(start.timeIntervalSince(current.start)) <= Self.sameMeeting,
           message.internalDate < current.end {
            return .adopt(current.id, uid: uid, sequence: invitation.sequence, start: start, end: end)
        }
        guard start > current.end, isOneMeetingForTheUser(invitation) else { return nil }
        return .newRound(app.id, Event(id: 0, kind: .interview, start: start, end: end, recordedAt: message.internalDate,
                                       invitationUID: uid, invitationSequence: invitation.sequence))
    }

    /// An invitation to the user, for one meeting: not a webinar published to
    /// many, a forwarded calendar, or a standing meeting.
    private func isOneMeetingForTheUser(_ invitation: CalendarInvitation) -> Bool {
        invitation.method == "REQUEST" && !invitation.recurring && invitation.attendees.contains { isUser($0.address) }
    }

    /// The application and event an invitation UID belongs to: the latest
    /// event with it (a calendar entry reused for the next round names both).
    func event(withInvitation uid: String) -> (Application, Event)? {
        for app in applications {
            if let event = app.events.last(where: { $0.invitationUID == uid }) { return (app, event) }
        }
        return nil
    }

    /// The application the message is about, whenever it arrived; nil when the
    /// people in it belong to several (one recruiter for two roles): the user decides.
    private func application(of message: IncomingMessage) -> Application? {
        let people = Set(([message.from, message.invitation?.organizer] + message.replyTo + (message.invitation?.attendees ?? []))
            .compactMap { $0?.normalized }.filter { !isUser($0) })
        let theirs = applications(withContactIn: people)
        if theirs.count > 1 { return nil }
        if let only = theirs.first { return only }
        switch ReplyAttributor(context: self).attribute(message, authored: AuthoredText(body: message.body), isReport: false,
                                                        reportedRecipient: nil) {
        case .attributed(let app, _, let others): return others.isEmpty ? app : nil
        case .arrivedBeforeEventStart(let id): return application(id: id)
        case .noMatch: return nil
        }
    }

    /// Start and end as instants; a floating or unknown-zone time is the application's.
    /// An invitation without an end keeps the length the interview had (`lasting`).
    private func times(of invitation: CalendarInvitation, in app: Application, lasting: TimeInterval) -> (Date, Date)? {
        invitation.meetingTimes(fallback: TimeZone(identifier: app.timeZone) ?? .gmt, lasting: lasting)
    }
}

extension CalendarInvitation {
    /// Start and end as instants, a floating or unknown-zone time read in
    /// `fallback`. An end that is missing, not after the start or more than a
    /// day on is no meeting's: it lasts `lasting` (an hour when that is none).
    func meetingTimes(fallback: TimeZone, lasting: TimeInterval = 3600) -> (start: Date, end: Date)? {
        guard let start = start?.instant(fallback: fallback) else { return nil }
        let end = end?.instant(fallback: fallback).flatMap { $0 > start && $0.timeIntervalSince(start) <= 86_400 ? $0 : nil }
        return (start, end ?? start.addingTimeInterval(lasting > 0 ? lasting : 3600))
    }
}
