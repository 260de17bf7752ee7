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
    @OptionGroup var facts: ApplicationOptions
    @Option(name: .customLong("tz"), help: ArgumentHelp("The employer's IANA time zone, when the invitation's is not theirs.", valueName: "ZONE"))
    var timeZone: String?

    func validate() throws {
        if let timeZone, let problem = ZoneName.problem(timeZone) { throw ValidationError("--tz: " + problem) }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let found = try workspace.store.openProposal(proposal)
        let given: ApplicationOptions.Facts
        do {
            given = try facts.facts(read: .init(company: found.company, role: found.role,
                                                contact: MailAddress(name: found.contactName, address: found.contactEmail)))
        } catch let error as ValidationError {
            // Not a usage error: the proposal lacks what the flags must then say.
            throw CommandFailure(.refused, error.message)
        }
        let zone = timeZone ?? found.timeZone ?? workspace.config.identity.timeZone
        let event = Event(id: 0, kind: .interview, start: found.start, end: found.end, recordedAt: found.receivedAt,
                          invitationUID: found.uid, invitationSequence: found.sequence)
        let stored = try workspace.store.acceptProposal(proposal, as: facts.application(given, zone: zone, event: event))
        if output.json { return try context.console.printJSON(["id": stored.id]) }
        let lines = ApplicationOptions.recorded(stored, workspace, context)
        context.console.print("application \(stored.id) recorded from proposal \(proposal): \(stored.company), \(stored.role), "
            + "with \(given.contact.name) <\(given.contact.email)>, \(NoticePlanner.dueText(found.start, zone: zone)); "
            + lines.joined(separator: "\n"))
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
