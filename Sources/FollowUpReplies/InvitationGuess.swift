import Foundation
import MailMessage

/// What an invitation says of the application it would start: who to write
/// to, the company and the role. Guesses, shown to the user before anything
/// is recorded (`fuctl proposals`, `fuctl add --ics`). Pure.
public struct InvitationGuess: Sendable {
    public var invitation: CalendarInvitation
    /// The person to write to: the organizer, or the first attendee who is a
    /// person when a booking mailbox or a shared calendar organised it.
    public var contact: MailAddress?
    public var company: String?
    public var role: String?

    public init(_ invitation: CalendarInvitation, user: Set<String>, relays: RelaySystems = RelaySystems()) {
        self.invitation = invitation
        let people = ([invitation.organizer].compactMap { $0 } + invitation.attendees)
            .filter { !user.contains($0.normalized) && Self.isAPerson($0, relays: relays) }
        contact = people.first
        let domain = contact.map(\.domain).flatMap { MailDomain.isFreeMail($0) ? nil : $0 }
        company = domain.flatMap(Self.company(fromDomain:)) ?? Self.company(fromSummary: invitation.summary)
        // "Acme interview": the company, not a role.
        role = Self.role(fromSummary: invitation.summary).flatMap { $0.lowercased() == company?.lowercased() ? nil : $0 }
    }

    /// Not a no-reply or booking mailbox, a relaying system or a calendar's own address.
    static func isAPerson(_ address: MailAddress, relays: RelaySystems) -> Bool {
        // Only an address a message can go to: a stranger's calendar may write anything there.
        guard MailAddress.isValid(address.address) else { return false }
        let local = address.localPart, domain = address.domain
        if BulkMail.isNoReply(local) || bookingMailbox.isFound(in: local) { return false }
        if relays.system(sending: address) != nil { return false }
        return !calendarDomains.contains { MailDomain.isWithin(domain, $0) }
    }

    private static let bookingMailbox = Pattern(#"^(?:calendar|scheduling|bookings?|interviews?|meetings?|rooms?|resources?)(?:[-_.+].*)?$"#)
    /// Shared, group and resource calendars: no one reads mail there.
    private static let calendarDomains = ["group.calendar.google.com", "resource.calendar.google.com", "group.v.calendar.google.com",
                                          "import.calendar.google.com"]

    /// acme-robotics.com → "Acme Robotics"; acme.co.uk → "Acme": the label before the public suffix.
    static func company(fromDomain domain: String) -> String? {
        var labels = domain.lowercased().split(separator: ".").map(String.init)
        guard labels.count >= 2 else { return nil }
        labels.removeLast()
        // A country's second level (co.uk, com.au, co.jp): one label more is the suffix.
        if labels.count >= 2, let last = labels.last, secondLevels.contains(last), domain.split(separator: ".").last?.count == 2 {
            labels.removeLast()
        }
        guard let name = labels.last, name.count >= 2, !["mail", "email", "outlook", "onmicrosoft"].contains(name) else { return nil }
        return name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    private static let secondLevels: Set<String> = ["co", "com", "ac", "org", "net", "gov", "edu", "ne", "or", "gv"]

    /// "Interview: Backend Engineer at Acme" → "Acme"; "Acme | Phone screen" → "Acme".
    static func company(fromSummary summary: String?) -> String? {
        guard let summary = summary.map({ String($0.prefix(Self.summaryRead)) }) else { return nil }
        for pattern in companyPatterns {
            guard let name = pattern.matches(in: summary).first?.capture(1, in: summary) else { continue }
            let trimmed = name.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ":-–—|()")))
            if !trimmed.isEmpty, trimmed.count <= 60, !interviewWords.isFound(in: trimmed) { return trimmed }
        }
        return nil
    }

    /// A title longer than this is no title: the guesses read no further (and the patterns stay cheap).
    static let summaryRead = 300

    private static let companyPatterns = [
        Pattern(#"\s(?:at|bei|chez|@)\s+([^()|\-–—:]+?)\s*(?:\(.*\))?$"#),
        Pattern(#"^([^|:]+?)\s*[|]\s*.+$"#),
    ]

    /// "Interview: Backend Engineer at Acme" → "Backend Engineer"; "Phone screen – Data Analyst" → "Data Analyst".
    static func role(fromSummary summary: String?) -> String? {
        guard let summary = summary.map({ String($0.prefix(Self.summaryRead)) }) else { return nil }
        for pattern in rolePatterns {
            guard let role = pattern.matches(in: summary).first?.capture(1, in: summary) else { continue }
            let trimmed = role.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ":-–—|")))
            // "Intro call with Jane": a name, not a role.
            if trimmed.count >= 2, trimmed.count <= 80, !interviewWords.isFound(in: trimmed),
               !trimmed.lowercased().hasPrefix("with ") { return trimmed }
        }
        return nil
    }

    private static let rolePatterns = [
        // "<interview words> [for] [the] ROLE [role|position] at COMPANY"
        Pattern(#"(?:interview|phone screen|screening|onsite|on-site|technical round|call|gespräch|entretien|entrevista)\s*(?:for|für|pour|para)?\s*[:\-–—]?\s*(?:the\s+)?(.+?)(?:\s+(?:role|position|stelle|poste))?\s+(?:at|with|bei|chez|con|@)\s+.+$"#),
        // "<interview words> – ROLE" (nothing after)
        Pattern(#"^(?:[^:|]*[|:]\s*)?(?:interview|phone screen|screening|onsite|on-site|technical round|vorstellungsgespräch|entretien|entrevista)\s*(?:for|für|pour|para)?\s*[:\-–—]\s*(?:the\s+)?(.+?)(?:\s+(?:role|position))?$"#),
        // "ROLE interview [at COMPANY]"
        Pattern(#"^(?:[^:|]*[|:]\s*)?(.+?)\s+(?:interview|gespräch|entretien)\b"#),
    ]

    /// Words that say a meeting is about a job (the issue's list and their kin).
    static let interviewWords = Pattern(
        #"\b(?:interview(?:s|ing)?|phone screen(?:ing)?|screening call|onsite|on-site|technical (?:round|screen|interview)|hiring(?: manager)?|recruiter call|vorstellungsgespräch|bewerbungsgespräch|kennenlerngespräch|entretien|entrevista|colloquio|sollicitatiegesprek|anställningsintervju|面接)"#)
}
