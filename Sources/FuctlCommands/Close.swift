import ArgumentParser
import FollowUpCore

/// `fuctl close APP --outcome …`: the hiring process ended.
struct Close: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "Close an application; followupd then cancels its pending drafts.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The application's id.") var app: ApplicationID
    @Option(help: "offer, rejected, withdrawn or no-response.") var outcome: Outcome

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        try workspace.store.setOutcome(outcome, for: app)
        context.console.print("application \(app) closed (\(outcome.rawValue)); pending drafts will be cancelled on followupd's next check")
    }
}
