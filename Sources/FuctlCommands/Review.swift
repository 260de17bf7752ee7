import ArgumentParser
import FollowUpCore
import FollowUpDrafts
import FollowUpWorkspace
import Foundation
import MailMessage

/// `fuctl review`: the queue one draft at a time, one key each.
struct Review: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Walk the drafts waiting for approval, one at a time: a approve, e edit, d discard, s skip, q quit.",
        discussion: "Needs a terminal. Each draft is shown whole, with its problems and when it would go out.")

    @OptionGroup var options: ConfigOption

    func run(in context: Context) throws {
        guard let keys = Keyboard.terminal() else {
            throw CommandFailure(.refused, "fuctl review reads one key at a time and needs a terminal; "
                + "elsewhere use fuctl queue, fuctl draft ID, fuctl approve ID and fuctl discard ID")
        }
        defer { keys.restore() }
        let workspace = try options.workspace(context)
        let waiting = try workspace.store.drafts(in: [.drafted]).sorted { $0.due < $1.due }
        guard !waiting.isEmpty else { return context.console.print("No drafts waiting for approval.") }
        var tally = (approved: 0, discarded: 0, skipped: 0)
        drafts: for (index, first) in waiting.enumerated() {
            var problems = try workspace.currentProblems(of: first)
            while true {
                // Read again each time: an edit, or the daemon, may have changed it.
                let draft = try workspace.store.existingDraft(first.id)
                guard draft.state == .drafted else {
                    context.console.print("draft \(draft.id) is \(draft.state.rawValue) now; next")
                    continue drafts
                }
                show(draft, problems: problems, position: "\(index + 1) of \(waiting.count)", workspace: workspace, context: context)
                context.console.write("[a]pprove  [e]dit  [d]iscard  [s]kip  [q]uit: ")
                let key = keys.next()
                context.console.print(key.map(String.init) ?? "")
                switch key {
                case "a":
                    guard problems.isEmpty else {
                        context.console.print("not approved: it has problems; press e to edit it")
                        continue
                    }
                    try workspace.store.approve(draftID: draft.id, checked: (draft.subject, draft.body), now: context.now)
                    context.console.print("draft \(draft.id) approved\n")
                    tally.approved += 1
                    continue drafts
                case "e":
                    keys.restore()
                    defer { keys.resume() }
                    problems = try Edit.edit(draft.id, workspace: workspace, context: context)
                case "d":
                    try workspace.store.discard(draftID: draft.id, reason: "discarded by the user", now: context.now)
                    context.console.print("draft \(draft.id) discarded\n")
                    tally.discarded += 1
                    continue drafts
                case "s":
                    tally.skipped += 1
                    context.console.print("")
                    continue drafts
                case "q", nil:
                    break drafts
                default:
                    context.console.print("press a, e, d, s or q")
                }
            }
        }
        context.console.print("approved \(tally.approved), discarded \(tally.discarded), skipped \(tally.skipped)")
    }

    private func show(_ draft: Draft, problems: [LintProblem], position: String, workspace: Workspace, context: Context) {
        let console = context.console
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        console.print("── draft \(draft.id) (\(position)): \(draft.kind.words), due \(times.human(draft.due)) ──")
        let message = OutgoingMessage(draft: draft, identity: workspace.config.identity, date: context.now)
        console.print(DraftCommand.readable(message))
        if let history = try? workspace.store.history(for: draft.applicationID),
           let delivered = try? SendForecast.delivered(in: workspace.store, to: [draft]) {
            let row = DraftRow(draft, sends: SendForecast.of(draft, history: history, delivered: delivered,
                                                             settings: workspace.settings, now: context.now))
            console.print("Goes out: " + (row.sendsAt.map { "\(times.human($0)) once approved" } ?? row.heldBy.map { "held: \($0)" } ?? "-"))
        }
        if problems.isEmpty {
            console.print("Problems: none")
        } else {
            console.print("Problems:")
            console.printProblems(problems)
        }
    }
}
