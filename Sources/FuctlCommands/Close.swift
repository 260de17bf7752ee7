import ArgumentParser
import FollowUpCore

/// `fuctl close APP --outcome …`: the hiring process ended.
struct Close: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Close an application; followupd then cancels its pending drafts.",
        discussion: "An application already closed keeps its outcome unless --force is given.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The application's id.") var app: ApplicationID
    @Option(help: "offer, rejected, withdrawn or no-response.") var outcome: Outcome
    @Flag(help: "Replace the outcome of an application already closed.") var force = false

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let current = try workspace.store.existingHistory(app).application.outcome
        if current == outcome {
            return context.console.print("application \(app) is already closed (\(outcome.rawValue))")
        }
        if let current, !force {
            throw CommandFailure(.refused, "application \(app) is already closed (\(current.rawValue)); to change it to \(outcome.rawValue), add --force")
        }
        try workspace.store.setOutcome(outcome, for: app)
        let was = current.map { ", was \($0.rawValue)" } ?? ""
        context.console.print("application \(app) closed (\(outcome.rawValue)\(was)); pending drafts will be cancelled on followupd's next check")
    }
}
