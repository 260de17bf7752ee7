import Foundation
import Testing
import FollowUpCore
import FollowUpStore
@testable import FuctlCommands

/// queue, draft, edit, approve, discard, news, offer.
@Suite struct DraftCommandsTests {
    /// An application with a clean thank-you draft waiting.
    func waitingThankYou() throws -> (Fixture, ApplicationID, Draft) {
        let f = try Fixture()
        let app = try f.addApplication()
        return (f, app, try f.queueThankYou(app))
    }

    func state(_ f: Fixture, _ id: DraftID) throws -> Draft {
        try #require(try f.workspace().store.draft(id: id))
    }

    @Test func queueListsWaitingDraftsWithFreshProblems() throws {
        let (f, app, draft) = try waitingThankYou()
        defer { f.remove() }
        let clean = try #require(try json(f.run(["queue", "--json"]).output) as? [[String: Any]])
        #expect(clean.map { $0["id"] as? Int } == [Int(draft.id)])
        #expect(clean.first?["application_id"] as? Int == Int(app))
        #expect(clean.first?["to"] as? String == "dana@acme.example")
        #expect((clean.first?["problems"] as? [Any])?.isEmpty == true, "\(clean)")
        try f.setBody(draft.id) { $0 + "\nPlease answer ASAP." }
        let dirty = try #require(try json(f.run(["queue", "--json"]).output) as? [[String: Any]])
        let kinds = (dirty.first?["problems"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds?.contains("pushy") == true)
        #expect(f.run(["queue"]).output.contains("pushy"))
    }

    @Test func draftPrintsTheWholeMessageAsItWouldBeSent() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        let r = f.run(["draft", "\(draft.id)"])
        #expect(r.code == 0)
        #expect(r.output.hasPrefix("Date: Tue, 12 Jan 2027 12:00:00 -0800\r\n"))
        #expect(r.output.contains("From: Morgan Lee <morgan@example.com>\r\n"))
        #expect(r.output.contains("To: Dana Reyes <dana@acme.example>\r\n"))
        #expect(r.output.contains("Message-ID: <\(draft.messageID)>\r\n"))
        #expect(r.output.contains("Content-Type: text/plain; charset=utf-8\r\n"))
        #expect(r.output.contains("\r\n\r\nDear Dana,\r\n"))
        #expect(f.run(["draft", "999"]).code == FuctlMain.failure)
    }

