import Foundation
import Testing
import FollowUpCore
import FollowUpStore
@testable import FuctlCommands

/// log, status, resolve.
@Suite struct OutboxCommandsTests {
    @Test func logListsEverySendAttemptWithItsState() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let sent = try f.queueThankYou(app)
        try f.send(sent.id, at: iso("2027-01-13T19:00:00Z"))
        let unsure = try f.queueThankYou(app)
        try f.send(unsure.id, at: iso("2027-01-13T20:00:00Z"), outcome: .unknown(error: "timeout after DATA"))
        let refused = try f.queueThankYou(app)
        try f.send(refused.id, at: iso("2027-01-13T21:00:00Z"), outcome: .notSentPermanent(error: "550 no such user"))
        let rows = try #require(try json(f.run(["log", "--json"]).output) as? [[String: Any]])
        #expect(rows.map { $0["draft"] as? Int } == [sent.id, unsure.id, refused.id].map { Int($0) })
        #expect(rows.map { $0["state"] as? String } == ["sent", "unknown", "not-sent"])
        #expect(rows.first?["message_id"] as? String == sent.messageID)
        #expect(rows.first?["at"] as? String == "2027-01-13T19:00:00Z")
        #expect(rows.first?["application"] as? Int == Int(app))
        #expect(rows.first?["to"] as? String == "dana@acme.example")
        let human = f.run(["log"]).output
        #expect(human.contains("550 no such user"))
    }

    @Test func statusSaysAliveOnlyForALiveProcessWithAFreshHeartbeat() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = try f.workspace().store
        let now = Fixture.afterInterview
        try store.setStatus(DaemonStatus(pid: getpid(), heartbeat: now - 60, lastCheckAt: now - 90,
                                         lastCheckResult: "ok", lastError: "imap: connection refused"))
        let alive = try #require(try json(f.run(["status", "--json"], now: now).output) as? [String: Any])
        #expect(alive["daemon_alive"] as? Bool == true)
        #expect(alive["last_check_result"] as? String == "ok")
        #expect(alive["last_check_at"] as? String == "2027-01-12T19:58:30Z")
        #expect(alive["last_error"] as? String == "imap: connection refused")
        // The default poll interval is 5 minutes: a heartbeat 11 minutes old is stale.
        let stale = try #require(try json(f.run(["status", "--json"], now: now + 600).output) as? [String: Any])
        #expect(stale["daemon_alive"] as? Bool == false)
        #expect(f.run(["status"], now: now + 600).output.contains("NOT running"))
    }

    @Test func statusCountsDraftsAndListsUnknownSends() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        _ = try f.queueThankYou(app)
        let approved = try f.queueThankYou(app)
        #expect(f.run(["approve", "\(approved.id)"]).code == 0)
        let unsure = try f.queueThankYou(app)
        try f.send(unsure.id, at: iso("2027-01-13T20:00:00Z"), outcome: .unknown(error: "timeout"))
        let report = try #require(try json(f.run(["status", "--json"]).output) as? [String: Any])
        #expect(report["queued"] as? Int == 1)
        #expect(report["approved"] as? Int == 1)
        #expect(report["unknown"] as? Int == 1)
        #expect((report["unknown_drafts"] as? [[String: Any]])?.first?["id"] as? Int == Int(unsure.id))
        #expect(f.run(["status"]).output.contains("fuctl resolve ID --sent"))
    }

    @Test func resolveLetsTheUserDecideAnUnknownSend() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let a = try f.queueThankYou(app)
        try f.send(a.id, at: iso("2027-01-13T20:00:00Z"), outcome: .unknown(error: "timeout"))
        let b = try f.queueThankYou(app)
        try f.send(b.id, at: iso("2027-01-13T21:00:00Z"), outcome: .unknown(error: "timeout"))
        #expect(f.run(["resolve", "\(a.id)"]).code == FuctlMain.usage)
        #expect(f.run(["resolve", "\(a.id)", "--sent"]).code == 0)
        #expect(f.run(["resolve", "\(b.id)", "--not-sent"]).code == 0)
        let store = try f.workspace().store
        #expect(try store.draft(id: a.id)?.state == .sent)
        #expect(try store.draft(id: b.id)?.state == .notSentPermanent)
        #expect(f.run(["resolve", "\(a.id)", "--not-sent"]).code == FuctlMain.failure)
    }
}
