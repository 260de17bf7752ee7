import ArgumentParser
import FollowUpCore
import FollowUpReplies
import Foundation
import MailMessage

/// A saved invitation (`fuctl add --ics`): an .ics file, or a whole mail
/// that carries one, read for what an application needs.
struct SavedInvitation {
    var invitation: CalendarInvitation
    /// The person to write to: the organizer, or the first other attendee when the user organised it.
    var contact: MailAddress?

    /// Reads `path` ("-" for stdin).
    init(path: String, user: String, input: () -> Data) throws {
        let data: Data
        if path == "-" {
            data = input()
        } else {
            guard let read = FileManager.default.contents(atPath: path) else {
                throw ValidationError("--ics \(path): cannot be read")
            }
            data = read
        }
        let text = String(decoding: data.prefix(4 * 1024 * 1024), as: UTF8.self)
        let found = CalendarInvitation.parse(text) ?? ParsedMessage(Array(data.prefix(4 * 1024 * 1024))).invitation
        guard let found, found.start != nil else {
            throw ValidationError("--ics \(path): no calendar event with a start time in it")
        }
        if found.method == "CANCEL" || found.status == "CANCELLED" {
            throw ValidationError("--ics \(path): the invitation is a cancellation")
        }
        invitation = found
        let me = MailAddress(address: user).normalized
        contact = [found.organizer].compactMap { $0 }.first { $0.normalized != me }
            ?? found.attendees.first { $0.normalized != me }
    }

    /// The zone it names (an IANA or a Windows name), if it names one that is not UTC.
    var zone: String? {
        invitation.start?.ianaZone.flatMap { $0 == "UTC" ? nil : $0 }
    }

    /// "Interview: Backend Engineer at Acme" → "Backend Engineer".
    var role: String? {
        guard let summary = invitation.summary else { return nil }
        let patterns = [#"(?i)(?:interview|phone screen|onsite|call|gespräch|entretien|entrevista)\s*(?:for|für|pour|para)?\s*[:\-–—]?\s*(?:the\s+)?(.+?)(?:\s+(?:role|position))?\s+(?:at|with|bei|chez|con|@)\s+.+$"#,
                        #"(?i)^(.+?)\s+(?:interview|gespräch|entretien)\b"#]
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let match = regex.firstMatch(in: summary, range: NSRange(summary.startIndex..., in: summary)),
                  let range = Range(match.range(at: 1), in: summary) else { continue }
            let role = summary[range].trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ":-–—")))
            if !role.isEmpty, role.count <= 80 { return role }
        }
        return nil
    }

    /// The company from the contact's domain, when it is not free mail: acme-robotics.com → "Acme Robotics".
    var company: String? {
        guard let domain = contact?.domain, !domain.isEmpty, !MailDomain.isFreeMail(domain) else { return nil }
        let labels = domain.split(separator: ".")
        guard labels.count >= 2 else { return nil }
        return labels[labels.count - 2].split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
