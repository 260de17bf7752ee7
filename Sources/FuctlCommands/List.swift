import ArgumentParser
import FollowUpCore
import Foundation

/// `fuctl list`: every application and its next step.
struct List: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "List applications: state and next step.")

    @OptionGroup var options: ConfigOption
    @Flag(name: .long, help: "Only the applications without an outcome.")
    var open = false
    @OptionGroup var paging: PageOption
    @OptionGroup var output: JSONFlag

    struct Row: Encodable {
        var id: ApplicationID
        var company: String
        var role: String
        var state: String
        var nextStep: ApplicationSummary.NextStep?
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let page = try workspace.store.histories(openOnly: open, page: paging.range)
        let rows = page.items.map { history in
            let summary = ApplicationSummary(history, settings: workspace.settings, now: context.now)
            return Row(id: history.application.id, company: history.application.company, role: history.application.role,
                       state: summary.state.description, nextStep: summary.nextStep)
        }
        if output.json { return try context.console.printJSON(rows) }
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        var table = Table("ID", "COMPANY", "ROLE", "STATE", "NEXT", "DUE")
        for row in rows {
            table.add("\(row.id)", row.company, row.role, row.state,
                      row.nextStep?.text ?? "-",
                      row.nextStep.map { times.human($0.due) } ?? "-")
        }
        let footer = paging.footer(shown: rows.count, total: page.total, command: "fuctl list" + (open ? " --open" : ""))
        guard !rows.isEmpty else { return context.console.print(footer ?? (open ? "No open applications." : "No applications.")) }
        context.console.print(table.text)
        if let footer { context.console.print("\n" + footer) }
    }
}
