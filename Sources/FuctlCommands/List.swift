import ArgumentParser
import FollowUpCore
import Foundation

/// `fuctl list`: every application and its next step.
struct List: FuctlCommand {
    static let configuration = CommandConfiguration(abstract: "List applications: state and next step.")

    @OptionGroup var options: ConfigOption
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
        let rows = try workspace.store.histories().map { history in
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
        context.console.print(table.text)
    }
}
