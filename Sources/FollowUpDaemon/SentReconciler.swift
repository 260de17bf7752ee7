import Foundation
import Logging
import FollowUpCore
import FollowUpStore
import FollowUpWorkspace
import MailTransport

/// Sends whose outcome is unknown (a crash or a dropped connection between
/// the final dot and the server's answer) are looked for in the Sent folder by their Message-ID: found means
/// sent; not found leaves them unknown for the user to decide, counting
/// toward the cap and the gap meanwhile.
struct SentReconciler {
    let workspace: Workspace
    let logger: Logger
    let clock: @Sendable () -> Date

    /// At start-up: a send that was in flight is not sent when its journal
    /// says the final dot had not gone yet (it is tried again through the
    /// gate), and `unknown` when it had.
    func recoverInterruptedSends() throws {
        let recovered = try workspace.store.recoverInterruptedSends(now: clock())
        for draft in recovered.notSent {
            logger.notice("a send was interrupted before its final dot: not sent, it will be tried again",
                          metadata: ["draft": "\(draft.id)"])
        }
        for draft in recovered.unknown {
            logger.warning("a send was interrupted after its final dot; looking for it in the Sent folder",
                           metadata: ["draft": "\(draft.id)"])
        }
    }

    /// Looks for every `unknown` draft; false when the Sent folder could not be read (try again next tick).
    func settleUnknownSends(_ session: any MailSession) -> Bool {
        let store = workspace.store
        do {
            let sentFolder = workspace.config.imap.sent
            let mark = try store.bookmark(mailbox: sentFolder).flatMap { c in
                c.uidNext.map { AppendMark(mailbox: sentFolder, uidValidity: c.uidValidity, uidNext: $0) }
            }
            for draft in try store.drafts(in: [.unknown]) {
                // The mark is where the latest send would have been filed; an
                // older unknown send is looked for in the whole folder.
                let found = try session.sentFolderContains(messageID: draft.messageID, from: mark)
                    || (mark != nil && session.sentFolderContains(messageID: draft.messageID, from: nil))
                try store.settle(draftID: draft.id, foundInSent: found, now: clock())
                if found {
                    logger.notice("interrupted send found in the Sent folder: sent", metadata: ["draft": "\(draft.id)"])
                } else {
                    logger.warning("interrupted send not found in the Sent folder; decide with fuctl resolve",
                                   metadata: ["draft": "\(draft.id)"])
                }
            }
            return true
        } catch {
            logger.warning("cannot look into the Sent folder yet", metadata: ["error": "\(error)"])
            return false
        }
    }
}
