import Foundation

/// Something the user must hear of, because it needs them or changed what
/// followupd will do. One notice per `key`, ever: the store keeps the keys,
/// so a restart never tells the same thing twice.
public struct Notice: Hashable, Codable, Sendable {
    public enum Kind: String, Hashable, Codable, Sendable, CaseIterable {
        /// A draft waits for approval, or for an edit of its problems.
        case draftQueued = "draft-queued"
        /// A draft is due soon and still not approved.
        case draftDueSoon = "draft-due-soon"
        /// An employer's reply was recorded.
        case reply
        /// A message bounced: its address is undeliverable.
        case bounce
        /// A send may or may not have arrived: the user decides.
        case sendUnknown = "send-unknown"
        /// Inbox checks have failed for a while: nothing is being sent.
        case checksFailing = "checks-failing"
        /// The round ended without a response.
        case roundEnded = "round-ended"
        /// An answer to a notice was acted on, or refused.
        case answer
        /// An invitation moved or cancelled an interview, or started a new round.
        case interviewChanged = "interview-changed"
        /// An invitation from someone no application knows looks like an interview.
        case proposal
    }

    public var key: String
    public var kind: Kind
    public var applicationID: ApplicationID?
    public var company: String?
    public var contact: String?
    public var draftID: DraftID?
    public var due: Date?
    /// One line for a pop-up or a phone's lock screen.
    public var summary: String
    /// The draft's whole message (To, Subject, text), for a mail notice.
    public var draftText: String?
    /// The draft's revision the notice showed: an answer approves only that one.
    public var draftRevision: String?
    /// A reply's class, when the notice is about one.
    public var replyClass: ReplyClass?

    public init(key: String, kind: Kind, applicationID: ApplicationID? = nil, company: String? = nil, contact: String? = nil,
                draftID: DraftID? = nil, due: Date? = nil, summary: String, draftText: String? = nil,
                draftRevision: String? = nil, replyClass: ReplyClass? = nil) {
        self.key = key
        self.kind = kind
        self.applicationID = applicationID
        self.company = company
        self.contact = contact
        self.draftID = draftID
        self.due = due
        self.summary = summary
        self.draftText = draftText
        self.draftRevision = draftRevision
        self.replyClass = replyClass
    }

    /// The key of a draft's "queued" notice: one per revision, since an edit is told again.
    public static func queuedKey(_ draft: Draft) -> String { "queued:\(draft.id):\(draft.revision)" }

    /// A notice about one draft waiting for the user: one that may be answered.
    public var asksForADecision: Bool { kind == .draftQueued || kind == .draftDueSoon }
}

/// How soon the user is reminded and alerted (`[notify]`).
public struct NoticeSettings: Hashable, Sendable {
    public var remindBefore: TimeInterval
    public var alertAfter: TimeInterval

    public init(remindBefore: TimeInterval, alertAfter: TimeInterval) {
        self.remindBefore = remindBefore
        self.alertAfter = alertAfter
    }
}

/// What the store says that notices are made of.
public struct NoticeFacts: Sendable {
    public var histories: [ApplicationHistory]
    /// The problems lint finds in each draft waiting for approval.
    public var problems: [DraftID: [String]]
    /// Replies above this id have not been noticed yet.
    public var replyMark: ReplyID
    /// When the last inbox check that succeeded finished; nil if none did.
    public var lastGoodCheck: Date?
    /// When notices began (the first tick with `[notify]`): checks failing since before count from here.
    public var noticesSince: Date
    /// The failure of the last check, when the last check failed.
    public var checkFailure: String?
    /// The open proposals: each waits for the user's accept or reject.
    public var proposals: [Proposal]

    public init(histories: [ApplicationHistory], problems: [DraftID: [String]], replyMark: ReplyID,
                lastGoodCheck: Date?, noticesSince: Date, checkFailure: String?, proposals: [Proposal] = []) {
        self.histories = histories
        self.proposals = proposals
        self.problems = problems
        self.replyMark = replyMark
        self.lastGoodCheck = lastGoodCheck
        self.noticesSince = noticesSince
        self.checkFailure = checkFailure
    }
}

