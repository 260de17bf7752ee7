import Foundation
import Testing
import FollowUpCore
import FollowUpStore
@testable import FuctlCommands

/// add, event, list, show, reply, close.
@Suite struct ApplicationCommandsTests {
    @Test func addPrintsTheNewIDAndStoresTheInterviewInItsZone() throws {
        let f = try Fixture()
        defer { f.remove() }
        let r = f.run(["add", "--json", "--company", "Acme", "--role", "Engineer", "--contact-name", "Dana Reyes",
                       "--contact-email", "dana@Acme.example", "--interview", "2027-01-14 16:00", "--tz", "Europe/Madrid",
                       "--kind", "interview", "--decision-date", "2027-01-20", "--pace", "fast",
                       "--talking-point", "on-call", "--talking-point", "Kubernetes"])
        #expect(r.code == 0)
        let object = try #require(try json(r.output) as? [String: Any])
        let id = try #require(object["id"] as? Int)
        let app = try #require(try f.workspace().store.application(id: ApplicationID(id)))
        #expect(app.timeZone == "Europe/Madrid")
        #expect(app.pace == .fast)
        #expect(app.talkingPoints == ["on-call", "Kubernetes"])
        #expect(app.companyDomains == ["acme.example"])
        #expect(app.events.map(\.start) == [iso("2027-01-14T15:00:00Z")])
        #expect(app.events.map(\.end) == [iso("2027-01-14T15:45:00Z")])
        #expect(app.events.first?.decisionDate == LocalDate(iso: "2027-01-20"))
    }

    @Test func addTakesTheConfiguredZoneByDefault() throws {
        let f = try Fixture()
        defer { f.remove() }
        let r = f.run(["add", "--company", "Acme", "--role", "Engineer", "--contact-name", "Dana",
                       "--contact-email", "dana@acme.example", "--interview", "2027-01-12 10:00"])
        let id = try #require(ApplicationID(r.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let app = try #require(try f.workspace().store.application(id: id))
        #expect(app.timeZone == "America/Los_Angeles")
        #expect(app.events.first?.start == iso("2027-01-12T18:00:00Z"))
    }

    @Test func addNeverTakesAFreeMailDomainAsTheCompanys() throws {
        let f = try Fixture()
        defer { f.remove() }
        let free = try f.addApplication(email: "dana.reyes@gmail.com")
        let given = try f.addApplication(email: "dana.reyes@gmail.com", extra: ["--domain", "Acme.example"])
        let store = try f.workspace().store
        #expect(try store.application(id: free)?.companyDomains == [])
        #expect(try store.application(id: given)?.companyDomains == ["acme.example"])
    }

    @Test func addRefusesBadInputAsUsageErrors() throws {
        let f = try Fixture()
        defer { f.remove() }
        let base = ["add", "--company", "Acme", "--role", "Engineer", "--contact-name", "Dana"]
        let cases: [[String]] = [
            base + ["--contact-email", "not-an-address", "--interview", "2027-01-12 10:00"],
            base + ["--contact-email", "dana@acme.example", "--interview", "2027-01-12 10:00", "--tz", "Mars/Olympus"],
            base + ["--contact-email", "dana@acme.example", "--interview", "12.01.2027 10:00"],
            base + ["--contact-email", "dana@acme.example", "--interview", "2027-01-12 10:00", "--duration", "long"],
            base + ["--contact-email", "dana@acme.example", "--interview", "2027-01-12 10:00", "--kind", "party"],
            base + ["--contact-email", "dana@acme.example"],
        ]
        for arguments in cases {
            let r = f.run(arguments)
            #expect(r.code == FuctlMain.usage, "\(arguments): \(r.errors)")
            #expect(r.output.isEmpty)
        }
        #expect(try f.workspace().store.applications().isEmpty)
    }

