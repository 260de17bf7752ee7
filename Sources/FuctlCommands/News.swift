import ArgumentParser
import FollowUpCore

/// `fuctl news APP --text T`: real new information, after the thank-you.
struct News: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Queue a news draft (a certification, a publication, a new skill); it takes the next check-in's place.")

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag
    @Argument(help: "The application's id.") var app: ApplicationID
    @Option(help: "The news, in your words.") var text: String

    func validate() throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--text must not be empty") }
    }

    func run(in context: Context) throws {
        try ExceptionDraft.queue(.news, for: app, text: text, rule: Exceptions.news,
                                 json: output.json, workspace: try options.workspace(context), context: context)
    }
}
