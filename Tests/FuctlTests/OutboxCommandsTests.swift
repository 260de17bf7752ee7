import Foundation
import TestSupport
import Testing
import FollowUpCore
@testable import FollowUpStore
@testable import FuctlCommands

/// log, status, resolve.
@Suite struct OutboxCommandsTests {
    @Test func logListsEverySendAttemptWithItsState() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let sent = try f.queueThankYou(app)
        try f.send(sent.id, at: utc("2027-01-13T19:00:00Z"))
        let unsure = try f.queueThankYou(app)
        try f.send(unsure.id, at: utc("2027-01-13T20:00:00Z"), outcome: .unknown(error: "timeout after DATA"))
        let refused = try f.queueThankYou(app)
        try f.send(refused.id, at: utc("2027-01-13T21:00:00Z"), outcome: .notSentPermanent(error: "550 no such user"))
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
        let running = f.run(["status", "--json"], now: now)
        #expect(running.code == 0)
        let alive = try #require(try json(running.output) as? [String: Any])
        #expect(alive["daemon_alive"] as? Bool == true)
        #expect(alive["last_check_result"] as? String == "ok")
        #expect(alive["last_check_at"] as? String == "2027-01-12T19:58:30Z")
        #expect(alive["last_error"] as? String == "imap: connection refused")
        // The default poll interval is 5 minutes: a heartbeat 11 minutes old is stale.
        let stale = try #require(try json(f.run(["status", "--json"], now: now + 600).output) as? [String: Any])
        #expect(stale["daemon_alive"] as? Bool == false)
        #expect(f.run(["status"], now: now + 600).output.contains("NOT running"))
    }

    @Test func statusExits3WhenTheDaemonIsNotRunningInHumanAndJSONMode() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = try f.workspace().store
        let now = Fixture.afterInterview
        try store.setStatus(DaemonStatus(pid: getpid(), heartbeat: now - 60, lastCheckAt: now - 90, lastCheckResult: "ok"))
        #expect(f.run(["status"], now: now).code == 0)
        for arguments in [["status"], ["status", "--json"]] {
            let r = f.run(arguments, now: now + 600)
            #expect(r.code == FuctlMain.notRunning, "\(arguments)")
            #expect(!r.output.isEmpty)
        }
        #expect(FuctlMain.notRunning == 3)
        #expect(f.runBare(["help", "status"]).output.contains("3 when it is not"))
    }

    @Test func statusNeverCreatesTheDatabase() throws {
        let f = try Fixture()
        defer { f.remove() }
        let database = f.dir + "/state/followupd.sqlite"
        let human = f.run(["status"])
        #expect(human.code == FuctlMain.notRunning)
        #expect(human.output == "no database yet at \(database) (followupd has not run)\n")
        let machine = f.run(["status", "--json"])
        #expect(machine.code == FuctlMain.notRunning)
        let report = try #require(try json(machine.output) as? [String: Any])
        #expect(report["database_exists"] as? Bool == false)
        #expect(report["daemon_alive"] as? Bool == false)
        #expect(!FileManager.default.fileExists(atPath: database))
        #expect(!FileManager.default.fileExists(atPath: f.dir + "/state"))
    }

    @Test func statusSaysWhetherTheLastErrorCameBeforeOrAfterTheLastSuccessfulCheck() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = try f.workspace().store
        let now = Fixture.afterInterview
        try store.setStatus(DaemonStatus(pid: getpid(), heartbeat: now - 60, lastCheckAt: now - 120, lastCheckResult: "ok",
                                         lastError: "imap: connection refused", lastErrorAt: now - 3 * 3600))
        let past = f.run(["status"], now: now)
        #expect(past.output.contains("Last error  imap: connection refused (Tue 12 Jan 09:00 (3 hours ago); past: checks succeeded since, the last 2 minutes ago)"), "\(past.output)")
        #expect((try json(f.run(["status", "--json"], now: now).output) as? [String: Any])?["last_error_current"] as? Bool == false)
        try store.updateStatus { $0.lastErrorAt = now - 60 }
        let current = f.run(["status"], now: now)
        #expect(current.output.contains("imap: connection refused (Tue 12 Jan 11:59 (1 minute ago); no successful check since)"), "\(current.output)")
        let report = try #require(try json(f.run(["status", "--json"], now: now).output) as? [String: Any])
        #expect(report["last_error_current"] as? Bool == true)
        #expect(report["last_error_at"] as? String == "2027-01-12T19:59:00Z")
    }

    @Test func statusCountsDraftsAndListsUnknownSends() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        _ = try f.queueThankYou(app)
        let approved = try f.queueThankYou(app)
        #expect(f.run(["approve", "\(approved.id)"]).code == 0)
        let unsure = try f.queueThankYou(app)
        try f.send(unsure.id, at: utc("2027-01-13T20:00:00Z"), outcome: .unknown(error: "timeout"))
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
        try f.send(a.id, at: utc("2027-01-13T20:00:00Z"), outcome: .unknown(error: "timeout"))
        let b = try f.queueThankYou(app)
        try f.send(b.id, at: utc("2027-01-13T21:00:00Z"), outcome: .unknown(error: "timeout"))
        #expect(f.run(["resolve", "\(a.id)"]).code == FuctlMain.usage)
        #expect(f.run(["resolve", "\(a.id)", "--sent"]).code == 0)
        #expect(f.run(["resolve", "\(b.id)", "--not-sent"]).code == 0)
        let store = try f.workspace().store
        #expect(try store.draft(id: a.id)?.state == .sent)
        #expect(try store.draft(id: b.id)?.state == .notSentPermanent)
        #expect(f.run(["resolve", "\(a.id)", "--not-sent"]).code == FuctlMain.failure)
    }
}
