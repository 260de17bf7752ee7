import ArgumentParser
import FollowUpCore
import Foundation

/// The classes a person can tell fuctl about; the others only mail brings.
extension ReplyClass: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = ReplyClass(rawValue: argument), value.canBeReportedByHand else { return nil }
        self = value
    }

    public static var allValueStrings: [String] { allCases.filter(\.canBeReportedByHand).map(\.rawValue) }
}

/// `fuctl reply APP --kind …`: a reply that came another way (a phone call).
struct Reply: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a reply that did not come by mail; followupd applies it on its next check.",
        discussion: """
            Refused when the round is already closed (by a rejection or another closing reply) or the application \
            has an outcome: such a reply would change nothing. A new interview is recorded with fuctl event.
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The application's id.") var app: ApplicationID
    @Option(help: ArgumentHelp(ReplyClass.allValueStrings.joined(separator: ", ") + "."))
    var kind: ReplyClass
    @Option(help: ArgumentHelp("need-more-time: the date they named.", valueName: "YYYY-MM-DD")) var until: LocalDate?

    func validate() throws {
        if until != nil && !kind.namesADate { throw ValidationError("--until goes only with --kind need-more-time") }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let history = try workspace.store.existingHistory(app)
        if let closed = try Self.closedRound(history, settings: workspace.settings, now: context.now) {
            throw CommandFailure(.refused, "nothing recorded: \(closed); no follow-up will be sent in this round. "
                                 + "If they invited you to another interview, record it with fuctl event \(app)")
        }
        let (reply, _) = try workspace.store.recordReply(
            RecordedReply(id: 0, applicationID: app, receivedAt: context.now, replyClass: kind,
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
        return "the round was already closed by \(replyClass.words) (reply \(id), received \(isoUTC(reply.receivedAt)))"
    }

    /// POLICY.md's "Replies from the employer", as the user will see it.
    var effect: String {
        guard kind.namesADate else { return kind.effect }
        let when = until.map { "the business day after \($0)" } ?? "14 days from now"
        return kind.effect.replacingOccurrences(of: "when they said", with: when)
    }
}
