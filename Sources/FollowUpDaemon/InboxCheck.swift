import Foundation
import Logging
import FollowUpCore
import FollowUpReplies
import FollowUpStore
import FollowUpWorkspace
import InboxReading
import MailTransport

/// One look into every folder replies can land in: read what arrived since
/// each folder's bookmark (or by date when the bookmark cannot be trusted),
/// record the replies it finds, move the bookmarks. What a message means is `InboxReader`'s; how far back to read
/// is `InboxWindow`'s.
struct InboxCheck {
    let workspace: Workspace
    let logger: Logger
    let clock: @Sendable () -> Date

    struct Result {
        /// When the check began: the mailbox is seen as it was then, however
        /// long the check took (POLICY invariant 4).
        var started: Date
        var newMessages = 0
        var repliesRecorded = 0
    }

    /// Reads every folder of `folders` (wire names). The check succeeds only
    /// when each was read: a reply filed where the check did not look would
    /// be missed (POLICY invariant 4).
    func run(_ session: any MailSession, folders: [String]) throws -> Result {
        // Read from the store only when needed: the applications when a folder
        // is read by date or its events changed, the context when mail came.
        // A check that finds nothing new reads neither.
        let newestEvent = try workspace.store.newestEventRevision()
        let applications = Loaded { try workspace.store.applications() }
        var result = Result(started: clock())
        var context: ReplyContext?
        for mailbox in folders {
            try read(mailbox, session, applications: applications, newestEvent: newestEvent, context: &context, into: &result)
        }
        let finished = clock()
        _ = try workspace.store.updateStatus {
            $0.lastCheckAt = finished
            $0.lastCheckResult = "ok: \(result.newMessages) new, \(result.repliesRecorded) replies"
                + (folders.count > 1 ? " in \(folders.count) folders" : "")
        }
        try workspace.store.recordGoodCheck(at: finished)
        try workspace.store.forgetProposals(at: finished)
        return result
    }

    /// Who the user is, what was sent and the applications, as the store has them now.
    private func replyContext() throws -> ReplyContext {
        let store = workspace.store
        return ReplyContext(userAddresses: [workspace.config.identity.email], sentMessageIDs: try store.deliveredMessageIDs(),
                            applications: try store.applications(), relays: RelaySystems(workspace.config.replies))
    }

    /// One folder: what arrived since its own bookmark, recorded, then the bookmark moved.
    private func read(_ mailbox: String, _ session: any MailSession, applications: Loaded<[Application]>,
                      newestEvent: Int64, context cached: inout ReplyContext?, into result: inout Result) throws {
        let store = workspace.store
        let shown = ModifiedUTF7.decode(mailbox) ?? mailbox
        let saved = try store.bookmark(mailbox: mailbox)
        var cursor = MailboxCursor(mailbox: mailbox, uidValidity: saved?.uidValidity, highestUID: saved?.highestUID ?? 0)
        let started = result.started
        var backfill: Date?
        if let saved, newestEvent > saved.eventsSeen,
           let start = InboxWindow.backfillStart(try applications.value, eventsSeen: saved.eventsSeen, now: started) {
            // An event recorded after the last check may have had its reply
            // read (and skipped) already: read again from the event's start.
            cursor.uidValidity = nil
            backfill = start
        }
        let since = Loaded { [backfill] in try backfill ?? InboxWindow.rescanStart(try applications.value, now: started) }
        let fetched = try session.checkMailbox(cursor, rescanSince: { try since.value })
        if let rescan = fetched.rescan {
            let from = try since.value
            // A bookmark past UIDNEXT was never the server's: say so louder than a routine re-read.
            let level: Logger.Level = rescan == .bookmarkBeyondUIDNext ? .warning : saved == nil ? .info : .notice
            logger.log(level: level, saved == nil ? "first check of a folder: reading by date" : "folder read again by date", metadata: [
                "mailbox": "\(shown)", "since": "\(from.formatted(.iso8601))", "messages": "\(fetched.messages.count)",
                "why": "\(saved != nil && cursor.uidValidity == nil ? "an event recorded since the last check" : rescan.rawValue)",
            ])
        }
        result.newMessages += fetched.messages.count
        if !fetched.messages.isEmpty {
            var context = try cached ?? replyContext()
            try read(fetched.messages, mailbox, session, context: &context, into: &result)
            cached = context
        }
        guard let validity = fetched.cursor.uidValidity else {
            throw TransportError(category: .protocolViolation, detail: "the server gave no UIDVALIDITY for \(shown)")
        }
        try store.setBookmark(MailboxBookmark(mailbox: mailbox, uidValidity: validity, highestUID: fetched.cursor.highestUID,
                                              uidNext: saved?.uidNext, eventsSeen: newestEvent))
    }