    @Test func eventStartsANewRoundAfterTheCurrentOne() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let r = f.run(["event", "\(app)", "--interview", "2027-01-20 14:00", "--duration", "1h30m"])
        #expect(r.code == 0, "\(r.errors)")
        let events = try #require(try f.workspace().store.application(id: app)).events
        #expect(events.count == 2)
        #expect(events.last?.start == iso("2027-01-20T22:00:00Z"))
        #expect(events.last?.end == iso("2027-01-20T23:30:00Z"))
        let earlier = f.run(["event", "\(app)", "--interview", "2027-01-01 10:00"])
        #expect(earlier.code == FuctlMain.failure)
        #expect(f.run(["event", "99", "--interview", "2027-01-30 10:00"]).code == FuctlMain.failure)
    }

    @Test func listShowsStateAndNextStepAsJSON() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let rows = try #require(try json(f.run(["list", "--json"]).output) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["id"] as? Int == Int(app))
        #expect(rows[0]["state"] as? String == "open")
        let next = try #require(rows[0]["next_step"] as? [String: Any])
        #expect(next["kind"] as? String == "thank_you")
        #expect(next["due"] as? String == "2027-01-13T19:00:00Z")
        #expect(next["status"] as? String == "planned")

        let draft = try f.queueThankYou(app)
        let after = try #require(try json(f.run(["list", "--json"]).output) as? [[String: Any]])
        #expect(after[0]["state"] as? String == "waiting for approval")
        #expect((after[0]["next_step"] as? [String: Any])?["status"] as? String == "draft \(draft.id) drafted")
    }

    @Test func listHumanOutputIsAnAlignedTableInTheUsersZone() throws {
        let f = try Fixture()
        defer { f.remove() }
        _ = try f.addApplication()
        let lines = f.run(["list"]).output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[1].contains("Wed 13 Jan 11:00 (in 23 hours)"))
        let stateColumn = try #require(lines[0].range(of: "STATE")).lowerBound.utf16Offset(in: lines[0])
        let openColumn = try #require(lines[1].range(of: "open")).lowerBound.utf16Offset(in: lines[1])
        #expect(stateColumn == openColumn)
    }

    @Test func showListsDetailsEventsDraftsSentAndReplies() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let thanks = try f.queueThankYou(app)
        try f.send(thanks.id, at: iso("2027-01-13T19:00:00Z"))
        #expect(f.run(["reply", "\(app)", "--kind", "next-step"], now: iso("2027-01-14T19:00:00Z")).code == 0)
        let r = f.run(["show", "\(app)", "--json"], now: iso("2027-01-15T19:00:00Z"))
        let object = try #require(try json(r.output) as? [String: Any])
        #expect(object["company"] as? String == "Acme")
        #expect(object["state"] as? String == "replied (next-step)")
        #expect((object["events"] as? [Any])?.count == 1)
        #expect((object["drafts"] as? [Any])?.count == 0)
        let sent = try #require(object["sent"] as? [[String: Any]])
        #expect(sent.first?["message_id"] as? String == thanks.messageID)
        #expect(sent.first?["sent_at"] as? String == "2027-01-13T19:00:00Z")
        let replies = try #require(object["replies"] as? [[String: Any]])
        #expect(replies.first?["source"] as? String == "phone")
        let human = f.run(["show", "\(app)"], now: iso("2027-01-15T19:00:00Z"))
        #expect(human.output.contains("Dana Reyes <dana@acme.example>"))
        #expect(human.output.contains(thanks.subject))
        #expect(f.run(["show", "42"]).code == FuctlMain.failure)
    }

    @Test func replyRecordsAPhoneReplyForTheDaemonToApply() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let r = f.run(["reply", "\(app)", "--kind", "need-more-time", "--until", "2027-02-01"])
        #expect(r.code == 0)
        #expect(r.output.contains("business day after 2027-02-01"))
        let reply = try #require(try f.workspace().store.history(for: app)?.replies.first)
        #expect(reply.source == .phone)
        #expect(reply.replyClass == .needMoreTime)
        #expect(reply.until == LocalDate(iso: "2027-02-01"))
        #expect(reply.receivedAt == Fixture.afterInterview)
        #expect(f.run(["reply", "\(app)", "--kind", "rejection", "--until", "2027-02-01"]).code == FuctlMain.usage)
        #expect(f.run(["reply", "\(app)", "--kind", "auto-reply"]).code == FuctlMain.usage)
    }

    @Test func closeSetsTheOutcome() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        #expect(f.run(["close", "\(app)", "--outcome", "withdrawn"]).code == 0)
        #expect(try f.workspace().store.application(id: app)?.outcome == .withdrawn)
        #expect(f.run(["close", "\(app)", "--outcome", "maybe"]).code == FuctlMain.usage)
        #expect(f.run(["close", "77", "--outcome", "offer"]).code == FuctlMain.failure)
    }
}
