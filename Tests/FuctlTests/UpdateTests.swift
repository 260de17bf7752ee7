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
