import ArgumentParser
import FollowUpCore
import Foundation

/// `fuctl why APP` / `fuctl why --draft ID`: the audit trail — what the policy
/// plans and by which rule, every change of the gate's word, every reply with
/// how it was matched and where it was found, every notice.
struct Why: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain an application or a draft: the rules behind each due time, the gate's decisions, the replies, the notices.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The application's id (or use --draft).") var app: ApplicationID?
    @Option(help: "A draft's id: its application's trail, kept to this draft.") var draft: DraftID?

    func validate() throws {
        if (app == nil) == (draft == nil) { throw ValidationError("name an application, or a draft with --draft") }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let store = workspace.store
        let only = try draft.map { try store.existingDraft($0) }
        let history = try store.existingHistory(only?.applicationID ?? app ?? 0)
        let a = history.application
        let times = TimeText(zoneIdentifier: workspace.config.identity.timeZone, now: context.now)
        let summary = ApplicationSummary(history, settings: workspace.settings, now: context.now)
        var out = ["Application \(a.id): \(a.role) at \(a.company) (\(summary.state.description))"]
        if let event = a.events.last {
            out.append("Round: event \(event.id), \(event.kind.rawValue) \(times.human(event.start)) (\(a.timeZone))")
        }

        out.append("\nPlanned next:")
        if let timeline = try? Timeline.current(history: history, settings: workspace.settings, now: context.now) {
            let steps = timeline.steps.filter { only == nil || $0.kind == only?.kind }
            for step in steps {
                out.append("  \(step.kind.words), due \(times.human(step.due)): \(step.rule); "
                    + "then the first send-window moment not held by the gap, a decision date or an absence")
            }
            if steps.isEmpty { out.append("  nothing (\(timeline.state))") }
        } else {
            out.append("  nothing: no round the policy can read")
        }

        let drafts = history.drafts.filter { only == nil || $0.id == only?.id }
        out.append("\nDrafts:")
        for d in drafts {
            let when = d.sentAt.map { ", sent \(times.human($0))" } ?? ", due \(times.human(d.due))"
            out.append("  draft \(d.id), \(d.kind.words) to \(d.recipientEmail): \(d.state.rawValue)\(when)")
        }
        if drafts.isEmpty { out.append("  none") }

        out.append("\nGate decisions (each change):")
        let decisions = try store.gateDecisions(drafts: drafts.map(\.id))
        for g in decisions { out.append("  \(times.human(g.decidedAt)), draft \(g.draftID): \(g.verdict): \(g.reasons)") }
        if decisions.isEmpty { out.append("  none yet: the gate looks at a draft once it is approved and due") }

        out.append("\nReplies:")
        let origins = try store.replyOrigins(application: a.id)
        let labels = try store.replyLabels(application: a.id)
        for r in history.replies {
            var line = "  reply \(r.id), \(times.human(r.receivedAt)), \(r.source.rawValue) from \(r.from ?? "?"): \(r.replyClass.words)"
            if let until = r.until { line += " (until \(until))" }
            if let place = r.readOn { line += "; to be read on \(place)" }
            if let origin = origins[r.id] {
                line += "; \(origin.matched ?? "matched"); found in \(origin.mailbox) (UID \(origin.uid))"
            }
            out.append(line)
            for label in labels where label.replyID == r.id {
                out.append("    relabelled \(times.human(label.at)) by you: \(label.from.words) → \(label.to.words)"
                    + (label.until.map { " (until \($0))" } ?? ""))
            }
        }
        if history.replies.isEmpty { out.append("  none") }

        out.append("\nNotices:")
        let notices = try store.notices(application: a.id).filter { only == nil || $0.notice.draftID == only?.id }
        for n in notices {
            let channels = [n.commandState.map { "command \($0)" }, n.mailState.map { "mail \($0)" }].compactMap { $0 }
            out.append("  \(times.human(n.createdAt)), \(n.notice.kind.rawValue): \(n.notice.summary)"
                + (channels.isEmpty ? "" : " [\(channels.joined(separator: ", "))]"))
        }
        if notices.isEmpty { out.append("  none") }
        context.console.print(out.joined(separator: "\n"))
    }
}
