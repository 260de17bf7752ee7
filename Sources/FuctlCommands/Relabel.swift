import ArgumentParser
import FollowUpCore
import Foundation

/// What a recorded reply may be corrected to: what a person can read in it.
enum RelabelKind: String, CaseIterable, ExpressibleByArgument {
    case rejection
    case nextStep = "next-step"
    case needMoreTime = "need-more-time"
    case autoReply = "auto-reply"
    case unclear
    case notAReply = "not-a-reply"

    var replyClass: ReplyClass {
        switch self {
        case .rejection: .rejection
        case .nextStep: .nextStep
        case .needMoreTime: .needMoreTime
        case .autoReply: .autoReply
        case .unclear: .unclear
        case .notAReply: .notAReply
        }
    }
}

/// `fuctl relabel REPLY --kind …`: a reply followupd read wrong, corrected.
struct Relabel: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct how a recorded reply was read; followupd acts on it at its next check as if it had been read so.",
        discussion: """
            rejection: a reply to it is drafted for your approval. next-step: the round is closed. need-more-time \
            [--until DATE]: one follow-up after the date they named. auto-reply [--until DATE]: nothing is cancelled, \
            nothing goes out before the day after the date. unclear: the round stops for you to decide. \
            not-a-reply: it counts for nothing, and what it cancelled is drafted anew for your approval. \
            Each correction is kept (fuctl why).
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The reply's id (fuctl show APP lists them).") var reply: ReplyID
    @Option(help: ArgumentHelp(RelabelKind.allCases.map(\.rawValue).joined(separator: ", ") + ".")) var kind: RelabelKind
    @Option(help: ArgumentHelp("need-more-time: the date they named; auto-reply: the last day away.", valueName: "YYYY-MM-DD"))
    var until: LocalDate?

    func validate() throws {
        if until != nil && ![.needMoreTime, .autoReply].contains(kind) {
            throw ValidationError("--until goes only with --kind need-more-time or auto-reply")
        }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let target = kind.replyClass
        guard let current = try workspace.store.reply(id: reply) else {
            throw CommandFailure(.notFound, "no reply with id \(reply)")
        }
        if current.replyClass == target && current.until == until {
            context.console.print("reply \(reply) is already \(target.words): nothing changed")
            return
        }
        let (before, _) = try workspace.store.relabelReply(reply, as: target, until: until, at: context.now)
        context.console.print("reply \(reply) (application \(before.applicationID)): \(before.replyClass.words) → \(target.words). On followupd's next check:")
        context.console.print("  " + target.effect)
    }
}
