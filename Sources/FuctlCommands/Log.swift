import ArgumentParser
import FollowUpCore
import Foundation

/// `fuctl log`: every hand-over to SMTP and how it ended.
struct Log: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "List every send attempt and its outcome.")

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag

    struct Row: Encodable {
        var draft: DraftID
        var application: ApplicationID
        var kind: MessageKind
        var to: String
        var messageId: String
        /// sent, unknown or not-sent.
        var state: String
        /// The store's outcome: sent, not-sent-retryable, not-sent-permanent, unknown, interrupted.
        var outcome: String
        var error: String?
        var at: Date
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let rows = try workspace.store.sendLog().map { entry in
            Row(draft: entry.draft.id, application: entry.draft.applicationID, kind: entry.draft.kind,
                to: entry.draft.recipientEmail, messageId: entry.attempt.messageID, state: entry.attempt.outcome.verdict,
                outcome: entry.attempt.outcome.rawValue, error: entry.attempt.error, at: entry.attempt.at)
        }
        if output.json { return try context.console.printJSON(rows) }
        guard !rows.isEmpty else { return context.console.print("Nothing was handed to the mail server yet.") }
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        var table = Table("DRAFT", "APP", "KIND", "TO", "MESSAGE-ID", "STATE", "AT", "ERROR")
        for r in rows {
            table.add("\(r.draft)", "\(r.application)", r.kind.words, r.to, r.messageId, r.state, times.human(r.at), r.error ?? "")
        }
        context.console.print(table.text)
    }
}
