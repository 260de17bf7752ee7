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
    case move(EventID, sequence: Int, start: Date, end: Date)
    case cancel(EventID)
    /// An invitation to a later interview: a new round.
    case newRound(ApplicationID, Event)
}

extension ReplyContext {
    /// How far the start of a hand-recorded interview and its invitation may
    /// be apart and still be the same meeting (a typo, a zone mistaken).
    static let sameMeeting: TimeInterval = 24 * 3600

    public func invitationEffect(of message: IncomingMessage) -> InvitationEffect? {
        // A cut invitation may lack what decides (its SEQUENCE): it changes nothing; it is read as unclear.
        guard let invitation = message.invitation, invitation.isComplete, let uid = invitation.uid, !uid.isEmpty,
              ["REQUEST", "CANCEL", "PUBLISH", nil].contains(invitation.method),
              !(invitation.organizer.map { isUser($0.address) } ?? false) else { return nil }
        let cancelled = invitation.method == "CANCEL" || invitation.status == "CANCELLED"
        if let (app, event) = event(withInvitation: uid) {
            if cancelled { return event.cancelledAt == nil ? .cancel(event.id) : nil }
            guard invitation.sequence > (event.invitationSequence ?? 0), let (start, end) = times(of: invitation, in: app),
                  start != event.start || end != event.end else { return nil }
            return .move(event.id, sequence: invitation.sequence, start: start, end: end)
        }
        guard let app = application(of: message), let current = app.events.max(by: { ($0.start, $0.id) < ($1.start, $1.id) }),
              let (start, end) = times(of: invitation, in: app) else { return nil }
        let sameMeeting = current.invitationUID == nil && abs(start.timeIntervalSince(current.start)) <= Self.sameMeeting
        if cancelled {
            // A cancellation names the meeting by its UID; one recorded by hand, by its time.
            return sameMeeting && current.cancelledAt == nil ? .cancel(current.id) : nil
        }
        if sameMeeting { return .adopt(current.id, uid: uid, sequence: invitation.sequence, start: start, end: end) }
        // A new round only from an invitation to the user, for one meeting: not
        // a webinar published to many, a forwarded calendar, or a standing meeting.
        guard start > current.end, invitation.method == "REQUEST", !invitation.recurring,
              invitation.attendees.contains(where: { isUser($0.address) }) else { return nil }
        return .newRound(app.id, Event(id: 0, kind: .interview, start: start, end: end, recordedAt: message.internalDate,
                                       invitationUID: uid, invitationSequence: invitation.sequence))
    }

    /// The application and event an invitation UID belongs to.
    func event(withInvitation uid: String) -> (Application, Event)? {
        for app in applications {
            if let event = app.events.first(where: { $0.invitationUID == uid }) { return (app, event) }
        }
        return nil
    }

    /// The application the message is about, whenever it arrived; nil when the
    /// people in it belong to several (one recruiter for two roles): the user decides.
    private func application(of message: IncomingMessage) -> Application? {
        let people = Set(([message.from, message.invitation?.organizer] + message.replyTo + (message.invitation?.attendees ?? []))
            .compactMap { $0?.normalized }.filter { !isUser($0) })
        let theirs = applications.filter { app in app.contacts.contains { people.contains(MailAddress(address: $0.email).normalized) } }
        if theirs.count > 1 { return nil }
        if let only = theirs.first { return only }
        switch ReplyAttributor(context: self).attribute(message, authored: AuthoredText(body: message.body), isReport: false,
                                                        reportedRecipient: nil) {
        case .attributed(let app, _, let others): return others.isEmpty ? app : nil
        case .arrivedBeforeEventStart(let id): return applications.first { $0.id == id }
        case .noMatch: return nil
        }
    }

    /// Start and end as instants; a floating or unknown-zone time is the application's.
    private func times(of invitation: CalendarInvitation, in app: Application) -> (Date, Date)? {
        let zone = TimeZone(identifier: app.timeZone) ?? .gmt
        guard let start = invitation.start?.instant(fallback: zone) else { return nil }
        let end = invitation.end?.instant(fallback: zone).flatMap { $0 > start && $0.timeIntervalSince(start) <= 86400 ? $0 : nil }
        return (start, end ?? start.addingTimeInterval(3600))
    }
}
