import ArgumentParser
import FollowUpCore
import FollowUpReplies
import Foundation
import MailMessage

/// `fuctl proposals`: invitations from people no application knows that look like interviews.
struct Proposals: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "List invitations that look like interviews with no application yet.",
        discussion: """
            followupd proposes an invitation from someone no application knows when it looks like an interview \
            (its words, or an interview-scheduling system sent it). Nothing is followed up until you accept it \
            (fuctl accept N); fuctl reject N forgets it. A proposal is kept until its interview is a week past.
            """)

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let proposals = try workspace.store.proposals()
        if output.json { return try context.console.printJSON(proposals) }
        guard !proposals.isEmpty else { return context.console.print("no proposals") }
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        var table = Table("ID", "WHEN", "WITH", "COMPANY?", "ROLE?", "SUMMARY")
        for proposal in proposals {
            table.add("\(proposal.id)", times.human(proposal.start), ProposalText.contact(proposal),
                      proposal.company ?? "-", proposal.role ?? "-", proposal.summary)
        }
        context.console.print(table.text)
        context.console.print("fuctl accept ID [--role R] [--company C] [--talking-point T] records one; fuctl reject ID forgets it")
    }
}

/// `fuctl accept N`: the application a proposal is about, with everything its invitation said.
struct Accept: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record the application a proposed invitation is about.",
        discussion: """
            The interview's start, end and zone, the contact and the invitation (its later updates move the \
            interview, its cancellation cancels it) come from the proposal; the company and role are its guesses \
            unless given.
            """)

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag
    @Argument(help: "The proposal's id (fuctl proposals).") var proposal: ProposalID
    @Option var company: String?
    @Option var role: String?
    @Option(name: .customLong("contact-name")) var contactName: String?
    @Option(name: .customLong("contact-email")) var contactEmail: String?
    @Option(name: .customLong("tz"), help: ArgumentHelp("The employer's IANA time zone, when the invitation's is not theirs.", valueName: "ZONE"))
    var timeZone: String?
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
        if let timeZone, let problem = ZoneName.problem(timeZone) { throw ValidationError("--tz: " + problem) }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let found = try workspace.store.openProposal(proposal)
        func given(_ flag: String, _ value: String?, _ guess: String?) throws -> String {
            guard let text = (value ?? guess)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                throw CommandFailure(.refused, "the invitation does not say: give \(flag)")
            }
            if let problem = VisibleText.checkOneLine(text, named: flag) { throw CommandFailure(.refused, problem) }
            return text
        }
        let email = contactEmail ?? found.contactEmail
        let sameContact = MailAddress(address: email).normalized == MailAddress(address: found.contactEmail).normalized
        let name = try given("--contact-name", contactName, (sameContact ? found.contactName : nil) ?? MailAddress(address: email).localPart)
        let zone = timeZone ?? found.timeZone ?? workspace.config.identity.timeZone
        let event = Event(id: 0, kind: .interview, start: found.start, end: found.end, recordedAt: found.receivedAt,
                          invitationUID: found.uid, invitationSequence: found.sequence)
        let own = MailAddress(address: email).domain
        let application = Application(
            id: 0, company: try given("--company", company, found.company), role: try given("--role", role, found.role),
            contacts: [Contact(name: name, email: email)],
            companyDomains: domains.isEmpty ? (MailDomain.isFreeMail(own) ? [] : [own]) : domains.map { $0.lowercased() },
            timeZone: zone, pace: pace, talkingPoints: talkingPoints, events: [event],
            country: holidays.place?.country, region: holidays.place?.region)
        let stored = try workspace.store.acceptProposal(proposal, as: application)
        if output.json { return try context.console.printJSON(["id": stored.id]) }
        let summary = ApplicationSummary(ApplicationHistory(application: stored), settings: workspace.settings, now: context.now)
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        let next = summary.nextStep.map { "\($0.kind.words) planned for \(times.human($0.due))" } ?? "no follow-up planned"
        context.console.print("""
            application \(stored.id) recorded from proposal \(proposal): \(stored.company), \(stored.role), \
            with \(name) <\(email)>, \(NoticePlanner.dueText(found.start, zone: zone)); \(next)
            """)
        if let hint = HolidayOptions.hint(zone: zone, place: holidays.place) {
            context.console.print(hint.replacingOccurrences(of: "update ID", with: "update \(stored.id)"))
        }
    }
}

/// `fuctl reject N`: not an interview to follow up; it is not proposed again.
struct Reject: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "Forget a proposed invitation: it is not proposed again.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The proposal's id (fuctl proposals).") var proposal: ProposalID

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        try workspace.store.rejectProposal(proposal)
        context.console.print("proposal \(proposal) forgotten")
    }
}

enum ProposalText {
    /// "Dana Roe <dana@globex.com>".
    static func contact(_ proposal: Proposal) -> String {
        proposal.contactName.map { "\($0) <\(proposal.contactEmail)>" } ?? proposal.contactEmail
    }
}
