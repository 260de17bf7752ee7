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

    /// Before the tick's inbox check: at the first tick with `[notify]`, the
    /// replies recorded so far are not news, and those this check finds are.
    /// True when notices begin now.
    func begin() -> Bool {
        guard workspace.config.notify.enabled else { return false }
        do {
            guard try workspace.store.noticeMarks().since == nil else { return false }
            try workspace.store.beginNotices(at: clock(), replyMark: try workspace.store.newestReplyID())
            return true
        } catch {
            logger.error("notices could not begin; they are tried again at the next tick", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// `session`: nil when none could be opened (the mail notices then wait);
    /// `checkFailure`: why this tick's inbox check failed, if it did;
    /// `began`: what `begin` said at the start of the tick.
    func run(_ session: (any MailSession)?, checkFailure: String?, began: Bool) {
        let notify = workspace.config.notify
        guard notify.enabled else { return }
        do {
            let stored = try record(checkFailure: checkFailure, first: began)
            for item in stored where item.commandState != "skipped" && item.mailState != "skipped" {
                logger.notice("notice", metadata: ["kind": "\(item.notice.kind.rawValue)", "summary": "\(item.notice.summary)"])
            }
            if let words = notify.command { try runCommands(words) }
            if notify.mail, let session { try mailPending(session) }
        } catch {
            logger.error("notices failed; they are tried again at the next tick", metadata: ["error": "\(error)"])
        }
    }

    /// The notices the facts call for that are new, stored. At the first
    /// tick with notices, a round that ended before is not news; a draft
    /// queued already inside `remind_before` is told once, as queued.
    private func record(checkFailure: String?, first: Bool) throws -> [StoredNotice] {
        let store = workspace.store
        let now = clock()
        let marks = try store.noticeMarks()
        let (histories, newestReply) = try store.noticeHistories(replyMark: marks.replyMark, since: marks.since ?? now, now: now)
        // Problems are told only in a draft's first notice for its revision: lint
        // only those (a tick with drafts already told opens no dictionary).
        let waiting = histories.flatMap { history in history.drafts.filter { $0.state == .drafted }.map { (history, $0) } }
        let untold = try store.noticeKeysUnknown(waiting.map { Notice.queuedKey($0.1) })
        var problems: [DraftID: [String]] = [:]
        for (history, draft) in waiting where untold.contains(Notice.queuedKey(draft)) {
            problems[draft.id] = workspace.writer.lint(draft, history: history).map(\.message)
        }
        let facts = NoticeFacts(histories: histories, problems: problems, replyMark: marks.replyMark,
                                lastGoodCheck: marks.lastGoodCheck, noticesSince: marks.since ?? now, checkFailure: checkFailure,
                                proposals: try store.proposals())
        let notify = workspace.config.notify
        let settings = NoticeSettings(remindBefore: notify.remindBefore, alertAfter: notify.alertAfter)
        let wanted = NoticePlanner.notices(facts, settings: settings, now: now)
        let queued = Set(wanted.filter { $0.kind == .draftQueued }.map { "\($0.draftID ?? 0):\($0.draftRevision ?? "")" })
        // The queued notices wanted are those of the drafts waiting: the ones not yet told are `untold`.
        let newlyQueued = untold
        var skipped = Set<String>()
        for notice in wanted {
            if first && notice.kind == .roundEnded { skipped.insert(notice.key) }
            let revision = "\(notice.draftID ?? 0):\(notice.draftRevision ?? "")"
            if notice.kind == .draftDueSoon, queued.contains(revision),
               newlyQueued.contains("queued:\(revision)") { skipped.insert(notice.key) }
        }
        return try store.recordNotices(wanted, command: notify.command != nil, mail: notify.mail,
                                       skipped: skipped, replyMark: newestReply, now: now)
    }

    /// Every notice the command has not had yet (one left by a crash included).
    private func runCommands(_ words: [String]) throws {
        guard let program = NoticeCommands.resolve(words[0]) else {
            // Kept pending: they run once the program is there (PATH under systemd is short).
            logger.error("notify.command: no such program; the notices wait for it", metadata: ["program": "\(words[0])"])
            return
        }
        let pending = try workspace.store.notices(commandState: "pending")
        // Marked first: a command is run at most once per notice, whatever happens next.
        try workspace.store.markNotices(pending.map(\.id), channel: "command", now: clock())
        for item in pending { commands.start([program] + words.dropFirst(), for: item.notice) }
    }

    /// The pending notices in one mail, at most one mail a quarter hour.
    /// With approval by reply, a draft's notice goes in a mail of its own,
    /// whose Message-ID carries the token an answer must name.
    private func mailPending(_ session: any MailSession) throws {
        let store = workspace.store
        let pending = try store.notices(mailState: "pending")
        guard !pending.isEmpty else { return }
        let now = clock()
        if let last = try store.lastNoticeMail(), now.timeIntervalSince(last) < NoticeMail.spacing { return }
        var batches: [[StoredNotice]] = [pending]
        if workspace.config.notify.approveByReply {
            let decisions = pending.filter(\.notice.asksForADecision)
            batches = decisions.map { [$0] } + [pending.filter { !$0.notice.asksForADecision }].filter { !$0.isEmpty }
        }
        for batch in batches {
            let answerable = workspace.config.notify.approveByReply && batch.count == 1 && batch[0].notice.asksForADecision
            guard try mail(batch, answerable: answerable, session) else { return }
        }
    }

    /// One notice mail; false when the server would not take it (the rest wait too).
    private func mail(_ batch: [StoredNotice], answerable: Bool, _ session: any MailSession) throws -> Bool {
        let store = workspace.store
        let now = clock()
        let identity = workspace.config.identity
        let domain = MailAddress(address: identity.email).domain
        var random = SystemRandomNumberGenerator()
        let token = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
        let messageID = (answerable ? AnswerRules.messageIDPrefix : "followupd.") + token + "@" + domain
        let bytes = try NoticeMail.message(batch.map(\.notice), identity: identity, messageID: messageID,
                                           answerable: answerable, now: now).render()
        // Recorded as mailed just before the final dot: a notice is mailed at most once.
        let outcome = session.send(bytes, from: identity.email, to: [identity.email]) {
            (try? store.markNotices(batch.map(\.id), channel: "mail", now: now, messageID: MessageIDs.normalize(messageID))) != nil
        }
        switch outcome {
        case .delivered:
            logger.info("notice mailed", metadata: ["notices": "\(batch.count)"])
            return true
        case .notSent(_, let detail):
            try store.reopenMail(batch.map(\.id))
            logger.warning("notice mail not sent; it is tried again at the next tick", metadata: ["error": "\(detail)"])
            return false
        case .unknown(let detail):
            logger.warning("notice mail may not have arrived; it is not sent again", metadata: ["error": "\(detail)"])
            return false
        }
    }
}
