import ArgumentParser
import FollowUpCore
import Foundation

/// `fuctl reply APP --kind …`: a reply that came another way (a phone call).
struct Reply: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a reply that did not come by mail; followupd applies it on its next check.",
        discussion: """
            Refused when the round is already closed (by a rejection or another closing reply) or the application \
            has an outcome: such a reply would change nothing. A new interview is recorded with fuctl event.
            """)

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
        let history = try workspace.store.existingHistory(app)
        if let closed = try Self.closedRound(history, settings: workspace.settings, now: context.now) {
            throw CommandFailure("nothing recorded: \(closed); no follow-up will be sent in this round. "
                                 + "If they invited you to another interview, record it with fuctl event \(app)")
        }
        let (reply, _) = try workspace.store.recordReply(
            RecordedReply(id: 0, applicationID: app, receivedAt: context.now, replyClass: kind.replyClass,
                          until: until, source: .phone))
        context.console.print("reply \(reply.id) (\(kind.rawValue), by phone) recorded. On followupd's next check:")
        context.console.print("  " + effect)
    }

    /// Why the round no longer listens to replies, if it does not.
    static func closedRound(_ history: ApplicationHistory, settings: PolicySettings, now: Date) throws -> String? {
        if let outcome = history.application.outcome {
            return "application \(history.application.id) is closed (\(outcome.rawValue))"
        }
        guard case .closedByReply(let id, let replyClass)? = try Timeline.current(history: history, settings: settings, now: now)?.state,
              let reply = history.replies.first(where: { $0.id == id }) else { return nil }
        let what = replyClass == .rejection ? "a rejection" : "a \(replyClass.rawValue) reply"
        return "the round was already closed by \(what) (reply \(id), received \(isoUTC(reply.receivedAt)))"
    }

    /// POLICY.md's "Replies from the employer", as the user will see it.
    var effect: String {
        switch kind {
        case .rejection:
            return "pending drafts will be cancelled and the round closed; a rejection reply will be drafted for your approval"
        case .nextStep:
            return "pending drafts will be cancelled and the round closed; record the next interview with fuctl event"
        case .needMoreTime:
            let when = until.map { "the business day after \($0)" } ?? "14 days from now"
            return "pending check-ins will be cancelled; one follow-up becomes due \(when), then no more"
        }
    }
}
