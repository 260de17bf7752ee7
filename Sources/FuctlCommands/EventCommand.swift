import ArgumentParser
import FollowUpCore

/// `fuctl event APP`: a new interview round (or event) for an application.
struct EventCommand: FuctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Record a new interview round: it starts a new round of follow-ups.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The application's id.") var app: ApplicationID
    @OptionGroup var event: EventOptions

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let history = try workspace.store.existingHistory(app)
        let zone = try event.zone(default: history.application.timeZone)
        let reading = try event.event(in: zone, now: context.now)
        var round = reading.event
        round.recordedAt = context.now
        if let current = history.application.events.last, round.start <= current.start {
            throw CommandFailure(.refused, "a new round must start after the current one (event \(current.id))")
        }
        let stored = try workspace.store.addEvent(round, to: app)
        if let note = reading.note { context.console.print(note) }
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        context.console.print("event \(stored.id) (\(stored.kind.rawValue)) on \(times.human(stored.start)): a new round; pending drafts of the last round will be cancelled")
    }
}
