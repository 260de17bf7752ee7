import Foundation
import TestSupport
import Testing
import FollowUpCore
import FollowUpStore
@testable import FuctlCommands

/// `fuctl why` and `fuctl explain`: the audit trail, and a message read as the daemon would, changing nothing.
@Suite struct WhyAndExplainTests {
    @Test func whyNamesTheRuleOfEachDueTimeTheGatesDecisionsTheRepliesAndTheNotices() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let draft = try f.queueThankYou(app)
        let store = try f.workspace().store
        try store.recordGateDecision(draftID: draft.id, verdict: "held", reasons: "gap: not before Thu", now: Fixture.afterInterview)
        try store.recordGateDecision(draftID: draft.id, verdict: "held", reasons: "gap: not before Thu", now: Fixture.afterInterview + 60)
        let reply = RecordedReply(id: 0, applicationID: app, receivedAt: utc("2027-01-14T18:00:00Z"), replyClass: .needMoreTime,
                                  until: LocalDate(iso: "2027-01-25"), messageID: "r1@acme.example", from: "dana@acme.example")
        try store.recordReply(reply, at: MailboxPosition(mailbox: "Junk", uid: 3, matched: "sent from the company's domain"))
        _ = try store.recordNotices([Notice(key: "queued:\(draft.id):x", kind: .draftQueued, applicationID: app, draftID: draft.id,
                                            summary: "Drafted: the thank-you")], command: false, mail: true, replyMark: 0,
                                    now: Fixture.afterInterview)

        let r = f.run(["why", String(app)], now: utc("2027-01-15T20:00:00Z"))

        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("the business day after 2027-01-25, the date they named when they asked for more time"), "\(r.output)")
        #expect(r.output.components(separatedBy: "held: gap: not before Thu").count == 2, "one line per change: \(r.output)")
        #expect(r.output.contains("a request for more time (until 2027-01-25); sent from the company's domain; found in Junk (UID 3)"))
        #expect(r.output.contains("draft-queued: Drafted: the thank-you [mail pending]"))
        let one = f.run(["why", "--draft", String(draft.id)], now: utc("2027-01-15T20:00:00Z"))
        #expect(one.code == 0 && one.output.contains("draft \(draft.id), thank-you"), "\(one.output)")
        #expect(f.run(["why"]).code == 2, "an application or a draft")
    }

    @Test func explainSaysWhichApplicationWhyAndTheWordsThatDecidedWithoutRecordingAnything() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let file = f.dir + "/reply.eml"
        try """
            From: Dana Reyes <dana@acme.example>\r
            To: Morgan Lee <morgan@example.com>\r
            Subject: Your application\r
            Date: Thu, 14 Jan 2027 10:00:00 -0800\r
            Message-ID: <r2@acme.example>\r
            \r
            Dear Morgan, unfortunately we have decided to move forward with other candidates.\r

            """.write(toFile: file, atomically: true, encoding: .utf8)

        let r = f.run(["explain", file], now: utc("2027-01-15T20:00:00Z"))

        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("Application: \(app) (Platform Engineer at Acme), because it was sent by a contact of the application"),
                "\(r.output)")
        #expect(r.output.contains("Class: rejection"))
        #expect(r.output.contains(#"Decided by: rejection: ""#), "\(r.output)")
        #expect(try f.workspace().store.history(for: app)?.replies.isEmpty == true, "nothing recorded")
        #expect(f.run(["explain", f.dir + "/missing.eml"]).code == 1)
    }
}
