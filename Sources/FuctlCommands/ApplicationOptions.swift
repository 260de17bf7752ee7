import ArgumentParser
import FollowUpCore
import FollowUpReplies
import MailMessage
import Foundation
import FollowUpWorkspace

/// The facts of an application a user gives as flags (`fuctl add`, `fuctl
/// accept`), each checked as it is given; an invitation may say the rest.
struct ApplicationOptions: ParsableArguments {
    @Option var company: String?
    @Option var role: String?
    @Option(name: .customLong("contact-name")) var contactName: String?
    @Option(name: .customLong("contact-email")) var contactEmail: String?
    @Option(help: "How fast the industry decides: fast, standard or slow (sets the check-in delay).")
    var pace: Pace = .standard
    @Option(name: .customLong("talking-point"), help: "Something specific from the conversation, for the thank-you (repeatable).")
    var talkingPoints: [String] = []
    @Option(name: .customLong("domain"), help: "The company's mail domain (repeatable; default: the contact's, unless free-mail).")
    var domains: [String] = []
    @OptionGroup var holidays: HolidayOptions

    func validate() throws {
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

    /// Company, role and contact: each flag given, else what the invitation
    /// read (`read`), checked as the flags are; what neither says is asked for by name.
    func facts(read: Read) throws -> Facts {
        func given(_ flag: String, _ value: String?, _ read: String?) throws -> String {
            guard let text = (value ?? read)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                throw ValidationError("the invitation does not say: give \(flag)")
            }
            if let problem = VisibleText.checkOneLine(text, named: flag) { throw ValidationError(problem) }
            return text
        }
        let email = try given("--contact-email", contactEmail, read.contact?.address)
        guard MailAddress.isValid(email) else { throw ValidationError("--contact-email \"\(email)\" is not a mail address fuctl can send to") }
        // The invitation's name for the address given, not for another.
        let readName = read.contact.flatMap { $0.normalized == MailAddress(address: email).normalized ? $0.name : nil }
        return Facts(company: try given("--company", company, read.company), role: try given("--role", role, read.role),
                     contact: Contact(name: try given("--contact-name", contactName, readName ?? MailAddress(address: email).localPart),
                                      email: email))
    }

    /// What an invitation said of the application.
    struct Read {
        var company: String?
        var role: String?
        var contact: MailAddress?
    }

    struct Facts {
        var company: String, role: String, contact: Contact
    }

    /// The application these facts describe, with its first event in `zone`.
    func application(_ facts: Facts, zone: String, event: Event) -> Application {
        Application(id: 0, company: facts.company, role: facts.role, contacts: [facts.contact],
                    companyDomains: companyDomains(facts.contact.email), timeZone: zone, pace: pace, talkingPoints: talkingPoints,
                    events: [event], country: holidays.place?.country, region: holidays.place?.region)
    }

    /// The ones given, or the contact's own domain when it is a company's (never a free-mail one).
    func companyDomains(_ contactEmail: String) -> [String] {
        if !domains.isEmpty { return domains.map { $0.lowercased() } }
        let own = MailAddress(address: contactEmail).domain
        return MailDomain.isFreeMail(own) ? [] : [own]
    }

    /// What `fuctl add` and `fuctl accept` print once it is recorded: the next step, and how to keep holidays.
    static func recorded(_ stored: Application, _ workspace: Workspace, _ context: Context) -> [String] {
        let summary = ApplicationSummary(ApplicationHistory(application: stored), settings: workspace.settings, now: context.now)
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        let next = summary.nextStep.map { "\($0.kind.words) planned for \(times.human($0.due))" } ?? "no follow-up planned"
        let hint = HolidayOptions.hint(zone: stored.timeZone, place: stored.holidayPlace)
            .map { $0.replacingOccurrences(of: "update ID", with: "update \(stored.id)") }
        return [next] + (hint.map { [$0] } ?? [])
    }
}
