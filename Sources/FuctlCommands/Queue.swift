import ArgumentParser
import FollowUpCore
import FollowUpDrafts

/// `fuctl queue`: the drafts waiting for approval, with their problems.
struct Queue: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "List drafts waiting for approval, with their problems.",
        discussion: """
            SENDS is the earliest moment followupd would send a draft if you approved it now: its due time, \
            moved on by the policy's waits (minimum gap, one message a day per address, send window, decision \
            date), or "held" and the first reason the policy would not send it at all.
            """)

    @OptionGroup var options: ConfigOption
    @OptionGroup var paging: PageOption
    @OptionGroup var output: JSONFlag

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let store = workspace.store
        // One page by due time, with the histories and deliveries it needs and no others.
        let page = try store.drafts(in: .drafted, page: paging.range)
        let histories = Dictionary(try store.histories(of: page.items.map(\.applicationID)).map { ($0.application.id, $0) }) { a, _ in a }
        let delivered = try SendForecast.delivered(in: store, to: page.items)
        let waiting = page.items.map { draft in
            let history = histories[draft.applicationID]
            let sends = history.map {
                SendForecast.of(draft, history: $0, delivered: delivered, settings: workspace.settings, now: context.now)
            }
            return (draft, history.map { workspace.writer.lint(draft, history: $0) } ?? [], sends)
        }
        let hints = Dictionary(uniqueKeysWithValues: waiting.map { entry in
            (entry.0.id, histories[entry.0.applicationID].map { DraftHint.of(entry.0, application: $0.application) } ?? [])
        })
        if output.json {
            return try context.console.printJSON(waiting.map { draft, problems, sends in
                var row = DraftRow(draft, problems: problems, sends: sends)
                row.hints = hints[draft.id]
                return row
            })
        }
        let footer = paging.footer(shown: waiting.count, total: page.total, command: "fuctl queue")
        guard !waiting.isEmpty else { return context.console.print(footer ?? "No drafts waiting for approval.") }
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        var table = Table("ID", "APPLICATION", "KIND", "DUE", "SENDS", "TO", "SUBJECT", "PROBLEMS")
        for (draft, problems, sends) in waiting {
            let company = histories[draft.applicationID]?.application.company ?? ""
            table.add("\(draft.id)", "\(draft.applicationID) \(company)", draft.kind.words, times.human(draft.due),
                      sends?.text(times) ?? "-", draft.recipientEmail, draft.subject,
                      problems.isEmpty ? "none" : "\(problems.count)")
        }
        context.console.print(table.text)
        for (draft, problems, _) in waiting where !problems.isEmpty || !(hints[draft.id] ?? []).isEmpty {
            context.console.print("\nDraft \(draft.id):")
            context.console.printProblems(problems)
            for hint in hints[draft.id] ?? [] { context.console.print("  hint: \(hint)") }
        }
        if let footer { context.console.print("\n" + footer) }
    }
}

/// Advice on a draft that does not hold it back, unlike a lint problem.
enum DraftHint {
    static func of(_ draft: Draft, application: Application) -> [String] {
        guard draft.kind == .thankYou, application.talkingPoints.isEmpty else { return [] }
        return ["a thank-you without a talking point is generic; one thing you talked about makes it personal "
                + "(fuctl update \(application.id) --talking-point \"…\")"]
    }
}
