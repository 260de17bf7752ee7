import ArgumentParser
import FollowUpCore
import FollowUpReplies
import MailMessage

/// `fuctl add`: a new application with its first event.
struct Add: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "Record a new application and its first interview or event.")

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag

    @Option var company: String
    @Option var role: String
    @Option(name: .customLong("contact-name")) var contactName: String
    @Option(name: .customLong("contact-email")) var contactEmail: String
    @OptionGroup var event: EventOptions
    @Option(help: "How fast the industry decides: fast, standard or slow (sets the check-in delay).")
    var pace: Pace = .standard
    @Option(name: .customLong("talking-point"), help: "Something specific from the conversation, for the thank-you (repeatable).")
    var talkingPoints: [String] = []
    @Option(name: .customLong("domain"), help: "The company's mail domain (repeatable; default: the contact's, unless free-mail).")
    var domains: [String] = []

    func validate() throws {
        for (name, value) in [("--company", company), ("--role", role), ("--contact-name", contactName)]
            where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("\(name) must not be empty")
        }
        for (name, value) in [("--company", company), ("--role", role), ("--contact-name", contactName)]
            + talkingPoints.map({ ("--talking-point", $0) }) {
            if let problem = VisibleText.checkOneLine(value, named: name) { throw ValidationError(problem) }
        }
        guard MailAddress.isValid(contactEmail) else {
            throw ValidationError("--contact-email \"\(contactEmail)\" is not a mail address fuctl can send to")
        }
        for domain in domains where !MailAddress.isValid("x@" + domain) {
            throw ValidationError("--domain \"\(domain)\" is not a domain name")
        }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let zone = try event.zone(default: workspace.config.identity.timeZone)
        let first = try event.event(in: zone, now: context.now)
        var firstEvent = first.event
        firstEvent.recordedAt = context.now
        let application = Application(
            id: 0, company: company, role: role, contacts: [Contact(name: contactName, email: contactEmail)],
            companyDomains: companyDomains, timeZone: zone, pace: pace, talkingPoints: talkingPoints, events: [firstEvent])
        let stored = try workspace.store.addApplication(application)
        if output.json { return try context.console.printJSON(["id": stored.id]) }
        if let note = first.note { context.console.print(note) }
        let summary = ApplicationSummary(ApplicationHistory(application: stored), settings: workspace.settings, now: context.now)
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        let next = summary.nextStep.map { "\($0.kind.words) planned for \(times.human($0.due))" } ?? "no follow-up planned"
        context.console.print("application \(stored.id) recorded; \(next)")
    }

    /// The ones given, or the contact's own domain when it is a company's (never a free-mail one).
    var companyDomains: [String] {
        if !domains.isEmpty { return domains.map { $0.lowercased() } }
        let own = MailAddress(address: contactEmail).domain
        return MailDomain.isFreeMail(own) ? [] : [own]
    }
}
