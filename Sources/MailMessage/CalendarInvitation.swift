import Foundation

/// The facts of an iCalendar invitation (RFC 5545 / iTIP RFC 5546) that
/// reply matching reads: who organised it and what the message does with it.
/// Only the first VEVENT is read; a message carries one meeting.
public struct CalendarInvitation: Hashable, Sendable {
    /// `METHOD`, upper case: REQUEST (an invitation or an update), CANCEL, REPLY, PUBLISH.
    public var method: String?
    /// The `ORGANIZER`'s address (its `mailto:` value) and `CN`.
    public var organizer: MailAddress?
    /// The `ATTENDEE`s' addresses: a booking mailbox organises, the interviewer attends.
    public var attendees: [MailAddress]
    public var uid: String?
    public var summary: String?

    public init(method: String? = nil, organizer: MailAddress? = nil, attendees: [MailAddress] = [], uid: String? = nil,
                summary: String? = nil) {
        self.method = method
        self.organizer = organizer
        self.attendees = attendees
        self.uid = uid
        self.summary = summary
    }

    /// Reads the calendar text; nil when it holds no VEVENT or VCALENDAR.
    public static func parse(_ text: String) -> CalendarInvitation? {
        var invitation = CalendarInvitation()
        var sawCalendar = false
        var inEvent = false, eventsSeen = 0
        for line in unfolded(text) {
            guard let colon = valueStart(line) else { continue }
            let head = line[..<colon]
            let value = String(line[line.index(after: colon)...])
            let parts = head.split(separator: ";", omittingEmptySubsequences: false)
            let name = parts.first.map { $0.uppercased() } ?? ""
            switch name {
            case "BEGIN":
                let what = value.uppercased()
                if what == "VCALENDAR" { sawCalendar = true }
                if what == "VEVENT" { inEvent = true; eventsSeen += 1 }
            case "END":
                if value.uppercased() == "VEVENT" { inEvent = false }
            case "METHOD" where !inEvent:
                invitation.method = value.trimmingCharacters(in: .whitespaces).uppercased()
            case "ORGANIZER" where inEvent && eventsSeen == 1:
                invitation.organizer = person(parts, value)
            case "ATTENDEE" where inEvent && eventsSeen == 1 && invitation.attendees.count < 50:
                if let attendee = person(parts, value) { invitation.attendees.append(attendee) }
            case "UID" where inEvent && eventsSeen == 1:
                invitation.uid = value.trimmingCharacters(in: .whitespaces)
            case "SUMMARY" where inEvent && eventsSeen == 1:
                invitation.summary = unescaped(value)
            default:
                break
            }
        }
        return sawCalendar || eventsSeen > 0 ? invitation : nil
    }

    /// The `mailto:` address of an ORGANIZER or ATTENDEE line, with its `CN`.
    private static func person(_ parts: [Substring], _ value: String) -> MailAddress? {
        let cn = parts.dropFirst().first { $0.uppercased().hasPrefix("CN=") }.map { unquoted($0.dropFirst(3)) }
        let address = value.trimmingCharacters(in: .whitespaces)
        let bare = address.lowercased().hasPrefix("mailto:") ? String(address.dropFirst(7)) : address
        return bare.contains("@") ? MailAddress(name: cn, address: bare) : nil
    }

    /// Content lines with folding undone (a line break then a space or tab continues the line).
    private static func unfolded(_ text: String) -> [Substring] {
        var lines: [String] = []
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw[...]
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += line.dropFirst()
            } else {
                lines.append(String(line))
            }
        }
        return lines.map { $0[...] }
    }

    /// The colon that ends the name and parameters: not one inside a quoted parameter value.
    private static func valueStart(_ line: Substring) -> Substring.Index? {
        var quoted = false
        for index in line.indices {
            switch line[index] {
            case "\"": quoted.toggle()
            case ":" where !quoted: return index
            default: continue
            }
        }
        return nil
    }

    private static func unquoted(_ value: Substring) -> String {
        value.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
    }

    private static func unescaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\n", with: " ").replacingOccurrences(of: "\\N", with: " ")
            .replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
            .replacingOccurrences(of: "\\\\", with: "\\")
    }
}
