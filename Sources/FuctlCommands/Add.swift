import ArgumentParser
import FollowUpCore
import FollowUpReplies
import MailMessage
import Foundation

/// `fuctl add`: a new application with its first event.
struct Add: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a new application and its first interview or event.",
        discussion: """
            With --ics FILE (a saved invitation, .ics or the whole mail; - for stdin) the interview's start, end and \
            zone come from it, the contact from its organizer, the company from the organizer's domain and the role \
            from its title; any flag given fills in or overrides what it says.
            """)

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag

    @Option var company: String?
    @Option var role: String?
    @Option(name: .customLong("contact-name")) var contactName: String?
    @Option(name: .customLong("contact-email")) var contactEmail: String?
    @Option(help: ArgumentHelp("A saved invitation to read the interview from (- for stdin).", valueName: "FILE")) var ics: String?
    @OptionGroup var event: EventOptions
    @Option(help: "How fast the industry decides: fast, standard or slow (sets the check-in delay).")
    var pace: Pace = .standard
    @Option(name: .customLong("talking-point"), help: "Something specific from the conversation, for the thank-you (repeatable).")
    var talkingPoints: [String] = []
    @Option(name: .customLong("domain"), help: "The company's mail domain (repeatable; default: the contact's, unless free-mail).")
    var domains: [String] = []
    @OptionGroup var holidays: HolidayOptions

    func validate() throws {
        if ics == nil {
            for (flag, value) in [("--company", company), ("--role", role), ("--contact-name", contactName),
                                  ("--contact-email", contactEmail), ("--interview", event.interview)] where value == nil {
                throw ValidationError("give \(flag) (or --ics FILE with the invitation)")
            }
        } else if event.interview != nil {
            throw ValidationError("give --interview or --ics, not both: the invitation says when")
        }
        for (name, value) in [("--company", company), ("--role", role), ("--contact-name", contactName)]
            + talkingPoints.map({ ("--talking-point", $0) }) {
            guard let value else { continue }
            if value.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("\(name) must not be empty") }
            if let problem = VisibleText.checkOneLine(value, named: name) { throw ValidationError(problem) }
        }
        if let contactEmail, !MailAddress.isValid(contactEmail) {
            throw ValidationError("--contact-email \"\(contactEmail)\" is not a mail address fuctl can send to")
        }
        for domain in domains where !MailAddress.isValid("x@" + domain) {
            throw ValidationError("--domain \"\(domain)\" is not a domain name")
        }
    }

    /// The flags, else what the invitation says, checked as the flags are.
    private struct Facts {
        var company: String, role: String, contactName: String, contactEmail: String
    }

    private func facts(_ saved: SavedInvitation?) throws -> Facts {
        func given(_ flag: String, _ value: String?, _ read: String?) throws -> String {
            guard let text = (value ?? read)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                throw ValidationError("the invitation does not say: give \(flag)")
            }
            if let problem = VisibleText.checkOneLine(text, named: flag) { throw ValidationError(problem) }
            return text
        }
        let contact = saved?.guess.contact
        let email = try given("--contact-email", contactEmail, contact?.address)
        guard MailAddress.isValid(email) else { throw ValidationError("--contact-email \"\(email)\" is not a mail address fuctl can send to") }
        // The invitation's name for the address given, not for another.
        let readName = contact.flatMap { $0.normalized == MailAddress(address: email).normalized ? $0.name : nil }
        return Facts(company: try given("--company", company, saved?.guess.company), role: try given("--role", role, saved?.guess.role),
                     contactName: try given("--contact-name", contactName, readName ?? MailAddress(address: email).localPart),
                     contactEmail: email)
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let saved = try ics.map {
            try SavedInvitation(path: $0, user: workspace.config.identity.email, relays: RelaySystems(workspace.config.replies),
                                input: context.readInput)
        }
        let facts = try facts(saved)
        let zone = try event.zone(default: saved?.zone ?? workspace.config.identity.timeZone)
        let first: EventOptions.Reading
        if let saved, let start = saved.invitation.start?.instant(fallback: TimeZone(identifier: zone) ?? .gmt) {
            first = try event.reading(start: start, end: saved.invitation.end?.instant(fallback: TimeZone(identifier: zone) ?? .gmt),
                                      zone: zone, now: context.now, shown: "the invitation's start")
        } else {
            first = try event.event(in: zone, now: context.now)
        }
        var firstEvent = first.event
        firstEvent.recordedAt = context.now
        // Its updates and its cancellation find it by UID.
        firstEvent.invitationUID = saved?.invitation.uid
        firstEvent.invitationSequence = saved.map { $0.invitation.sequence }
        let application = Application(
            id: 0, company: facts.company, role: facts.role, contacts: [Contact(name: facts.contactName, email: facts.contactEmail)],
            companyDomains: companyDomains(facts.contactEmail), timeZone: zone, pace: pace, talkingPoints: talkingPoints,
            events: [firstEvent], country: holidays.place?.country, region: holidays.place?.region)
        let stored = try workspace.store.addApplication(application)
        if output.json { return try context.console.printJSON(["id": stored.id]) }
        if let note = first.note { context.console.print(note) }
        if let saved { context.console.print(readFromTheInvitation(saved, facts, zone: zone)) }
        let summary = ApplicationSummary(ApplicationHistory(application: stored), settings: workspace.settings, now: context.now)
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        let next = summary.nextStep.map { "\($0.kind.words) planned for \(times.human($0.due))" } ?? "no follow-up planned"
        context.console.print("application \(stored.id) recorded; \(next)")
        if let hint = HolidayOptions.hint(zone: zone, place: holidays.place) {
            context.console.print(hint.replacingOccurrences(of: "update ID", with: "update \(stored.id)"))
        }
    }

    /// What was taken from the invitation rather than from a flag: guesses, to be checked.
    private func readFromTheInvitation(_ saved: SavedInvitation, _ facts: Facts, zone: String) -> String {
        var lines = ["read from the invitation (correct any with fuctl update):"]
        if company == nil { lines.append("  company  \(facts.company)") }
        if role == nil { lines.append("  role     \(facts.role)") }
        if contactEmail == nil { lines.append("  contact  \(facts.contactName) <\(facts.contactEmail)>") }
        if event.timeZone == nil { lines.append("  zone     \(zone)") }
        if let unknown = saved.unknownZone {
            lines.append("  warning: the invitation's zone \"\(unknown)\" is not one followupd knows; its time was read in \(zone)")
        }
        return lines.joined(separator: "\n")
    }

    /// The ones given, or the contact's own domain when it is a company's (never a free-mail one).
    func companyDomains(_ contactEmail: String) -> [String] {
        if !domains.isEmpty { return domains.map { $0.lowercased() } }
        let own = MailAddress(address: contactEmail).domain
        return MailDomain.isFreeMail(own) ? [] : [own]
    }
}
