import ArgumentParser
import FollowUpCore
import Foundation
import FollowUpConfig
import FollowUpStore

/// `fuctl event APP`: a new interview round (or event) for an application;
/// with `--move` or `--cancel`, a change to the current one.
struct EventCommand: FuctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Record a new interview round, or move or cancel the current one.",
        discussion: """
            --interview starts a new round of follow-ups. --move "YYYY-MM-DD HH:MM" [--duration D] [--tz ZONE] moves \
            the current round's interview: its thank-you and check-ins written for the old time are drafted anew for the new one \
            (approved ones too, for your approval again). --cancel cancels it: nothing of its round goes out.
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The application's id.") var app: ApplicationID
    @OptionGroup var event: EventOptions
    @Option(help: ArgumentHelp("The current round's interview moved to this local time (in --tz, else the application's zone).",
                               valueName: "YYYY-MM-DD HH:MM"))
    var move: String?
    @Flag(help: "The current round's interview is cancelled.") var cancel = false

    func validate() throws {
        if [event.interview != nil, move != nil, cancel].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --interview (a new round), --move or --cancel")
        }
        if cancel && (event.duration != nil || event.timeZone != nil) {
            throw ValidationError("--cancel takes no --duration or --tz")
        }
        if move != nil || cancel {
            // What the current round's event is stays as it was recorded; fuctl update changes its decision date.
            if event.kind != .interview { throw ValidationError("--move and --cancel take no --kind") }
            if event.decisionDate != nil {
                throw ValidationError("--move and --cancel take no --decision-date: give it with fuctl update \(app) --decision-date")
            }
        }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let history = try workspace.store.existingHistory(app)
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        if move != nil || cancel {
            guard let current = history.application.events.last else {
                throw CommandFailure(.refused, "application \(app) has no interview to \(cancel ? "cancel" : "move")")
            }
            if current.cancelledAt != nil { throw CommandFailure(.refused, "event \(current.id) is already cancelled") }
            if cancel {
                try workspace.store.cancelEvent(current.id, at: context.now)
                return context.console.print("event \(current.id) on \(times.human(current.start)) cancelled: its drafts will be cancelled, approved ones too; nothing of its round goes out")
            }
            return try moveCurrent(current, history, workspace.store, times, context)
        }
        let zone = try event.zone(default: history.application.timeZone)
        let reading = try event.event(in: zone, now: context.now)
        var round = reading.event
        round.recordedAt = context.now
        if let current = history.application.events.last, round.start <= current.start {
            throw CommandFailure(.refused, "a new round must start after the current one (event \(current.id))")
        }
        let stored = try workspace.store.addEvent(round, to: app)
        if let note = reading.note { context.console.print(note) }
        context.console.print("event \(stored.id) (\(stored.kind.rawValue)) on \(times.human(stored.start)): a new round; pending drafts of the last round will be cancelled")
    }

    private func moveCurrent(_ current: Event, _ history: ApplicationHistory, _ store: Store,
                             _ times: TimeText, _ context: Context) throws {
        let zone = try event.zone(default: history.application.timeZone)
        let start = try EventOptions.localTime(move ?? "", zone: zone, flag: "--move")
        let length = try event.duration.map { text -> TimeInterval in
            guard let length = ConfigDuration.parse(text), length > 0, length <= 86400 else {
                throw ValidationError("--duration \"\(text)\" is not a duration of up to a day, like 45m or 1h30m")
            }
            return length
        } ?? current.end.timeIntervalSince(current.start)
        let earlier = history.application.events.dropLast().last
        if let earlier, start.instant <= earlier.start {
            throw CommandFailure(.refused, "the interview cannot move before the earlier round (event \(earlier.id))")
        }
        if start.instant == current.start && start.instant.addingTimeInterval(length) == current.end {
            return context.console.print("event \(current.id) is already at \(times.human(current.start)): nothing changed")
        }
        if start.instant < context.now.addingTimeInterval(-366 * 86400) || start.instant > context.now.addingTimeInterval(2 * 366 * 86400) {
            throw ValidationError("--move \"\(move ?? "")\" is more than a year back or two years ahead: check the year")
        }
        if let decision = current.decisionDate, decision < start.day {
            context.console.print("note: the decision date \(decision) they named is now before the interview; change it with fuctl update when you know the new one")
        }
        let moved = try store.moveEvent(current.id, start: start.instant, end: start.instant.addingTimeInterval(length), at: context.now)
        if let note = start.note { context.console.print(note) }
        context.console.print("event \(moved.id) moved to \(times.human(moved.start)): its thank-you and check-ins written for the old time will be drafted anew, for your approval")
    }
}
