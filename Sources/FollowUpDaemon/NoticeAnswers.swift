import Foundation
import Logging
import FollowUpCore
import FollowUpReplies
import FollowUpStore
import FollowUpWorkspace
import MailMessage

/// Approval by reply: the user's answers to notice mails, read by the inbox
/// check, acted on by `AnswerRules` and confirmed (or refused, with why) in
/// the next notice. Each answer is taken once, by its own Message-ID.
struct NoticeAnswers {
    let workspace: Workspace
    let logger: Logger
    let clock: @Sendable () -> Date

    /// Throws when one could not be taken: the check fails, and the answer
    /// is read again at the next one (an answer taken is never taken twice).
    func take(_ answers: [IncomingMessage]) throws {
        for answer in answers { try apply(answer) }
    }

    private func apply(_ answer: IncomingMessage) throws {
        let store = workspace.store
        let answerID = answer.messageID.map(MessageIDs.normalize) ?? answer.headerDigest
        guard try !store.answerTaken(answerID) else { return }
        let names = (answer.inReplyTo + answer.references).map(MessageIDs.normalize)
        let user = workspace.config.identity.email.lowercased()
        let notice = try store.answeredNotice(namedBy: names.filter { $0.hasPrefix(AnswerRules.messageIDPrefix) })
        let shown = notice?.drafts.count == 1 ? notice?.drafts.first?.id : nil
        let draft = try shown.flatMap { try store.draft(id: $0) }
        let history = try draft.flatMap { try store.history(for: $0.applicationID) }
        let problems = draft.flatMap { d in history.map { workspace.writer.lint(d, history: $0).map(\.message) } } ?? []
        let verb = AnswerVerb.of(answer.body)
        let decision = AnswerRules.decide(AnswerRules.Answer(fromUser: answer.from?.address.lowercased() == user, names: names, verb: verb),
                                          notice: notice, draft: draft, problems: problems)
        let now = clock()
        let outcome: String
        var acted = false
        switch decision {
        case .notAnAnswer:
            return
        case .refuse(let reason):
            outcome = "Not done: \(reason)."
            logger.warning("an answer to a notice was refused", metadata: ["why": "\(reason)"])
        case .act(let verb, let id):
            guard let draft, let history else { return }
            let what = "the \(draft.kind.words) to \(draft.recipientName) (\(history.application.company))"
            switch verb {
            case .approve:
                // The text checked is the text approved: an edit meanwhile refuses it.
                try store.approve(draftID: id, checked: (draft.subject, draft.body), now: now)
                outcome = "Approved: \(what) goes out when due, \(NoticePlanner.dueText(draft.due, zone: history.application.timeZone)), if nothing stops it."
            case .discard:
                try store.discard(draftID: id, reason: "discarded by an answer to its notice", now: now)
                outcome = "Discarded: \(what)."
            case .skip:
                outcome = "Skipped: \(what) stays in the queue, waiting for you."
            }
            acted = true
            logger.notice("an answer to a notice was taken", metadata: ["draft": "\(id)", "verb": "\(verb.rawValue)"])
        }
        try store.recordAnswer(answerID, noticeMessageID: notice?.messageID ?? names.first ?? "", draftID: shown,
                               verb: verb, acted: acted, outcome: outcome, now: now)
        let notify = workspace.config.notify
        let told = Notice(key: "answer:\(answerID)", kind: .answer, applicationID: draft?.applicationID,
                          company: history?.application.company, draftID: shown, summary: outcome)
        _ = try store.recordNotices([told], command: notify.command != nil, mail: notify.mail, replyMark: 0, now: now)
    }
}
