import Foundation
import TestSupport
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

    @Test func queueAndShowSayWhenTheGateWouldFirstLetADraftGo() throws {
        let (f, app, draft) = try waitingThankYou()
        defer { f.remove() }
        let due = try #require(try json(f.run(["queue", "--json"]).output) as? [[String: Any]])
        #expect(due.first?["sends_at"] as? String == "2027-01-13T19:00:00Z")
        #expect(due.first?["held_by"] == nil)
        // Another application's message to the same address a day before: one message a day per address.
        let other = try f.addApplication()
        let otherThanks = try f.queueThankYou(other)
        try f.send(otherThanks.id, at: utc("2027-01-13T18:00:00Z"))
        let later = f.run(["queue", "--json"], now: utc("2027-01-13T18:30:00Z"))
        let rows = try #require(try json(later.output) as? [[String: Any]])
        #expect(rows.first { $0["id"] as? Int == Int(draft.id) }?["sends_at"] as? String == "2027-01-14T18:00:00Z", "\(rows)")
        #expect(f.run(["queue"], now: utc("2027-01-13T18:30:00Z")).output.contains("Thu 14 Jan 10:00 (in 23 hours)"))
        let shown = try #require(try json(f.run(["show", "\(app)", "--json"], now: utc("2027-01-13T18:30:00Z")).output) as? [String: Any])
        #expect((shown["drafts"] as? [[String: Any]])?.first?["sends_at"] as? String == "2027-01-14T18:00:00Z")
        // A rejection ends the round: the thank-you is held for good, with the first reason.
        #expect(f.run(["reply", "\(app)", "--kind", "rejection"], now: utc("2027-01-13T18:40:00Z")).code == 0)
        let held = f.run(["show", "\(app)"], now: utc("2027-01-13T18:45:00Z")).output
        #expect(held.contains("held: \(GateRefusal.noLongerDue.description)"), "\(held)")
    }

    @Test func draftRawPrintsTheExactBytesAsSent() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        try f.setBody(draft.id) { $0 + "\nÀ bientôt — Morgan" }
        let r = f.run(["draft", "\(draft.id)", "--raw"])
        #expect(r.code == 0)
        #expect(r.output.hasPrefix("Date: Tue, 12 Jan 2027 12:00:00 -0800\r\n"))
        #expect(r.output.contains("From: Morgan Lee <morgan@example.com>\r\n"))
        #expect(r.output.contains("To: Dana Reyes <dana@acme.example>\r\n"))
        #expect(r.output.contains("Message-ID: <\(draft.messageID)>\r\n"))
        #expect(r.output.contains("Content-Type: text/plain; charset=utf-8\r\n"))
        #expect(r.output.contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        #expect(r.output.contains("\r\n\r\nDear Dana,\r\n"))
        #expect(r.output.contains("=C3=80 bient=C3=B4t =E2=80=94 Morgan\r\n"))
        #expect(f.run(["draft", "999", "--raw"]).code == FuctlMain.failure)
    }

    @Test func draftPrintsAReadableViewByDefault() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        try f.setBody(draft.id) { $0 + "\nÀ bientôt — Morgan" }
        let body = try state(f, draft.id).body
        let r = f.run(["draft", "\(draft.id)"])
        #expect(r.code == 0)
        #expect(!r.output.contains("\r"))
        let lines = r.output.components(separatedBy: "\n")
        #expect(lines[0] == "Date: Tue, 12 Jan 2027 12:00:00 -0800 (if sent now; set when it is sent)")
        #expect(lines[1] == "From: Morgan Lee <morgan@example.com>")
        #expect(lines[2] == "To: Dana Reyes <dana@acme.example>")
        #expect(lines[3] == "Subject: \(draft.subject)")
        #expect(lines[4] == "Message-ID: <\(draft.messageID)>")
        #expect(lines[5] == "")
        #expect(r.output.hasSuffix("\n\n" + body + "\n"))
        #expect(r.output.contains("À bientôt — Morgan\n"))
        #expect(f.run(["draft", "999"]).code == FuctlMain.failure)
    }

    @Test func draftReadableViewShowsTheThreadHeaders() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let thanks = try f.queueThankYou(app)
        try f.send(thanks.id, at: utc("2027-01-13T19:00:00Z"))
        #expect(f.run(["news", "\(app)", "--text", "I PASSED the CKA exam, REALLY."], now: utc("2027-01-15T16:00:00Z")).code == 0)
        let news = try #require(try f.workspace().store.drafts(in: [.drafted]).first)
        let r = f.run(["draft", "\(news.id)"])
        #expect(r.output.contains("\nSubject: Re: \(thanks.subject)\n"))
        #expect(r.output.contains("\nIn-Reply-To: <\(thanks.messageID)>\n"))
        #expect(r.output.contains("\nReferences: <\(thanks.messageID)>\n"))
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

    @Test func approveIsAllOrNothingAndNamesTheDraftsThatWereFine() throws {
        let (f, app, clean) = try waitingThankYou()
        defer { f.remove() }
        let other = try f.queueThankYou(app)
        try f.setBody(other.id) { $0 + "\nThis is your last chance." }
        let refused = f.run(["approve", "\(clean.id)", "\(other.id)"])
        #expect(refused.code == FuctlMain.failure)
        #expect(refused.errors.contains("fine but not approved (all or nothing): draft \(clean.id);"), "\(refused.errors)")
        #expect(!refused.errors.contains("draft \(other.id);"))
        #expect(try state(f, clean.id).state == .drafted)
        #expect(f.run(["approve", "\(clean.id)"]).code == 0)
        #expect(try state(f, clean.id).state == .approved)
    }

    @Test func approvingAnApprovedDraftAgainIsIdempotent() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        #expect(f.run(["approve", "\(draft.id)"], now: Fixture.afterInterview).code == 0)
        let again = f.run(["approve", "\(draft.id)"], now: Fixture.afterInterview + 600)
        #expect(again.code == 0, "\(again.errors)")
        #expect(again.output == "draft \(draft.id) already approved\n")
        let kept = try state(f, draft.id)
        #expect(kept.state == .approved)
        #expect(kept.approvedAt == Fixture.afterInterview)
        try f.send(draft.id, at: utc("2027-01-13T19:00:00Z"))
        let sent = f.run(["approve", "\(draft.id)"])
        #expect(sent.code == FuctlMain.failure)
        #expect(sent.errors.contains("draft \(draft.id) is sent: only drafted drafts can be approved"))
    }

    @Test func humanOutputPrintsKindsAsWordsAndJSONKeepsTheRawValues() throws {
        let (f, app, draft) = try waitingThankYou()
        defer { f.remove() }
        let queue = f.run(["queue"]).output
        #expect(queue.contains(" thank-you "), "\(queue)")
        #expect(!queue.contains("thank_you"))
        #expect((try json(f.run(["queue", "--json"]).output) as? [[String: Any]])?.first?["kind"] as? String == "thank_you")
        #expect(f.run(["show", "\(app)"]).output.contains("thank-you  drafted"))
        #expect(f.run(["list"]).output.contains("thank-you (draft \(draft.id) drafted)"))
        #expect(f.run(["approve", "\(draft.id)"]).output.contains("approved (thank-you to dana@acme.example)"))
        #expect(f.run(["offer", "\(app)"]).output.contains("(competing offer) queued"))
        #expect(MessageKind.allCases.map(\.words) == ["thank-you", "check-in", "second check-in", "news", "competing offer", "rejection reply"])
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
        for editor in ["sed -i 1d", "sed -i 's/$/\\r/'", "false", "no-such-editor-here --wait", "kill -9 $$ #"] {
            let r = f.run(["edit", "\(draft.id)"], environment: ["EDITOR": editor])
            #expect(r.code == FuctlMain.failure, "\(editor)")
            #expect(r.errors.contains("unchanged"), "\(editor): \(r.errors)")
        }
        let kept = try state(f, draft.id)
        #expect(kept.body == draft.body)
        #expect(kept.state == .approved)
    }

    /// Two `fuctl edit` of one draft at once: the one that saves second saw
    /// the old text, so it is refused, and the first one's words are kept.
    @Test func anEditSavedOverAnotherEditMeanwhileIsRefused() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        let started = f.dir + "/editor-started", go = f.dir + "/editor-go", editor = f.dir + "/slow-editor"
        try "#!/bin/sh\ntouch '\(started)'\nwhile [ ! -e '\(go)' ]; do sleep 0.02; done\nsed -i 's/Dear/Hello/' \"$1\"\n"
            .write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        nonisolated(unsafe) var slow: Fixture.Outcome?
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            slow = f.run(["edit", "\(draft.id)"], environment: ["EDITOR": editor])
            finished.signal()
        }
        while !FileManager.default.fileExists(atPath: started) { Thread.sleep(forTimeInterval: 0.02) }
        let quick = f.run(["edit", "\(draft.id)"], environment: ["EDITOR": "sed -i s/Dear/Hi/"])
        #expect(quick.code == 0, "\(quick.errors)")
        _ = FileManager.default.createFile(atPath: go, contents: nil)
        finished.wait()
        #expect(slow?.code == FuctlMain.failure)
        #expect(slow?.errors.contains("changed meanwhile") == true, "\(slow?.errors ?? "")")
        #expect(try state(f, draft.id).body.hasPrefix("Hi"), "the first save is kept")
    }

    @Test func editedTextRoundTripsSubjectAndBody() throws {
        let text = EditedText(subject: "Thank you", body: "Dear Dana,\n\n\tthanks.")
        #expect(try EditedText(parsing: text.fileText + "\n") == text)
        #expect(throws: CommandFailure.self) { try EditedText(parsing: "Dear Dana,\n\nthanks.") }
        #expect(throws: CommandFailure.self) { try EditedText(parsing: "Subject: Hi\n\nbell\u{7}") }
    }

    @Test func backupWritesACopyThatOpensWithTheSameDraftsAndRefusesToOverwrite() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        let copy = f.dir + "/backup.sqlite"
        let r = f.run(["backup", copy])
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("database copied to \(copy)"))
        #expect(try Store(path: copy).draft(id: draft.id)?.body == draft.body)
        let again = f.run(["backup", copy])
        #expect(again.code == FuctlMain.failure)
        #expect(again.errors.contains("\(copy) exists"), "\(again.errors)")
    }

    @Test func discardReportsEachDraft() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        let r = f.run(["discard", "\(draft.id)", "404"])
        #expect(r.code == FuctlMain.failure)
        #expect(r.errors.contains("404"))
        #expect(try state(f, draft.id).state == .discarded)
        let again = f.run(["discard", "\(draft.id)"])
        #expect(again.code == 0, "discarding twice is no error: \(again.errors)")
        #expect(again.output.contains("draft \(draft.id) was already discarded"))
    }

    @Test func aMissingEditorGetsOneLineOfFuctlsOwn() throws {
        let (f, _, draft) = try waitingThankYou()
        defer { f.remove() }
        let r = f.run(["edit", "\(draft.id)"], environment: ["EDITOR": "no-such-editor-here"])
        #expect(r.code == FuctlMain.failure)
        #expect(r.errors == "fuctl: the editor \"no-such-editor-here\" was not found; set $VISUAL or $EDITOR to one that is installed; draft unchanged\n")
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
        try f.send(thanks.id, at: utc("2027-01-13T19:00:00Z"))
        let r = f.run(["news", "\(app)", "--text", "I PASSED the CKA exam, REALLY."], now: utc("2027-01-15T16:00:00Z"))
        #expect(r.code == 0, "\(r.errors)")
        let news = try #require(try f.workspace().store.drafts(in: [.drafted]).first)
        #expect(news.kind == .news)
        #expect(news.inReplyTo == thanks.messageID)
        #expect(news.references == [thanks.messageID])
        #expect(news.subject == "Re: " + thanks.subject)
        #expect(news.body.contains("CKA"))
        #expect(news.due == utc("2027-01-18T17:00:00Z"))
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

    @Test func newsAndOfferPrintTheDraftsIdAndProblemsAsJSON() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let offer = f.run(["offer", "\(app)", "--json", "--text", "They need an answer ASAP."])
        #expect(offer.code == 0, "\(offer.errors)")
        let object = try #require(try json(offer.output) as? [String: Any])
        let id = try #require(object["id"] as? Int)
        #expect(try f.workspace().store.draft(id: DraftID(id))?.kind == .competingOffer)
        let problems = try #require(object["problems"] as? [[String: Any]])
        #expect(problems.contains { $0["kind"] as? String == "pushy" }, "\(problems)")
        let thanks = try f.queueThankYou(app)
        try f.send(thanks.id, at: utc("2027-01-13T19:00:00Z"))
        let news = f.run(["news", "\(app)", "--json", "--text", "I PASSED the CKA exam, REALLY."], now: utc("2027-01-15T16:00:00Z"))
        #expect(news.code == 0, "\(news.errors)")
        let newsObject = try #require(try json(news.output) as? [String: Any])
        #expect((newsObject["id"] as? Int).map { $0 > id } == true)
        let newsProblems = try #require(newsObject["problems"] as? [[String: Any]])
        #expect(newsProblems.map { $0["kind"] as? String } == ["shouting", "shouting"],
                "PASSED and REALLY shout; CKA is an acronym: \(newsProblems)")
    }
}