    /// The messages new in one folder: screened by their headers, the
    /// candidates read whole, their replies recorded.
    private func read(_ messages: [MessageSummary], _ mailbox: String, _ session: any MailSession,
                      context: inout ReplyContext, into result: inout Result) throws {
        let store = workspace.store
        let shown = ModifiedUTF7.decode(mailbox) ?? mailbox
        var candidates: [MessageSummary] = []
        var answers: [MessageSummary] = []
        var replies: [(reply: RecordedReply, position: MailboxPosition, attribution: ReplyAttribution)] = []
        for summary in messages {
            if !summary.complete {
                logger.notice("message read in part: a header field was too long to keep whole",
                              metadata: ["mailbox": "\(shown)", "uid": "\(summary.uid)"])
            }
            let screening = InboxReader.screen(headerBytes: summary.header, internalDate: summary.internalDate ?? result.started,
                                               context: context)
            if workspace.config.notify.approveByReply, screening.namesANotice {
                // Whoever it is from: the rules of approval by reply decide, and say why when they refuse.
                answers.append(summary)
            }
            if let reason = screening.skipReason {
                // Malformed mail is worth a line at the default level; ordinary mail is not.
                let level: Logger.Level = screening.defects.isEmpty ? .debug : .info
                logger.log(level: level, "skipped message", metadata: ["mailbox": "\(shown)", "uid": "\(summary.uid)", "reason": "\(reason)"])
            } else {
                candidates.append(summary)
            }
        }
        let wanted = candidates.map(\.uid) + answers.map(\.uid).filter { uid in !candidates.contains { $0.uid == uid } }
        let texts = wanted.isEmpty ? [:] : try session.fetchMessages(uids: wanted, in: mailbox, maxBytes: InboxReader.textFetchBytes)
        // Taken before the bookmark moves past them: an answer that cannot be taken is read again.
        try NoticeAnswers(workspace: workspace, logger: logger, clock: clock).take(answers.map { summary in
            InboxReader.read(fullBytes: texts[summary.uid] ?? summary.header, internalDate: summary.internalDate ?? result.started,
                             context: context).message
        })
        for summary in candidates {
            // A message deleted between the two fetches is read from its headers.
            let bytes = texts[summary.uid] ?? summary.header
            var reading = InboxReader.read(fullBytes: bytes, internalDate: summary.internalDate ?? result.started, context: context)
            if reading.message.invitation?.isComplete == false, bytes.count >= InboxReader.textFetchBytes,
               let whole = try session.fetchMessages(uids: [summary.uid], in: mailbox, maxBytes: InboxReader.invitationFetchBytes)[summary.uid] {
                // The invitation was cut by the first fetch: read it again, whole.
                reading = InboxReader.read(fullBytes: whole, internalDate: summary.internalDate ?? result.started, context: context)
            }
            // Bulk mail (a webinar's invitation) changes no interview.
            if case .ignored(.bulkMail) = reading.verdict {
            } else if let effect = context.invitationEffect(of: reading.message) {
                try apply(effect, shown: shown, uid: summary.uid)
                // The next invitation in this check sees the event as it is now.
                context = try replyContext()
            } else if case .ignored(.noApplicationMatches) = reading.verdict,
                      let effect = context.proposalEffect(of: reading.message, fallbackZone: userZone, now: result.started) {
                try propose(effect, shown: shown, uid: summary.uid)
            }
            guard case .attributed(let attribution) = reading.verdict else {
                logger.info("skipped message", metadata: ["mailbox": "\(shown)", "uid": "\(summary.uid)",
                                                          "reason": "\(reading.skipReason ?? "not a reply")"])
                continue
            }
            // A message that matched several applications equally (one contact
            // for two roles) is `unclear` for each: none may guess in favour of sending.
            for applicationID in [attribution.applicationID] + attribution.alsoMatching {
                var reply = attribution.recordedReply(id: 0, for: reading.message)
                reply.applicationID = applicationID
                replies.append((reply, MailboxPosition(mailbox: mailbox, uid: summary.uid, matched: attribution.match.words), attribution))
            }
        }
        // One commit for the folder's replies, before its bookmark moves past them.
        // The same message in a second folder (moved, or under \All too) is the reply already recorded.
        let recorded = try store.recordReplies(replies.map { ($0.reply, $0.position) })
        for ((reply, _, attribution), (_, inserted)) in zip(replies, recorded) where inserted {
            result.repliesRecorded += 1
            logger.notice("reply recorded", metadata: [
                "application": "\(reply.applicationID)", "class": "\(attribution.replyClass.rawValue)",
                "matched": "\(attribution.match)", "mailbox": "\(shown)",
            ])
        }
    }

