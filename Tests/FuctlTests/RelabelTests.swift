import Foundation
import Testing
import TestSupport
import FollowUpCore
@testable import FuctlCommands

/// `fuctl relabel`: a reply read wrong, corrected, with the same effects as
/// if it had been read so, and kept for the audit.
@Suite struct RelabelTests {
    static let replyTime = utc("2027-01-14T18:00:00Z")   // Thu 10:00 PST, after the thank-you
    static let later = utc("2027-01-14T19:00:00Z")

    /// A mail the daemon recorded for the application as `replyClass`.
    func recordMail(_ f: Fixture, _ app: ApplicationID, _ replyClass: ReplyClass, failed: String? = nil) throws -> ReplyID {
        try f.workspace().store.recordReply(RecordedReply(
            id: 0, applicationID: app, receivedAt: Self.replyTime, replyClass: replyClass, failedRecipient: failed,
            source: .mail, messageID: "<news-\(UUID().uuidString)@acme.example>", from: "news@acme.example", subject: "Acme news")).reply.id
    }

    func plan(_ f: Fixture, _ app: ApplicationID, at now: Date) throws -> [PlanAction] {
        let ws = try f.workspace()
        return Planner.plan(history: try #require(try ws.store.history(for: app)), settings: ws.settings, now: now)
    }

    @Test func bulkMailReadAsUnclearRelabelledNotAReplyResumesTheFollowUps() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let thankYou = try f.queueThankYou(app)
        try f.send(thankYou.id, at: utc("2027-01-13T19:00:00Z"))
        let reply = try recordMail(f, app, .unclear)
        let checkInDay = utc("2027-01-19T17:30:00Z")
        #expect(!(try plan(f, app, at: checkInDay)).contains { if case .queue(let q) = $0 { q.kind == .checkIn } else { false } },
                "unclear stops the check-in")

        let r = f.run(["relabel", "\(reply)", "--kind", "not-a-reply"], now: Self.later)
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("a reply to read yourself → not a reply"), "\(r.output)")
        #expect(r.output.contains("drafted anew, for your approval"), "\(r.output)")
        let queued = try plan(f, app, at: checkInDay).compactMap { if case .queue(let q) = $0 { q.kind } else { nil } }
        #expect(queued == [.checkIn], "the check-in is back, as a new draft to approve")

        let why = f.run(["why", "\(app)"], now: Self.later)
        #expect(why.output.contains("reply \(reply)") && why.output.contains("relabelled") && why.output.contains("a reply to read yourself → not a reply"),
                "\(why.output)")
    }

    @Test func relabelledARejectionARejectionReplyIsDrafted() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let reply = try recordMail(f, app, .unclear)
        #expect(f.run(["relabel", "\(reply)", "--kind", "rejection"], now: Self.later).code == 0)
        let queued = try plan(f, app, at: Self.later).compactMap { if case .queue(let q) = $0 { q.kind } else { nil } }
        #expect(queued == [.rejectionReply])
    }

    @Test func aBounceRelabelledFreesTheAddressItMarked() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let store = try f.workspace().store
        let reply = try recordMail(f, app, .bounce, failed: "dana@acme.example")
        try store.markUndeliverable(email: "dana@acme.example")
        #expect(try store.history(for: app)?.application.contacts[0].undeliverable == true)

        #expect(f.run(["relabel", "\(reply)", "--kind", "auto-reply", "--until", "2027-01-22"], now: Self.later).code == 0)
        let history = try #require(try store.history(for: app))
        #expect(history.application.contacts[0].undeliverable == false)
        #expect(history.replies[0].replyClass == .autoReply && history.replies[0].until == LocalDate(iso: "2027-01-22"))
        #expect(history.replies[0].failedRecipient == nil)
        #expect(try store.replyLabels(application: app).map(\.to) == [.autoReply])
    }

    @Test func wrongUseIsRefusedClearly() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let reply = try recordMail(f, app, .unclear)
        #expect(f.run(["relabel", "\(reply)", "--kind", "next-step", "--until", "2027-02-01"]).code == FuctlMain.usage)
        #expect(f.run(["relabel", "\(reply)", "--kind", "bounce"]).code == FuctlMain.usage)
        let missing = f.run(["relabel", "999", "--kind", "rejection"])
        #expect(missing.code == FuctlMain.failure && missing.errors.contains("no reply with id 999"), "\(missing.errors)")
        #expect(f.run(["relabel", "\(reply)", "--kind", "not-a-reply"]).code == 0)
        #expect(f.run(["relabel", "\(reply)", "--kind", "not-a-reply"]).output.contains("already not a reply"))
    }
}

extension RelabelTests {
    @Test func aBounceThatNamedNoAddressFreesThePrimaryContact() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let store = try f.workspace().store
        let reply = try recordMail(f, app, .bounce)
        try store.markUndeliverable(email: "dana@acme.example")
        #expect(f.run(["relabel", "\(reply)", "--kind", "unclear"], now: Self.later).code == 0)
        #expect(try store.history(for: app)?.application.contacts[0].undeliverable == false)
    }

    @Test func anotherBounceStillMarkingTheAddressKeepsItMarked() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let store = try f.workspace().store
        let first = try recordMail(f, app, .bounce, failed: "dana@acme.example")
        _ = try recordMail(f, app, .bounce, failed: "dana@acme.example")
        try store.markUndeliverable(email: "dana@acme.example")
        #expect(f.run(["relabel", "\(first)", "--kind", "not-a-reply"], now: Self.later).code == 0)
        #expect(try store.history(for: app)?.application.contacts[0].undeliverable == true)
    }
}
