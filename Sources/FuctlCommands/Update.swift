import ArgumentParser
import FollowUpCore
import FollowUpWorkspace
import MailMessage

/// `fuctl update APP --talking-point …`: what the user remembers or learns
/// after recording the application. A thank-you still waiting, and never
/// edited by hand, is written again with it.
struct Update: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add talking points or company domains to an application; a waiting thank-you you have not edited is written again.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The application's id.") var app: ApplicationID
    @Option(name: .customLong("talking-point"), help: "Something specific from the conversation, for the thank-you (repeatable).")
    var talkingPoints: [String] = []
    @Option(name: .customLong("domain"), help: "Another mail domain of the company (repeatable).")
    var domains: [String] = []

    func validate() throws {
        guard !talkingPoints.isEmpty || !domains.isEmpty else { throw ValidationError("give --talking-point or --domain") }
        for point in talkingPoints {
            if point.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--talking-point must not be empty") }
            if let problem = VisibleText.checkOneLine(point, named: "--talking-point") { throw ValidationError(problem) }
        }
        for domain in domains where !MailAddress.isValid("x@" + domain) {
            throw ValidationError("--domain \"\(domain)\" is not a domain name")
        }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let store = workspace.store
        _ = try store.existingHistory(app)
        try store.addDetails(to: app, talkingPoints: talkingPoints, domains: domains)
        context.console.print("application \(app) updated")
        guard !talkingPoints.isEmpty else { return }
        let history = try store.existingHistory(app)
        for draft in history.drafts where draft.kind == .thankYou && draft.state == .drafted {
            let queued = QueuedDraft(applicationID: app, round: draft.round, kind: draft.kind,
                                     recipient: Contact(name: draft.recipientName, email: draft.recipientEmail), due: draft.due, thread: nil)
            let (written, problems) = try workspace.writer.write(queued, history: history, now: context.now,
                                                                 randomBytes: Workspace.randomBytes())
            // Written again, not edited by the user: the next talking point may write it again too.
            guard try store.rewriteUnedited(draftID: draft.id, subject: written.subject, body: written.body,
                                            lintProblems: problems.map(\.description), now: context.now) != nil else {
                context.console.print("draft \(draft.id) has your own edits: mention it there yourself (fuctl edit \(draft.id))")
                continue
            }
            context.console.print("draft \(draft.id), the thank-you, written again with it"
                + (problems.isEmpty ? "" : "; \(problems.count) problem\(problems.count == 1 ? "" : "s") (fuctl queue)"))
        }
    }
}
