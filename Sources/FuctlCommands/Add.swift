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
    @OptionGroup var facts: ApplicationOptions
    @Option(help: ArgumentHelp("A saved invitation to read the interview from (- for stdin).", valueName: "FILE")) var ics: String?
    @OptionGroup var event: EventOptions

    func validate() throws {
        if ics == nil {
            for (flag, value) in [("--company", facts.company), ("--role", facts.role), ("--contact-name", facts.contactName),
                                  ("--contact-email", facts.contactEmail), ("--interview", event.interview)] where value == nil {
                throw ValidationError("give \(flag) (or --ics FILE with the invitation)")
            }
        } else if event.interview != nil {
            throw ValidationError("give --interview or --ics, not both: the invitation says when")
        }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let saved = try ics.map {
            try SavedInvitation(path: $0, user: workspace.config.identity.email, relays: RelaySystems(workspace.config.replies),
                                input: context.readInput)
        }
        let given = try facts.facts(read: .init(company: saved?.guess.company, role: saved?.guess.role, contact: saved?.guess.contact))
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
        let stored = try workspace.store.addApplication(facts.application(given, zone: zone, event: firstEvent))
        if output.json { return try context.console.printJSON(["id": stored.id]) }
        if let note = first.note { context.console.print(note) }
        if let saved { context.console.print(readFromTheInvitation(saved, given, zone: zone)) }
        let lines = ApplicationOptions.recorded(stored, workspace, context)
        context.console.print("application \(stored.id) recorded; " + lines.joined(separator: "\n"))
    }

    /// What was taken from the invitation rather than from a flag: guesses, to be checked.
    private func readFromTheInvitation(_ saved: SavedInvitation, _ given: ApplicationOptions.Facts, zone: String) -> String {
        var lines = ["read from the invitation (correct any with fuctl update):"]
        if facts.company == nil { lines.append("  company  \(given.company)") }
        if facts.role == nil { lines.append("  role     \(given.role)") }
        if facts.contactEmail == nil { lines.append("  contact  \(given.contact.name) <\(given.contact.email)>") }
        if event.timeZone == nil { lines.append("  zone     \(zone)") }
        if let unknown = saved.unknownZone {
            lines.append("  warning: the invitation's zone \"\(unknown)\" is not one followupd knows; its time was read in \(zone)")
        }
        return lines.joined(separator: "\n")
    }
}
