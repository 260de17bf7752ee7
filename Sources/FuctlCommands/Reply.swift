import ArgumentParser
import FollowUpCore

/// `fuctl reply APP --kind …`: a reply that came another way (a phone call).
struct Reply: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a reply that did not come by mail; followupd applies it on its next check.")

    enum Kind: String, CaseIterable, ExpressibleByArgument {
        case rejection
        case nextStep = "next-step"
        case needMoreTime = "need-more-time"

        var replyClass: ReplyClass {
            switch self {
            case .rejection: return .rejection
            case .nextStep: return .nextStep
            case .needMoreTime: return .needMoreTime
            }
        }
    }

    @OptionGroup var options: ConfigOption
    @Argument(help: "The application's id.") var app: ApplicationID
    @Option(help: "rejection, next-step or need-more-time.") var kind: Kind
    @Option(help: ArgumentHelp("need-more-time: the date they named.", valueName: "YYYY-MM-DD")) var until: LocalDate?

    func validate() throws {
        if until != nil && kind != .needMoreTime { throw ValidationError("--until goes only with --kind need-more-time") }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        _ = try workspace.store.existingHistory(app)
        let (reply, _) = try workspace.store.recordReply(
            RecordedReply(id: 0, applicationID: app, receivedAt: context.now, replyClass: kind.replyClass,
                          until: until, source: .phone))
        context.console.print("reply \(reply.id) (\(kind.rawValue), by phone) recorded. On followupd's next check:")
        context.console.print("  " + effect)
    }

    /// POLICY.md's "Replies from the employer", as the user will see it.
    var effect: String {
        switch kind {
        case .rejection:
            return "pending drafts will be cancelled and the round closed; a rejection_reply will be drafted for your approval"
        case .nextStep:
            return "pending drafts will be cancelled and the round closed; record the next interview with fuctl event"
        case .needMoreTime:
            let when = until.map { "the business day after \($0)" } ?? "14 days from now"
            return "pending check-ins will be cancelled; one follow-up becomes due \(when), then no more"
        }
    }
}
