import ArgumentParser

/// The root command: only names the subcommands; `FuctlMain.run` runs them.
public struct Fuctl: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fuctl",
        abstract: "Review, approve and track the follow-ups followupd drafts after your interviews.",
        discussion: """
            Nothing is sent without your approval: followupd queues drafts, you read them \
            (fuctl queue, fuctl draft ID), fix them (fuctl edit ID) and approve them (fuctl approve ID).

            Listing commands take --json and then print only JSON (times in ISO 8601, UTC).
            Exit codes: 0 ok, 1 error or refusal, 2 usage, 3 followupd not running (fuctl status), 78 configuration.
            --config FILE may come before the subcommand too: fuctl --config FILE status.

            Shell completions: fuctl --generate-completion-script bash|zsh|fish
            """,
        subcommands: [
            Add.self, List.self, Show.self, EventCommand.self, Proposals.self, Accept.self, Reject.self,
            Queue.self, DraftCommand.self, Edit.self, Approve.self, Discard.self,
            News.self, Offer.self, Update.self, Reply.self, Relabel.self, Close.self,
            Log.self, Status.self, Resolve.self, Review.self, Why.self, Explain.self, Backup.self, ConfigCommand.self,
        ])

    public init() {}
}

/// A subcommand that runs against an injected context instead of the process's globals.
protocol FuctlCommand: ParsableCommand {
    func run(in context: Context) throws
}
