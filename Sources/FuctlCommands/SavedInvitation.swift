import ArgumentParser
import FollowUpCore
import FollowUpReplies
import Foundation
import MailMessage

/// A saved invitation (`fuctl add --ics`): an .ics file, or a whole mail
/// that carries one, read for what an application needs.
struct SavedInvitation {
    var invitation: CalendarInvitation
    var guess: InvitationGuess

    /// Reads `path` ("-" for stdin).
    init(path: String, user: String, relays: RelaySystems, input: () -> Data) throws {
        let data: Data
        if path == "-" {
            data = input()
        } else {
            guard let read = FileManager.default.contents(atPath: path) else {
                throw ValidationError("--ics \(path): cannot be read")
            }
            data = read
        }
        let bytes = Array(data.prefix(4 * 1024 * 1024))
        // A whole mail is read as MIME first: its calendar part may be quoted-printable or base64.
        let text = String(decoding: bytes, as: UTF8.self)
        let isCalendar = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.uppercased().hasPrefix("BEGIN:VCALENDAR")
        let found = isCalendar ? CalendarInvitation.parse(text) : ParsedMessage(bytes).invitation
        guard let found, found.start != nil else {
            throw ValidationError("--ics \(path): no calendar event with a start time in it")
        }
        if found.method == "CANCEL" || found.status == "CANCELLED" {
            throw ValidationError("--ics \(path): the invitation is a cancellation")
        }
        invitation = found
        guess = InvitationGuess(found, user: [MailAddress(address: user).normalized], relays: relays)
    }

    /// The zone it names (an IANA or a Windows name), if it names one that is not UTC.
    var zone: String? {
        invitation.start?.ianaZone.flatMap { $0 == "UTC" ? nil : $0 }
    }

    /// A zone the calendar names that followupd does not know: its time is read in the fallback zone.
    var unknownZone: String? {
        if case .zoned(_, .unknown(let name)) = invitation.start { return name }
        return nil
    }
}
