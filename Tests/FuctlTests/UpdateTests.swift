import Foundation
import Testing
import TestSupport
import FollowUpCore
@testable import FuctlCommands

/// A thank-you without a talking point is generic: `fuctl queue` says so
/// without holding it back, and `fuctl update` gives it one.
@Suite struct UpdateTests {
    func addWithoutTalkingPoint(_ f: Fixture) throws -> ApplicationID {
        let r = f.run(["add", "--json", "--company", "Acme", "--role", "Platform Engineer", "--contact-name", "Dana Reyes",
                       "--contact-email", "dana@acme.example", "--interview", Fixture.interview, "--duration", "1h",
                       "--tz", "America/Los_Angeles"])
        let object = try #require(try json(r.output) as? [String: Any])
        return ApplicationID(try #require(object["id"] as? Int))
    }

    @Test func aGenericThankYouGetsAHintAndUpdateWritesItAgainWithTheTalkingPoint() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try addWithoutTalkingPoint(f)
        let draft = try f.queueThankYou(app)
        let queue = f.run(["queue"])
        #expect(queue.output.contains("hint: a thank-you without a talking point is generic"), "\(queue.output)")
        #expect(queue.output.contains("fuctl update \(app) --talking-point"), "\(queue.output)")
        let rows = try #require(try json(f.run(["queue", "--json"]).output) as? [[String: Any]])
        #expect((rows.first?["hints"] as? [String])?.count == 1)
        #expect((rows.first?["problems"] as? [Any])?.isEmpty == true, "a hint is not a problem")

        let r = f.run(["update", "\(app)", "--talking-point", "the on-call rotation for the payments team"])
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("draft \(draft.id), the thank-you, written again with it"), "\(r.output)")
        let store = try f.workspace().store
        let rewritten = try #require(try store.draft(id: draft.id))
        #expect(rewritten.body.contains("on-call rotation for the payments team"), "\(rewritten.body)")
        #expect(rewritten.messageID == draft.messageID, "the same draft, its identity kept")
        #expect(try store.outboxEntry(id: draft.id)?.editedAt == nil)
        #expect(!f.run(["queue"]).output.contains("hint:"))
        #expect(try store.history(for: app)?.application.talkingPoints == ["the on-call rotation for the payments team"])
    }

    @Test func aThankYouTheUserEditedIsLeftToThem() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try addWithoutTalkingPoint(f)
        let draft = try f.queueThankYou(app)
        try f.setBody(draft.id) { $0 + "\nP.S. Mine." }
        let r = f.run(["update", "\(app)", "--talking-point", "the on-call rotation"])
        #expect(r.output.contains("draft \(draft.id) has your own edits"), "\(r.output)")
        #expect(try f.workspace().store.draft(id: draft.id)?.body.contains("P.S. Mine.") == true)
    }

    @Test func updateNeedsSomethingToAddAndAnApplication() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try addWithoutTalkingPoint(f)
        #expect(f.run(["update", "\(app)"]).code == FuctlMain.usage)
        #expect(f.run(["update", "\(app)", "--domain", "not a domain"]).code == FuctlMain.usage)
        #expect(f.run(["update", "99", "--talking-point", "x"]).code == FuctlMain.failure)
        #expect(f.run(["update", "\(app)", "--domain", "acme-careers.example"]).code == 0)
        #expect(try f.workspace().store.history(for: app)?.application.companyDomains.contains("acme-careers.example") == true)
    }
}

/// `fuctl update` of what a draft says or when it is due: the drafts written
/// before are withdrawn and written anew, each change kept.
@Suite struct CorrectionTests {
    @Test func aNewContactAddressWithdrawsTheApprovedThankYouAndItIsWrittenAnewToTheNewAddress() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let thankYou = try f.queueThankYou(app)
        #expect(f.run(["approve", "\(thankYou.id)"]).code == 0)
        let later = utc("2027-01-12T21:00:00Z")
        let r = f.run(["update", "\(app)", "--contact-email", "dana.reyes@acme.example"], now: later)
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("contact: Dana Reyes <dana@acme.example> → Dana Reyes <dana.reyes@acme.example>"), "\(r.output)")
        #expect(r.output.contains("draft \(thankYou.id), the thank-you, is withdrawn"), "\(r.output)")
        let ws = try f.workspace()
        let history = try #require(try ws.store.history(for: app))
        let plan = Planner.plan(history: history, settings: ws.settings, now: utc("2027-01-12T22:00:00Z"))
        #expect(plan.contains(.cancel(thankYou.id, .applicationChanged)), "\(plan)")
        let queued = plan.compactMap { if case .queue(let q) = $0 { q } else { nil } }
        #expect(queued.map(\.recipient.email) == ["dana.reyes@acme.example"])
        guard case .refuse(let reasons) = Gate.check(draft: try #require(try ws.store.draft(id: thankYou.id)), history: history,
                                                     sendsToSameAddress: [], lastInboxCheck: thankYou.due - 60, now: thankYou.due,
                                                     settings: ws.settings) else {
            Issue.record("the draft to the old address was let through")
            return
        }
        #expect(reasons.contains(.applicationChangedAfterDraft))
        #expect(try ws.store.applicationChanges(app).map(\.change).count == 1)
    }

    @Test func aDecisionDateAddedAfterTheFactHoldsTheCheckIn() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let ws = try f.workspace()
        func checkInDue() throws -> Date? {
            try Timeline.current(history: try #require(try ws.store.history(for: app)), settings: ws.settings, now: Fixture.afterInterview)?
                .step(.checkIn)?.due
        }
        let planned = try #require(try checkInDue())
        #expect(f.run(["update", "\(app)", "--decision-date", "2027-01-29"]).code == 0)
        let held = try #require(try checkInDue())
        #expect(held > planned && held >= utc("2027-02-01T17:00:00Z"), "the business day after Friday 01-29: \(held)")
        #expect(f.run(["update", "\(app)", "--no-decision-date"]).code == 0)
        #expect(try checkInDue() == planned)
    }

    @Test func wrongUseIsRefused() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        #expect(f.run(["update", "\(app)", "--add-contact", "--contact-name", "Sam"]).code == FuctlMain.usage)
        #expect(f.run(["update", "\(app)", "--decision-date", "2027-01-29", "--no-decision-date"]).code == FuctlMain.usage)
        #expect(f.run(["update", "\(app)", "--decision-date", "2027-01-01"]).code == FuctlMain.usage)
        #expect(f.run(["update", "\(app)", "--tz", "EST"]).code == FuctlMain.usage)
        #expect(f.run(["update", "\(app)", "--role", "Platform Engineer"]).output.contains("nothing changed"))
        #expect(f.run(["update", "\(app)", "--add-contact", "--contact-name", "Sam Lee", "--contact-email", "sam@acme.example"]).code == 0)
        #expect(try f.workspace().store.history(for: app)?.application.contacts.map(\.email) == ["dana@acme.example", "sam@acme.example"])
    }
}
