import Foundation
import Logging
import FollowUpCore
import FollowUpStore
import FollowUpWorkspace
import MailMessage

/// After each tick, whether it succeeded or not: the notices the store's
/// facts call for, each recorded once, then handed to the channels of
/// `[notify]`. A failure here is logged; it never fails the tick.
struct Notifier {
    let workspace: Workspace
    let logger: Logger
    let clock: @Sendable () -> Date
    let commands: NoticeCommands

    /// `session`: nil when none could be opened (the mail notices then wait);
    /// `checkFailure`: why this tick's inbox check failed, if it did.
    func run(_ session: (any MailSession)?, checkFailure: String?) {
        let notify = workspace.config.notify
        guard notify.enabled else { return }
        do {
            let stored = try record(checkFailure: checkFailure)
            for item in stored where item.commandState != "skipped" {
                logger.notice("notice", metadata: ["kind": "\(item.notice.kind.rawValue)", "summary": "\(item.notice.summary)"])
            }
            if let words = notify.command { try runCommands(words) }
            if notify.mail, let session { try mailPending(session) }
        } catch {
            logger.error("notices failed; they are tried again at the next tick", metadata: ["error": "\(error)"])
        }
    }

    /// The notices the facts call for that are new, stored. At the first
    /// tick with notices, a round that ended before is not news.
    private func record(checkFailure: String?) throws -> [StoredNotice] {
        let store = workspace.store
        let now = clock()
        let histories = try store.histories()
        let newestReply = histories.flatMap(\.replies).map(\.id).max() ?? 0
        var marks = try store.noticeMarks()
        let first = marks.since == nil
        if first {
            try store.beginNotices(at: now, replyMark: newestReply)
            marks = try store.noticeMarks()
        }
        var problems: [DraftID: [String]] = [:]
        for history in histories {
            for draft in history.drafts where draft.state == .drafted {
                problems[draft.id] = workspace.writer.lint(draft, history: history).map(\.message)
            }
        }
        let facts = NoticeFacts(histories: histories, problems: problems, replyMark: marks.replyMark,
                                lastGoodCheck: marks.lastGoodCheck, noticesSince: marks.since ?? now, checkFailure: checkFailure)
        let settings = NoticeSettings(remindBefore: workspace.config.notify.remindBefore, alertAfter: workspace.config.notify.alertAfter)
        let wanted = NoticePlanner.notices(facts, settings: settings, now: now)
        let known = try store.knownNoticeKeys(wanted.map(\.key))
        let fresh = wanted.filter { !known.contains($0.key) }
        let past = first ? Set(fresh.filter { $0.kind == .roundEnded }.map(\.key)) : []
        return try store.recordNotices(fresh, command: workspace.config.notify.command != nil, mail: workspace.config.notify.mail,
                                       skipped: past, replyMark: newestReply, now: now)
    }

    /// Every notice the command has not had yet (one left by a crash included).
    private func runCommands(_ words: [String]) throws {
        let pending = try workspace.store.notices(commandState: "pending")
        // Marked first: a command is run at most once per notice, whatever happens next.
        try workspace.store.markNotices(pending.map(\.id), channel: "command", now: clock())
        for item in pending { commands.start(words, for: item.notice) }
    }

    /// The pending notices in one mail, at most one mail a quarter hour.
    private func mailPending(_ session: any MailSession) throws {
        let store = workspace.store
        let pending = try store.notices(mailState: "pending")
        guard !pending.isEmpty else { return }
        let now = clock()
        if let last = try store.lastNoticeMail(), now.timeIntervalSince(last) < NoticeMail.spacing { return }
        let identity = workspace.config.identity
        let domain = MailAddress(address: identity.email).domain
        let messageID = try MessageIDs.make(randomBytes: (0..<16).map { _ in UInt8.random(in: 0...255) }, domain: domain)
        let bytes = try NoticeMail.message(pending.map(\.notice), identity: identity, messageID: messageID, now: now).render()
        // Recorded as mailed just before the final dot: a notice is mailed at most once.
        let outcome = session.send(bytes, from: identity.email, to: [identity.email]) {
            (try? store.markNotices(pending.map(\.id), channel: "mail", now: now, messageID: messageID)) != nil
        }
        switch outcome {
        case .delivered:
            logger.info("notice mailed", metadata: ["notices": "\(pending.count)"])
        case .notSent(_, let detail):
            try store.reopenMail(pending.map(\.id))
            logger.warning("notice mail not sent; it is tried again at the next tick", metadata: ["error": "\(detail)"])
        case .unknown(let detail):
            logger.warning("notice mail may not have arrived; it is not sent again", metadata: ["error": "\(detail)"])
        }
    }
}
