import Foundation
@testable import FollowUpCore
import TestSupport

/// A small world for the property test: applications, an employer who replies,
/// a user who approves, edits and discards, and a daemon that checks the inbox,
/// plans, and sends whatever the gate allows. Every send is checked against
/// the invariants by code that does not share the policy's implementation.
struct SimulatedWorld {
    struct SendRecord {
        var draft: Draft
        var at: Date
        var inboxCheck: Date?
        var delivered: Bool
    }

    var rng: SplitMix64
    let settings: PolicySettings
    var apps: [ApplicationHistory]
    var now: Date
    var lastInboxCheck: Date?
    /// Replies that arrived but no successful inbox check has seen yet.
    var unseen: [RecordedReply] = []
    var log: [SendRecord] = []
    var noResponseMarkedAt: [ApplicationID: Date] = [:]
    /// Edits per draft, and the edit count each approval saw (invariant 6, tracked apart from the model).
    var edits: [DraftID: Int] = [:]
    var approvedAtEdit: [DraftID: Int] = [:]
    var nextID: Int64 = 1
    /// Each application's history as its last plan left it, and the review
    /// moment `Planner.nextReview` gave it: the daemon plans it again only
    /// when the history changed or the moment came.
    var lastPlan: [Int: (history: ApplicationHistory, review: Date?)] = [:]
    /// Kept only when replaying one seed.
    final class Trace { var lines: [String] = [] }
    let trace: Trace?
    /// The first broken invariant, if any.
    var violation: String?

