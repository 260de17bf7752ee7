import ArgumentParser
import FollowUpCore

/// `fuctl resolve ID --sent|--not-sent`: the user decides a send whose outcome is unknown.
struct Resolve: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide a send whose outcome is unknown (see fuctl status).",
        discussion: "--sent: it reached the employer, or you cannot tell (the safe side; it counts as sent). --not-sent: you know it did not; the step may be drafted again for your approval.")

    enum Decision: String, EnumerableFlag {
        case sent, notSent
    }

    @OptionGroup var options: ConfigOption
    @Argument(help: "The draft's id.") var id: DraftID
    @Flag var decision: Decision

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        _ = try workspace.store.existingDraft(id)
        switch decision {
        case .sent:
            try workspace.store.markSent(draftID: id, now: context.now)
            context.console.print("draft \(id) recorded as sent")
        case .notSent:
            try workspace.store.markNotSent(draftID: id, now: context.now)
            context.console.print("draft \(id) recorded as not sent; followupd may draft a new message when the policy allows")
        }
    }
}