    @Test func approveIsRefusedWithTheReasonsWhileTheDraftHasProblems() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        try f.setBody(draft.id) { $0 + "\nI need an answer ASAP!!" }
        let r = f.run(["approve", "\(draft.id)", "--override-spelling"])
        #expect(r.code == FuctlMain.failure)
        #expect(r.errors.contains("pushy"))
        #expect(try state(f, draft.id).state == .drafted)
    }

    @Test func onlySpellingMayBeOverridden() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        try f.setBody(draft.id) { $0.replacingOccurrences(of: "Thank you", with: "Thankk you") }
        let refused = f.run(["approve", "\(draft.id)"])
        #expect(refused.code == FuctlMain.failure)
        #expect(refused.errors.contains("spelling"))
        #expect(try state(f, draft.id).state == .drafted)
        let overridden = f.run(["approve", "\(draft.id)", "--override-spelling"])
        #expect(overridden.code == 0, "\(overridden.errors)")
        #expect(try state(f, draft.id).approvedAt == Fixture.afterInterview)
    }

    @Test func approveIsAllOrNothing() throws {
        let (f, app, clean) = try waitingThankYou()
        defer { f.remove() }
        let other = try f.queueThankYou(app)
        try f.setBody(other.id) { $0 + "\nThis is your last chance." }
        #expect(f.run(["approve", "\(clean.id)", "\(other.id)"]).code == FuctlMain.failure)
        #expect(try state(f, clean.id).state == .drafted)
        #expect(f.run(["approve", "\(clean.id)"]).code == 0)
        #expect(try state(f, clean.id).state == .approved)
        let again = f.run(["approve", "\(clean.id)"])
        #expect(again.code == FuctlMain.failure)
        #expect(again.errors.contains("only drafted drafts"))
    }

    @Test func editWithdrawsApproval() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        #expect(f.run(["approve", "\(draft.id)"]).code == 0)
        let r = f.run(["edit", "\(draft.id)"], environment: ["EDITOR": "sed -i '3s/^/Many thanks. /'"])
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("approval is withdrawn"))
        let edited = try state(f, draft.id)
        #expect(edited.state == .drafted)
        #expect(edited.approvedAt == nil)
        #expect(edited.body.hasPrefix("Many thanks. "))
        #expect(edited.subject == draft.subject)
    }

    @Test func editShowsTheNewProblems() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        let r = f.run(["edit", "\(draft.id)"], environment: ["VISUAL": "sed -i '$a Please reply ASAP.'", "EDITOR": "false"])
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("pushy"))
        #expect(try state(f, draft.id).body.hasSuffix("Please reply ASAP."))
    }

    @Test func editRefusesALostSubjectOrControlCharacters() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        #expect(f.run(["approve", "\(draft.id)"]).code == 0)
        for editor in ["sed -i 1d", "sed -i 's/$/\\r/'", "false"] {
            let r = f.run(["edit", "\(draft.id)"], environment: ["EDITOR": editor])
            #expect(r.code == FuctlMain.failure, "\(editor)")
            #expect(r.errors.contains("unchanged"), "\(editor): \(r.errors)")
        }
        let kept = try state(f, draft.id)
        #expect(kept.body == draft.body)
        #expect(kept.state == .approved)
    }

    @Test func editedTextRoundTripsSubjectAndBody() throws {
        let text = EditedText(subject: "Thank you", body: "Dear Dana,\n\n\tthanks.")
        #expect(try EditedText(parsing: text.fileText + "\n") == text)
        #expect(throws: CommandFailure.self) { try EditedText(parsing: "Dear Dana,\n\nthanks.") }
        #expect(throws: CommandFailure.self) { try EditedText(parsing: "Subject: Hi\n\nbell\u{7}") }
    }

    @Test func discardReportsEachDraft() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        let r = f.run(["discard", "\(draft.id)", "404"])
        #expect(r.code == FuctlMain.failure)
        #expect(r.errors.contains("404"))
        #expect(try state(f, draft.id).state == .discarded)
    }

    @Test func newsIsRefusedBeforeTheThankYouWithThePolicysReason() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let r = f.run(["news", "\(app)", "--text", "I passed the CKA exam."])
        #expect(r.code == FuctlMain.failure)
        #expect(r.errors.contains(ExceptionRefusal.noThankYouYet.description))
        #expect(try f.workspace().store.drafts().isEmpty)
        #expect(f.run(["news", "\(app)", "--text", " "]).code == FuctlMain.usage)
    }

    @Test func newsAfterTheThankYouThreadsOntoIt() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let thanks = try f.queueThankYou(app)
        try f.send(thanks.id, at: iso("2027-01-13T19:00:00Z"))
        let r = f.run(["news", "\(app)", "--text", "I passed the CKA exam."], now: iso("2027-01-15T16:00:00Z"))
        #expect(r.code == 0, "\(r.errors)")
        let news = try #require(try f.workspace().store.drafts(in: [.drafted]).first)
        #expect(news.kind == .news)
        #expect(news.inReplyTo == thanks.messageID)
        #expect(news.references == [thanks.messageID])
        #expect(news.subject == "Re: " + thanks.subject)
        #expect(news.body.contains("CKA"))
        #expect(news.due == iso("2027-01-18T17:00:00Z"))
        #expect(r.output.contains("draft \(news.id) (news) queued"))
    }

    @Test func offerQueuesOrRefusesWithThePolicysReason() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        #expect(f.run(["offer", "\(app)"]).code == 0)
        let drafts = try f.workspace().store.drafts()
        #expect(drafts.map(\.kind) == [.competingOffer])
        let again = f.run(["offer", "\(app)"])
        #expect(again.code == FuctlMain.failure)
        #expect(again.errors.contains(ExceptionRefusal.alreadyQueued(.competingOffer).description))
    }
}