    static let zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata",
                        "Pacific/Auckland", "America/Los_Angeles", "Europe/London"]

    init(seed: UInt64, tracing: Bool) {
        var rng = SplitMix64(seed: seed)
        trace = tracing ? Trace() : nil
        let windows = [SendWindow.standard, SendWindow(weekdays: [1, 2, 3, 4, 5, 6, 7], opens: 480, closes: 1200),
                       SendWindow(weekdays: [3, 5], opens: 600, closes: 720)]
        let max = Int.random(in: 0...3, using: &rng)
        let gap = [72.0, 72, 96][Int.random(in: 0...2, using: &rng)] * 3600
        let window = windows[Int.random(in: 0...2, using: &rng)]
        settings = try! PolicySettings(maxFollowups: max, minGap: gap, sendWindow: window,
                                       draftLead: [0, 6, 24][Int.random(in: 0...2, using: &rng)] * 3600.0)
        // Any moment of 2027, so daylight-saving changes come up.
        now = Date(timeIntervalSince1970: 1_798_761_600 + Double(Int.random(in: 0..<365 * 24 * 60, using: &rng)) * 60)
        let shared = "dana@acme.example"
        apps = (1...Int.random(in: 1...3, using: &rng)).map { i in
            let email = i == 2 || Bool.random(using: &rng) ? shared : "contact\(i)@co\(i).example"
            let app = Application(id: ApplicationID(i), company: "Co \(i)", role: "Engineer",
                                  contacts: [Contact(name: "Contact \(i)", email: email)],
                                  timeZone: Self.zones[Int.random(in: 0..<Self.zones.count, using: &rng)],
                                  pace: Pace.allCases[Int.random(in: 0...2, using: &rng)])
            return ApplicationHistory(application: app)
        }
        self.rng = rng
    }

    mutating func id() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }

    func note(_ s: @autoclosure () -> String) {
        trace?.lines.append("\(now) \(s())")
    }

    // MARK: one random step

    mutating func step() {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<15: advanceClock()
        case 15..<30: sleepUntilNextDue()
        case 30..<31: newEvent()
        case 31..<34: employerReplies()
        case 34..<52: userApproves()
        case 52..<54: userEdits()
        case 54..<55: userDiscards()
        case 55..<58: userAsksForException()
        default: daemonTick()
        }
    }

    mutating func advanceClock() {
        let steps: [TimeInterval] = [60, 300, 1800, 7200, 9 * 3600, 86400, 3 * 86400]
        now += steps[Int.random(in: 0..<steps.count, using: &rng)]
        note("clock")
    }

    /// What a daemon does between ticks: sleep until the next approved draft may go.
    mutating func sleepUntilNextDue() {
        let next = apps.flatMap { h in
            h.drafts.filter { $0.state == .approved }.map { d in
                try! ZonedCalendar(timeZoneIdentifier: h.application.timeZone, window: settings.sendWindow)
                    .firstWindowMoment(atOrAfter: max(now, d.due))
            }
        }.min()
        guard let next else { return advanceClock() }
        now = next
        note("sleep until due")
    }

    mutating func newEvent() {
        let i = Int.random(in: 0..<apps.count, using: &rng)
        let zone = try! ZonedCalendar(timeZoneIdentifier: apps[i].application.timeZone, window: .standard)
        let decision = Bool.random(using: &rng)
            ? zone.local(now).date.adding(days: Int.random(in: 0...10, using: &rng)) : nil
        let kind = [EventKind.interview, .interview, .interview, .jobFair, .networking][Int.random(in: 0...4, using: &rng)]
        apps[i].application.events.append(Event(id: id(), kind: kind, start: now - 3600, end: now, decisionDate: decision))
        note("event \(kind) app \(i + 1) decision \(decision?.description ?? "-")")
    }

    mutating func employerReplies() {
        let i = Int.random(in: 0..<apps.count, using: &rng)
        guard !apps[i].application.events.isEmpty else { return }
        let cls = ReplyClass.allCases[Int.random(in: 0..<ReplyClass.allCases.count, using: &rng)]
        let zone = try! ZonedCalendar(timeZoneIdentifier: apps[i].application.timeZone, window: .standard)
        let until = [.needMoreTime, .autoReply].contains(cls) && Bool.random(using: &rng)
            ? zone.local(now).date.adding(days: Int.random(in: 1...20, using: &rng)) : nil
        unseen.append(RecordedReply(id: id(), applicationID: apps[i].application.id, receivedAt: now, replyClass: cls,
                                    until: until, failedRecipient: cls == .bounce ? apps[i].application.contacts[0].email : nil,
                                    messageID: "<r\(nextID)@employer.example>", subject: "Re: your interview"))
        note("reply \(cls) app \(i + 1) until \(until?.description ?? "-")")
    }

    /// A random draft of any application in one of `states`: (application index, draft index).
    mutating func pick(_ states: Set<DraftState>) -> (Int, Int)? {
        let all = apps.indices.flatMap { a in apps[a].drafts.indices.filter { states.contains(apps[a].drafts[$0].state) }.map { (a, $0) } }
        return all.isEmpty ? nil : all[Int.random(in: 0..<all.count, using: &rng)]
    }

    mutating func userApproves() {
        guard let (a, d) = pick([.drafted, .approved]) else { return }
        apps[a].drafts[d].state = .approved
        apps[a].drafts[d].approvedAt = now
        approvedAtEdit[apps[a].drafts[d].id] = edits[apps[a].drafts[d].id, default: 0]
        note("approve \(apps[a].drafts[d].id)")
    }

    mutating func userEdits() {
        guard let (a, d) = pick([.drafted, .approved, .notSentRetryable]) else { return }
        apps[a].drafts[d].body += " (edited)"
        apps[a].drafts[d].approvedAt = nil
        // A store may move the state back or only clear the approval; the gate must catch both.
        if Bool.random(using: &rng) { apps[a].drafts[d].state = .drafted }
        edits[apps[a].drafts[d].id, default: 0] += 1
        note("edit \(apps[a].drafts[d].id)")
    }

    mutating func userDiscards() {
        guard let (a, d) = pick([.drafted, .approved, .notSentRetryable, .notSentPermanent]) else { return }
        apps[a].drafts[d].state = .discarded
        note("discard \(apps[a].drafts[d].id)")
    }

    mutating func userAsksForException() {
        let i = Int.random(in: 0..<apps.count, using: &rng)
        let result = Bool.random(using: &rng)
            ? Exceptions.news(history: apps[i], settings: settings, now: now)
            : Exceptions.competingOffer(history: apps[i], settings: settings, now: now)
        guard case .success(let step) = result, let contact = apps[i].application.primaryContact else { return }
        addDraft(app: i, kind: step.kind, round: step.round, to: contact, due: step.due, thread: nil)
        note("exception \(step.kind) app \(i + 1)")
    }

    mutating func addDraft(app i: Int, kind: MessageKind, round: EventID, to contact: Contact, due: Date, thread: ThreadParent?) {
        let n = id()
        apps[i].drafts.append(Draft(id: n, applicationID: apps[i].application.id, round: round, kind: kind,
                                    recipientName: contact.name, recipientEmail: contact.email,
                                    subject: thread?.subject ?? "Thank you", body: "Dear \(contact.name)",
                                    due: due, messageID: "<d\(n)@sim.example>", inReplyTo: thread?.messageID,
                                    references: thread?.references ?? [], createdAt: now))
    }

    // MARK: the daemon

    mutating func daemonTick() {
        if Int.random(in: 0..<10, using: &rng) > 0 {
            lastInboxCheck = now
            for r in unseen { apps[Int(r.applicationID) - 1].replies.append(r) }
            unseen = []
            note("inbox checked")
        } else {
            note("inbox check failed")
        }
        // Some ticks send without planning first, so the gate alone must hold the line.
        for i in apps.indices where Int.random(in: 0..<10, using: &rng) < 7 {
            let actions = Planner.plan(history: apps[i], settings: settings, now: now)
            if let last = lastPlan[i], last.history == apps[i], last.review.map({ now < $0 }) ?? true, !actions.isEmpty {
                fail("an application the daemon would not plan again (review \(String(describing: last.review))) has actions: \(actions)")
            }
            apply(actions, to: i)
            let again = Planner.plan(history: apps[i], settings: settings, now: now)
            if !again.isEmpty { fail("planning again is not idempotent: \(again)") }
            lastPlan[i] = (apps[i], Planner.nextReview(history: apps[i], settings: settings, now: now))
        }
        for i in apps.indices { sendAllowed(app: i) }
    }

    mutating func apply(_ actions: [PlanAction], to i: Int) {
        for action in actions {
            note("plan app \(i + 1): \(action)")
            switch action {
            case .queue(let q):
                addDraft(app: i, kind: q.kind, round: q.round, to: q.recipient, due: q.due, thread: q.thread)
            case .cancel(let id, _):
                apps[i].drafts[apps[i].drafts.firstIndex { $0.id == id }!].state = .cancelled
            case .reschedule(let id, let due):
                apps[i].drafts[apps[i].drafts.firstIndex { $0.id == id }!].due = due
            case .markUndeliverable(_, let email):
                apps[i].application.contacts[apps[i].application.contacts.firstIndex { $0.email == email }!].undeliverable = true
            case .markNoResponse:
                apps[i].application.outcome = .noResponse
                noResponseMarkedAt[apps[i].application.id] = now
            case .needsAttention(_, let error):
                fail("needs attention: \(error)")
            }
        }
    }

    mutating func sendAllowed(app i: Int) {
        // Every draft still on record is offered, sent ones too: only the gate decides.
        for d in apps[i].drafts.indices where ![.cancelled, .discarded].contains(apps[i].drafts[d].state) {
            let draft = apps[i].drafts[d]
            let address = draft.recipientEmail.lowercased()
            let toAddress = apps.flatMap(\.drafts).filter { $0.recipientEmail.lowercased() == address }
            let decision = Gate.check(draft: draft, history: apps[i], sendsToSameAddress: toAddress,
                                      lastInboxCheck: lastInboxCheck, now: now, settings: settings)
            guard decision == .send else {
                note("gate refuses \(draft.kind) \(draft.id): \(decision)")
                continue
            }
            let outcome: DraftState = [.sent, .sent, .sent, .sent, .sent, .sent, .sent, .unknown, .notSentRetryable, .notSentPermanent][Int.random(in: 0..<10, using: &rng)]
            let delivered = outcome.mayHaveBeenDelivered
            check(SendRecord(draft: draft, at: now, inboxCheck: lastInboxCheck, delivered: delivered), app: apps[i])
            apps[i].drafts[d].state = outcome
            apps[i].drafts[d].sentAt = delivered ? now : nil
            log.append(SendRecord(draft: draft, at: now, inboxCheck: lastInboxCheck, delivered: delivered))
            note("sent \(draft.kind) \(draft.id) app \(i + 1) -> \(outcome)")
        }
    }

    mutating func fail(_ message: String) {
        if violation == nil { violation = message }
    }
}
