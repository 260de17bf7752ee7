import Foundation
import TestSupport
import FollowUpCore
@testable import FollowUpStore

let t0 = Date(timeIntervalSince1970: 1_800_000_000.125)

func sampleApplication() -> Application {
    Application(id: 0, company: "Acme GmbH", role: "Platform Engineer",
                contacts: [Contact(name: "Dana Roe", email: "dana@acme.example"),
                           Contact(name: "Sam Poe", email: "sam@acme.example")],
                companyDomains: ["acme.example", "ACME-jobs.example"], timeZone: "Europe/Berlin", pace: .slow,
                talkingPoints: ["the migration to Kubernetes", "on-call rota"], notes: "met at the fair",
                events: [Event(id: 0, start: t0, end: t0 + 3600, decisionDate: LocalDate(year: 2027, month: 1, day: 14))])
}

func sampleDraft(_ app: Application, kind: MessageKind = .thankYou, to email: String = "dana@acme.example",
                 messageID: String = "<\(UUID().uuidString)@followupd>") -> Draft {
    Draft(id: 0, applicationID: app.id, round: app.events[0].id, kind: kind, recipientName: "Dana Roe",
          recipientEmail: email, subject: "Thank you", body: "Dear Dana,\n\nthank you.", due: t0 + 86_400,
          messageID: messageID, inReplyTo: nil, references: ["<a@x>", "<b@x>"], createdAt: t0)
}

/// A store in a scratch directory with one application and one draft, approved when asked.
struct Fixture {
    let dir: String
    let store: Store
    let app: Application
    let draft: Draft

    init(approved: Bool = false) throws {
        dir = try scratchDirectory()
        store = try Store(path: dir + "/state/f.sqlite")
        app = try store.addApplication(sampleApplication())
        var d = try store.insertDraft(sampleDraft(app))
        if approved { d = try store.approve(draftID: d.id, now: t0) }
        draft = d
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

/// Moves a fresh draft (for `f`'s application unless told) into `state` along allowed edges.
func draft(in state: DraftState, _ f: Fixture, for app: Application? = nil) throws -> Draft {
    let s = f.store
    let d = try s.insertDraft(sampleDraft(app ?? f.app))
    let send: SendGate = { _, _, _ in .send }
    switch state {
    case .drafted: return d
    case .approved: return try s.approve(draftID: d.id, now: t0)
    case .discarded: return try s.discard(draftID: d.id, reason: "no", now: t0)
    case .cancelled: return try s.cancel(draftID: d.id, reason: "reply", now: t0)
    default: break
    }
    try s.approve(draftID: d.id, now: t0)
    guard case .started(let sending) = try s.beginSend(draftID: d.id, now: t0, gate: send) else {
        throw StoreError(.invalidTransition, "did not start")
    }
    switch state {
    case .sending: return sending
    case .sent: return try s.finishSend(draftID: d.id, outcome: .sent, now: t0)
    case .notSentRetryable: return try s.finishSend(draftID: d.id, outcome: .notSentRetryable(error: "421"), now: t0)
    case .notSentPermanent: return try s.finishSend(draftID: d.id, outcome: .notSentPermanent(error: "550"), now: t0)
    case .unknown: return try s.finishSend(draftID: d.id, outcome: .unknown(error: "timeout after DATA"), now: t0)
    default: fatalError("state \(state) handled above")
    }
}
