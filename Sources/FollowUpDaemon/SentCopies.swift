import Logging
import FollowUpCore
import FollowUpStore

/// Files the copy of each sent message in the Sent folder. The store keeps a
/// sent message's bytes until its copy is filed, so a crash or a failed
/// APPEND between the send and the copy costs only a delay: the copy is
/// filed at a later tick, once (a copy whose APPEND answer was lost is found
/// there by its Message-ID and not filed again).
struct SentCopies {
    let store: Store
    let logger: Logger

    /// Every copy still to be filed; the first failure waits for the next tick.
    func filePending(_ session: any MailSession) {
        do {
            for (draft, bytes) in try store.pendingSentCopies() {
                guard file(draft, bytes, session, lookFirst: true) else { return }
            }
        } catch {
            logger.warning("cannot read the Sent copies still to be filed", metadata: ["error": "\(error)"])
        }
    }

    /// `lookFirst`: the copy may already be there (an earlier APPEND whose answer was lost).
    @discardableResult
    func file(_ draft: Draft, _ bytes: [UInt8], _ session: any MailSession, lookFirst: Bool) -> Bool {
        do {
            let alreadyThere = try lookFirst && session.sentFolderContains(messageID: draft.messageID, from: nil)
            if !alreadyThere { try session.appendToSent(bytes) }
            try store.sentCopyFiled(draftID: draft.id)
            return true
        } catch {
            logger.warning("sent, but the Sent copy is not filed yet; it will be at a later tick",
                           metadata: ["draft": "\(draft.id)", "error": "\(error)"])
            return false
        }
    }
}