    /// A calendar invitation's change to an interview (a new round, a move, a
    /// cancellation): the planner then does the rest, drafts included.
    private func apply(_ effect: InvitationEffect, shown: String, uid: UInt32) throws {
        let store = workspace.store, now = clock()
        var metadata: Logger.Metadata = ["mailbox": "\(shown)", "uid": "\(uid)"]
        switch effect {
        case .adopt(let id, let invitation, let sequence, let start, let end):
            try store.adoptInvitation(id, uid: invitation, sequence: sequence, start: start, end: end, at: now)
            metadata["event"] = "\(id)"
            logger.notice("invitation of a recorded interview read", metadata: metadata)
        case .move(let id, let sequence, let start, let end):
            try store.moveEvent(id, start: start, end: end, sequence: sequence, restoring: true, at: now)
            metadata["event"] = "\(id)"
            metadata["start"] = "\(start.formatted(.iso8601))"
            logger.notice("interview moved by its invitation", metadata: metadata)
        case .cancel(let id, let invitation, let sequence):
            try store.cancelEvent(id, uid: invitation, sequence: sequence, at: now)
            metadata["event"] = "\(id)"
            logger.notice("interview cancelled by its invitation", metadata: metadata)
        case .newRound(let application, let event):
            let stored = try store.addEvent(event, to: application)
            metadata["application"] = "\(application)"
            metadata["event"] = "\(stored.id)"
            logger.notice("new interview round from an invitation", metadata: metadata)
        }
    }

    /// An invitation from a stranger that looks like an interview: kept for
    /// the user to accept, told through the notices; or withdrawn by its cancellation.
    private func propose(_ effect: ProposalEffect, shown: String, uid: UInt32) throws {
        let metadata: Logger.Metadata = ["mailbox": "\(shown)", "uid": "\(uid)"]
        switch effect {
        case .propose(let proposal):
            switch try workspace.store.offerProposal(proposal) {
            case .new(let stored):
                logger.notice("invitation proposed as an interview", metadata: metadata.merging(
                    ["proposal": "\(stored.id)", "evidence": "\(stored.evidence)"], uniquingKeysWith: { $1 }))
            case .updated(let stored):
                logger.notice("proposed interview updated by its invitation", metadata: metadata.merging(
                    ["proposal": "\(stored.id)"], uniquingKeysWith: { $1 }))
            case .unchanged:
                break
            }
        case .withdraw(let invitation):
            if try workspace.store.withdrawProposal(uid: invitation) {
                logger.notice("proposed interview cancelled by its invitation", metadata: metadata)
            }
        }
    }

    private var userZone: TimeZone { TimeZone(identifier: workspace.config.identity.timeZone) ?? .gmt }

    /// A failed check is the daemon's last error, with the failed check's own
    /// time: fuctl status must not show an older success's time beside "failed".
    func recordFailure(_ error: Error) throws {
        logger.error("inbox check failed", metadata: ["error": "\(error)"])
        let finished = clock()
        _ = try workspace.store.updateStatus {
            $0.lastCheckAt = finished
            $0.lastCheckResult = "failed"
            $0.lastError = "inbox check: \(error)"
            $0.lastErrorAt = finished
        }
    }
}

/// A value read once, when first asked for.
final class Loaded<Value> {
    private let load: () throws -> Value
    private var loaded: Value?

    init(_ load: @escaping () throws -> Value) { self.load = load }

    var value: Value {
        get throws {
            if let loaded { return loaded }
            let value = try load()
            loaded = value
            return value
        }
    }
}
