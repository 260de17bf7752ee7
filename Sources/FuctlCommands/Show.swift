import ArgumentParser
import FollowUpCore
import Foundation

/// `fuctl show APP`: everything recorded about one application.
struct Show: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "Show an application: details, events, drafts, sent messages, replies.")

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag
    @Argument(help: "The application's id.") var app: ApplicationID

    struct Details: Encodable {
        var id: ApplicationID
        var company: String
        var role: String
        var state: String
        var contacts: [Contact]
        var companyDomains: [String]
        var timeZone: String
        /// "DE-BY": the public holidays the send window stays closed on; nil: none.
        var holidays: String?
        var pace: Pace
        var talkingPoints: [String]
        var notes: String
        var outcome: Outcome?
        var events: [EventRow]
        var drafts: [DraftRow]
        var sent: [DraftRow]
        var replies: [ReplyRow]
    }

    struct EventRow: Encodable {
        var id: EventID
        var kind: EventKind
        var start: Date
        var end: Date
        var decisionDate: String?
        var movedAt: Date?
        var cancelledAt: Date?
        /// The UID of the calendar invitation it follows, if it came from (or was linked to) one.
        var invitation: String?
    }

    struct ReplyRow: Encodable {
        var id: ReplyID
        var receivedAt: Date
        var replyClass: ReplyClass
        var source: ReplySource
        var until: String?
        var from: String?
        var subject: String?
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let history = try workspace.store.existingHistory(app)
        let a = history.application
        let summary = ApplicationSummary(history, settings: workspace.settings, now: context.now)
        let sent = history.drafts.filter { $0.state.mayHaveBeenDelivered }
        let delivered = try SendForecast.delivered(in: workspace.store, to: history.drafts.filter(\.state.isPending))
        let details = Details(
            id: a.id, company: a.company, role: a.role, state: summary.state.description, contacts: a.contacts,
            companyDomains: a.companyDomains, timeZone: a.timeZone, holidays: a.holidayPlace?.description, pace: a.pace, talkingPoints: a.talkingPoints,
            notes: a.notes, outcome: a.outcome,
            events: a.events.map {
                EventRow(id: $0.id, kind: $0.kind, start: $0.start, end: $0.end, decisionDate: $0.decisionDate?.description,
                         movedAt: $0.movedAt, cancelledAt: $0.cancelledAt, invitation: $0.invitationUID)
            },
            drafts: history.drafts.filter { !$0.state.mayHaveBeenDelivered }.map { draft in
                DraftRow(draft, sends: draft.state.isPending
                    ? SendForecast.of(draft, history: history, delivered: delivered, settings: workspace.settings, now: context.now)
                    : nil)
            },
            sent: sent.map { DraftRow($0) },
            replies: history.replies.map {
                ReplyRow(id: $0.id, receivedAt: $0.receivedAt, replyClass: $0.replyClass, source: $0.source,
                         until: $0.until?.description, from: $0.from, subject: $0.subject)
            })
        if output.json { return try context.console.printJSON(details) }
        print(details, nextStep: summary.nextStep, to: context.console,
              times: TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now))
    }

    private func print(_ d: Details, nextStep: ApplicationSummary.NextStep?, to console: Console, times: TimeText) {
        var facts = Table("", "")
        facts.showsHeaders = false
        facts.add("Application", "\(d.id): \(d.role) at \(d.company)")
        facts.add("State", d.state)
        facts.add("Next", nextStep.map { "\($0.text), due \(times.human($0.due))" } ?? "-")
        for contact in d.contacts {
            facts.add("Contact", "\(contact.name) <\(contact.email)>\(contact.undeliverable ? " (undeliverable)" : "")")
        }
        facts.add("Domains", d.companyDomains.isEmpty ? "-" : d.companyDomains.joined(separator: ", "))
        facts.add("Time zone", d.timeZone)
        facts.add("Holidays", d.holidays.map { "\($0) (no follow-up goes out on its public holidays)" } ?? "none kept")
        facts.add("Pace", d.pace.rawValue)
        for point in d.talkingPoints { facts.add("Talking point", point) }
        if !d.notes.isEmpty { facts.add("Notes", d.notes) }
        console.print(facts.text)

        var events = Table("EVENT", "KIND", "START", "END", "DECISION BY", "CHANGED")
        for e in d.events {
            let changed = e.cancelledAt.map { "cancelled \(times.human($0))" } ?? e.movedAt.map { "moved \(times.human($0))" } ?? "-"
            events.add("\(e.id)", e.kind.rawValue, times.human(e.start), times.wall(e.end), e.decisionDate ?? "-", changed)
        }
        console.print("\n" + events.text)
        var drafts = Table("DRAFT", "KIND", "STATE", "DUE", "SENDS", "SUBJECT")
        for r in d.drafts {
            let sends = r.sendsAt.map(times.human) ?? r.heldBy.map { "held: \($0)" } ?? "-"
            drafts.add("\(r.id)", r.kind.words, r.state.rawValue, times.human(r.due), sends, r.subject)
        }
        console.print("\n" + (d.drafts.isEmpty ? "No drafts." : drafts.text))
        var sent = Table("SENT", "KIND", "STATE", "AT", "TO", "SUBJECT")
        for r in d.sent {
            sent.add("\(r.id)", r.kind.words, r.state.rawValue, r.sentAt.map(times.human) ?? "-", r.to, r.subject)
        }
        console.print("\n" + (d.sent.isEmpty ? "Nothing sent." : sent.text))
        var replies = Table("REPLY", "RECEIVED", "CLASS", "SOURCE", "FROM", "SUBJECT")
        for r in d.replies {
            let cls = r.replyClass.rawValue + (r.until.map { " until \($0)" } ?? "")
            replies.add("\(r.id)", times.human(r.receivedAt), cls, r.source.rawValue, r.from ?? "-", r.subject ?? "-")
        }
        console.print("\n" + (d.replies.isEmpty ? "No replies." : replies.text))
    }
}
