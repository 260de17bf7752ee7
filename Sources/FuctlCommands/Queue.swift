import ArgumentParser
import FollowUpCore
import FollowUpDrafts

/// `fuctl queue`: the drafts waiting for approval, with their problems.
struct Queue: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "List drafts waiting for approval, with their problems.")

    @OptionGroup var options: ConfigOption
    @OptionGroup var output: JSONFlag

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let waiting = try workspace.store.drafts(in: [.drafted]).map { ($0, try workspace.currentProblems(of: $0)) }
        if output.json { return try context.console.printJSON(waiting.map { DraftRow($0, problems: $1) }) }
        guard !waiting.isEmpty else { return context.console.print("No drafts waiting for approval.") }
        let companies = Dictionary(try workspace.store.applications().map { ($0.id, $0.company) }) { a, _ in a }
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        var table = Table("ID", "APPLICATION", "KIND", "DUE", "TO", "SUBJECT", "PROBLEMS")
        for (draft, problems) in waiting {
            table.add("\(draft.id)", "\(draft.applicationID) \(companies[draft.applicationID] ?? "")", draft.kind.words,
                      times.human(draft.due), draft.recipientEmail, draft.subject, problems.isEmpty ? "none" : "\(problems.count)")
        }
        context.console.print(table.text)
        for (draft, problems) in waiting where !problems.isEmpty {
            context.console.print("\nDraft \(draft.id):")
            context.console.printProblems(problems)
        }
    }
}