/// Every notice the facts call for at `now`; the store drops the ones
/// already given. Pure: no clock, no I/O.
public enum NoticePlanner {
    public static func notices(_ facts: NoticeFacts, settings: NoticeSettings, now: Date) -> [Notice] {
        var notices: [Notice] = []
        for history in facts.histories {
            let app = history.application
            func notice(_ kind: Notice.Kind, _ key: String, _ summary: String, draft: Draft? = nil) -> Notice {
                Notice(key: key, kind: kind, applicationID: app.id, company: app.company,
                       contact: draft.map { "\($0.recipientName) <\($0.recipientEmail)>" } ?? app.contacts.first.map { "\($0.name) <\($0.email)>" },
                       draftID: draft?.id, due: draft?.due, summary: summary, draftText: draft.map(text),
                       draftRevision: draft?.revision)
            }
            for draft in history.drafts {
                let what = "the \(draft.kind.words) to \(draft.recipientName) (\(app.company))"
                let when = dueText(draft.due, zone: app.timeZone)
                switch draft.state {
                case .drafted:
                    let problems = facts.problems[draft.id] ?? []
                    let needs = problems.isEmpty
                        ? "it needs your approval (fuctl approve \(draft.id))"
                        : "it needs an edit first: \(problems.count == 1 ? problems[0] : "\(problems.count) problems, the first: \(problems[0])") (fuctl edit \(draft.id))"
                    // An edit makes a new revision: it is told again, with its new text.
                    notices.append(notice(.draftQueued, Notice.queuedKey(draft), "Drafted: \(what), due \(when); \(needs).", draft: draft))
                    if draft.due > now, draft.due.timeIntervalSince(now) <= settings.remindBefore {
                        notices.append(notice(.draftDueSoon, "due-soon:\(draft.id):\(draft.revision)",
                                              "Not approved: \(what) is due \(when) and does not go out without you (fuctl approve \(draft.id)).",
                                              draft: draft))
                    }
                case .unknown:
                    notices.append(notice(.sendUnknown, "unknown:\(draft.id)",
                                          "Unknown whether \(what) arrived: it is never sent again by itself; look in your Sent folder and decide (fuctl resolve \(draft.id) --sent or --not-sent).",
                                          draft: draft))
                default:
                    break
                }
            }
            for reply in history.replies where reply.id > facts.replyMark && reply.source == .mail {
                let who = reply.from ?? app.company
                var made = reply.replyClass == .bounce
                    ? notice(.bounce, "reply:\(reply.id)", "Bounced: mail to \(reply.failedRecipient ?? who) (\(app.company)) cannot be delivered; \(reply.replyClass.effect).")
                    : notice(.reply, "reply:\(reply.id)", reply.readOn.map {
                        "A message for you on \($0) from \(app.company): read it there, the mail does not hold it; \(reply.replyClass.effect)."
                    } ?? "Reply from \(who) (\(app.company)), \(reply.replyClass.words): \(reply.replyClass.effect).")
                made.replyClass = reply.replyClass
                notices.append(made)
            }
            notices += interviewChanges(app, since: facts.noticesSince, now: now).map { notice(.interviewChanged, $0.key, $0.summary) }
            if app.outcome == .noResponse {
                let sent = history.drafts.filter { $0.state == .sent && $0.kind != .thankYou }.count
                notices.append(notice(.roundEnded, "round-ended:\(app.id):\(app.events.map(\.id).max() ?? 0)",
                                      "No response from \(app.company) after \(sent) follow-up\(sent == 1 ? "" : "s"): the round is over and nothing more is sent; followupd marked it no-response."))
            }
        }
        for proposal in facts.proposals {
            let zone = proposal.timeZone ?? "UTC"
            let with = proposal.contactName.map { "\($0) <\(proposal.contactEmail)>" } ?? proposal.contactEmail
            let company = proposal.company.map { " (\($0)?)" } ?? ""
            notices.append(Notice(key: "proposal:\(proposal.id):\(proposal.sequence)", kind: .proposal, company: proposal.company,
                                  contact: with, due: proposal.start,
                                  summary: "An invitation that looks like an interview (\(proposal.evidence)): \u{201C}\(proposal.summary)\u{201D} with \(with)\(company), \(dueText(proposal.start, zone: zone)). Nothing is followed up until you accept it: fuctl accept \(proposal.id) [--role R] [--company C], or fuctl reject \(proposal.id)."))
        }
        if let failure = facts.checkFailure {
            let since = max(facts.lastGoodCheck ?? facts.noticesSince, facts.noticesSince)
            if now.timeIntervalSince(since) >= settings.alertAfter {
                let minutes = Int(now.timeIntervalSince(since) / 60)
                let span = minutes >= 60 ? "\(minutes / 60) h" : "\(minutes) min"
                notices.append(Notice(key: "checks-failing:\(Int(since.timeIntervalSince1970))", kind: .checksFailing,
                                      summary: "Inbox checks have failed for \(span): nothing is sent until one succeeds. The last error: \(failure)"))
            }
        }
        return notices
    }

    /// What the invitations did to the application's interviews since notices
    /// began: moves and cancellations, and new rounds still to come.
    static func interviewChanges(_ app: Application, since: Date, now: Date) -> [(key: String, summary: String)] {
        var changes: [(key: String, summary: String)] = []
        for (index, event) in app.events.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }).enumerated()
        where event.invitationUID != nil {
            let when = dueText(event.start, zone: app.timeZone)
            if let cancelled = event.cancelledAt, cancelled >= since {
                changes.append(("cancelled:\(event.id)", "Interview cancelled (\(app.company), \(app.role)): its thank-you and check-ins will not go out."))
            } else if let moved = event.movedAt, moved >= since {
                changes.append(("moved:\(event.id):\(Int(moved.timeIntervalSince1970))", "Interview moved (\(app.company), \(app.role)): now \(when); its follow-ups are timed from the new time, and drafts written for the old one are drafted anew for your approval."))
            } else if index > 0, event.start > now, event.cancelledAt == nil {
                changes.append(("round:\(event.id)", "A new interview round with \(app.company) (\(app.role)), \(when): the earlier round's check-ins stop, and this one gets its own thank-you."))
            }
        }
        return changes
    }

    /// "Tue 11:00 in Berlin": the employer's wall clock, which the policy times by.
    public static func dueText(_ date: Date, zone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone) ?? .gmt
        formatter.dateFormat = "EEE d MMM HH:mm"
        let city = zone.split(separator: "/").last.map { $0.replacingOccurrences(of: "_", with: " ") } ?? zone
        return "\(formatter.string(from: date)) in \(city)"
    }

    static func text(_ draft: Draft) -> String {
        "To: \(draft.recipientName) <\(draft.recipientEmail)>\nSubject: \(draft.subject)\n\n\(draft.body)"
    }
}
