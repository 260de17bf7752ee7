import Foundation

/// The facts of an iCalendar invitation (RFC 5545, iTIP RFC 5546) that reply
/// matching and interviews read: who organised it, what the message does with
/// it, and when the meeting is. A message carries one meeting: its first
/// VEVENT that is not an exception to a recurrence (else its first VEVENT).
public struct CalendarInvitation: Hashable, Sendable {
    /// `METHOD`, upper case: REQUEST (an invitation or an update), CANCEL, REPLY, PUBLISH, COUNTER.
    public var method: String?
    /// The `ORGANIZER`'s address (its `mailto:` value) and `CN`.
    public var organizer: MailAddress?
    /// The `ATTENDEE`s' addresses: a booking mailbox organises, the interviewer attends.
    public var attendees: [MailAddress]
    public var uid: String?
    /// `SEQUENCE`: a higher one updates an earlier invitation with the same UID.
    public var sequence: Int
    public var summary: String?
    public var description: String?
    public var location: String?
    /// `STATUS`, upper case: TENTATIVE, CONFIRMED, CANCELLED.
    public var status: String?
    public var start: CalendarTime?
    /// `DTEND`, or `DTSTART` plus `DURATION`.
    public var end: CalendarTime?
    /// Set when the event is one occurrence of a recurring one.
    public var recurrenceID: CalendarTime?
    /// It repeats (`RRULE` or `RDATE`): a standing meeting, not an interview.
    public var recurring = false
    /// Its VEVENT was read to its END: nothing it says was cut off.
    public var isComplete = true

    public init(method: String? = nil, organizer: MailAddress? = nil, attendees: [MailAddress] = [], uid: String? = nil,
                sequence: Int = 0, summary: String? = nil, description: String? = nil, location: String? = nil,
                status: String? = nil, start: CalendarTime? = nil, end: CalendarTime? = nil, recurrenceID: CalendarTime? = nil) {
        self.method = method
        self.organizer = organizer
        self.attendees = attendees
        self.uid = uid
        self.sequence = sequence
        self.summary = summary
        self.description = description
        self.location = location
        self.status = status
        self.start = start
        self.end = end
        self.recurrenceID = recurrenceID
    }

    /// Reads the calendar text; nil when it holds no VCALENDAR.
    public static func parse(_ text: String) -> CalendarInvitation? {
        guard let calendar = ICalendar.parse(text)?.calendars.first else { return nil }
        var invitation = CalendarInvitation()
        invitation.method = calendar.property("METHOD")?.value.trimmingCharacters(in: .whitespaces).uppercased()
        let events = calendar.components("VEVENT")
        guard let event = events.first(where: { $0.property("RECURRENCE-ID") == nil }) ?? events.first else { return invitation }
        let zones = Dictionary(calendar.components("VTIMEZONE").compactMap { zone in
            zone.property("TZID").map { ($0.value.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")), zone) }
        }, uniquingKeysWith: { first, _ in first })
        func time(_ name: String) -> CalendarTime? { event.property(name).flatMap { CalendarTime.parse($0, definitions: zones) } }
        invitation.organizer = event.property("ORGANIZER").flatMap(person)
        invitation.attendees = event.properties("ATTENDEE").prefix(50).compactMap(person)
        invitation.uid = event.property("UID")?.value.trimmingCharacters(in: .whitespaces)
        invitation.sequence = event.property("SEQUENCE").flatMap { Int($0.value.trimmingCharacters(in: .whitespaces)) } ?? 0
        invitation.summary = event.property("SUMMARY")?.text
        invitation.description = event.property("DESCRIPTION")?.text
        invitation.location = event.property("LOCATION")?.text
        invitation.status = event.property("STATUS")?.value.trimmingCharacters(in: .whitespaces).uppercased()
        invitation.start = time("DTSTART")
        invitation.recurrenceID = time("RECURRENCE-ID")
        invitation.recurring = event.property("RRULE") != nil || event.property("RDATE") != nil
        invitation.end = time("DTEND") ?? endFromDuration(event, start: invitation.start)
        invitation.isComplete = event.isComplete
        return invitation
    }

    /// DTSTART plus DURATION, as the same kind of time; a whole day lasts one when neither is given.
    private static func endFromDuration(_ event: ICalendar.Component, start: CalendarTime?) -> CalendarTime? {
        guard let start else { return nil }
        guard let seconds = event.property("DURATION").flatMap({ CalendarDuration.seconds($0.value) }) else {
            if case .date(let day) = start { return .date(day.adding(seconds: 86_400)) }
            return nil
        }
        switch start {
        case .utc(let date): return .utc(date.addingTimeInterval(seconds))
        case .zoned(let local, let zone): return .zoned(local.adding(seconds: seconds), zone)
        case .floating(let local): return .floating(local.adding(seconds: seconds))
        case .date(let local): return .date(local.adding(seconds: seconds))
        }
    }

    /// The `mailto:` address of an ORGANIZER or ATTENDEE line, with its `CN`.
    private static func person(_ property: ICalendar.Property) -> MailAddress? {
        let cn = property.parameters["CN"].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        let address = property.value.trimmingCharacters(in: .whitespaces)
        let bare = address.lowercased().hasPrefix("mailto:") ? String(address.dropFirst(7)) : address
        return bare.contains("@") ? MailAddress(name: cn, address: bare) : nil
    }
}

extension LocalDateTime {
    /// The wall time `seconds` later, counted on the wall clock (a duration of
    /// days in a zone keeps the time of day across daylight saving).
    func adding(seconds: TimeInterval) -> LocalDateTime {
        guard let base = instant(offset: 0) else { return self }
        let parts = Self.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: base.addingTimeInterval(seconds))
        return LocalDateTime(year: parts.year ?? year, month: parts.month ?? month, day: parts.day ?? day,
                             hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0)
    }
}
