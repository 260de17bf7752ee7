import Foundation
import InboxReading
import TestSupport
import Logging
import Testing
import FollowUpConfig
import FollowUpCore
import FollowUpDrafts
import FollowUpStore
import FollowUpWorkspace
import MailTransport
@testable import FollowUpDaemon

/// The tick's wiring, with the mail servers replaced by a fake behind
/// `MailSession` (the end-to-end tests use the real Dovecot and Postfix).
@Suite struct EngineTests {
    // POLICY worked example 1: interview Tue 2027-01-12 10:00-11:00 Los Angeles.
    static let interviewStart = utc("2027-01-12T18:00:00Z")

    @Test func aRoundGoesThankYouThenThreadedCheckInAndTheEmployersReplyStopsIt() throws {
        let w = try World()
        w.clock.now = utc("2027-01-12T20:00:00Z")            // Tue 12:00 PST: thank-you due in < 24 h
        var report = try w.engine.tick()
        #expect(report.queued == 1)
        let thankYou = try #require(try w.store.drafts(in: [.drafted]).first)
        #expect(thankYou.kind == .thankYou && thankYou.due == utc("2027-01-13T19:00:00Z"))

        try w.store.approve(draftID: thankYou.id, now: w.clock.now)
        w.clock.now = utc("2027-01-13T19:05:00Z")            // Wed 11:05 PST: due, inside the window
        report = try w.engine.tick()
        #expect(report.sent == 1)
        #expect(w.mail.sent.count == 1 && w.mail.sentFolder.count == 1)
        #expect(w.mail.sent[0].bytes == w.mail.sentFolder[0], "the Sent copy is the exact bytes sent")
        #expect(try w.store.draft(id: thankYou.id)?.state == .sent)

        w.clock.now = utc("2027-01-18T20:00:00Z")            // Mon: check-in due Tue 11:00 is queued
        report = try w.engine.tick()
        let checkIn = try #require(try w.store.drafts(in: [.drafted]).first)
        #expect(checkIn.kind == .checkIn)
        #expect(checkIn.inReplyTo == thankYou.messageID && checkIn.subject.hasPrefix("Re: "))
        try w.store.approve(draftID: checkIn.id, now: w.clock.now)

        // POLICY worked example 8: the reply arrives minutes before the approved check-in is due.
        w.clock.now = utc("2027-01-19T18:55:00Z")
        w.mail.deliver(from: "dana@acme.example", subject: "Re: " + thankYou.subject, inReplyTo: thankYou.messageID,
                       body: "Thanks Morgan, we are still talking to candidates and will be in touch.", at: w.clock.now)
        report = try w.engine.tick()
        #expect(report.repliesRecorded == 1)
        w.clock.now = utc("2027-01-19T19:05:00Z")
        report = try w.engine.tick()
        #expect(report.sent == 0)
        #expect(try w.store.draft(id: checkIn.id)?.state == .cancelled)
        #expect(w.mail.sent.count == 1, "nothing after the employer replied")
    }

    /// Names are the user's text: brackets, backslashes and every pattern
    /// character are only characters, from the store through the drafts and
    /// the reading of the employer's reply.
    @Test(arguments: [#"A+ (B) [C]* \d{2} ^$ | ? \ Corp."#, #"(?<x>.*)\\Q\E[[:alpha:]"#, "Ω [ ( { \\"])
    func aCompanyOrContactNameFullOfPatternCharactersIsOnlyText(_ name: String) throws {
        let w = try World(company: name, contact: "Dana " + name)
        w.clock.now = utc("2027-01-12T20:00:00Z")
        #expect(try w.engine.tick().queued == 1)
        let thankYou = try #require(try w.store.drafts(in: [.drafted]).first)
        #expect(thankYou.body.contains(name.split(separator: " ").first.map(String.init) ?? name))
        try w.store.approve(draftID: thankYou.id, now: w.clock.now)
        w.clock.now = utc("2027-01-13T19:05:00Z")
        #expect(try w.engine.tick().sent == 1)
        // From an applicant tracking system, on a new thread: attributed by the company's name alone.
        w.mail.deliver(from: "no-reply@us.greenhouse-mail.io", subject: "Your application at \(name)", inReplyTo: nil,
                       body: "Unfortunately \(name) has decided to move forward with other candidates.",
                       at: utc("2027-01-14T18:00:00Z"))
        w.clock.now = utc("2027-01-14T18:05:00Z")
        #expect(try w.engine.tick().repliesRecorded == 1)
        #expect(try w.store.histories().first?.replies.first?.replyClass == .rejection)
        #expect(try w.store.histories().first?.replies.first?.from == "no-reply@us.greenhouse-mail.io")
    }

    @Test func aFailedInboxCheckMeansNothingIsSent() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        w.mail.inboxDown = true
        let failure = #expect(throws: Engine.TickFailure.self) { try w.engine.tick() }
        #expect(failure?.code == .inboxCheck)
        #expect(w.mail.sent.isEmpty)
        #expect(try w.store.draft(id: draft.id)?.state == .approved)
        #expect(try w.store.status().lastCheckResult == "failed")
    }

    /// The disk fills after the server took the message: the tick fails and
    /// nothing more is sent; once there is room, the next tick records the
    /// outcome first, and the message is never sent again.
    @Test func anOutcomeAFullDiskKeptIsRecordedAtTheNextTickBeforeAnythingElse() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard let disk = try SmallDisk(dir) else { return }
        defer { disk.unmount() }
        let w = try World(storePath: dir + "/followupd.sqlite")
        let thankYou = try w.approvedThankYou()
        w.mail.duringSend = { disk.fill() }
        #expect(throws: Engine.TickFailure.self) { try w.engine.tick() }
        #expect(w.mail.delivered.count == 1)
        #expect(try w.store.draft(id: thankYou.id)?.state == .sending)

        // Still full: the tick fails before any inbox check or send.
        w.mail.duringSend = {}
        w.clock.now += 60
        let checks = w.mail.checks
        #expect(throws: Engine.TickFailure.self) { try w.engine.tick() }
        #expect(w.mail.checks == checks, "nothing else happens while the outcome waits")

        disk.free()
        w.clock.now += 60
        try w.engine.tick()
        #expect(try w.store.draft(id: thankYou.id)?.state == .sent)
        #expect(w.mail.delivered.count == 1, "never sent again")
    }

    @Test func aFailedReCheckBeforeALaterSendFailsTheTick() throws {
        let w = try World()
        _ = try w.store.addApplication(Application(
            id: 0, company: "Initech", role: "SRE", contacts: [Contact(name: "Sam Poe", email: "sam@initech.example")],
            companyDomains: ["initech.example"], timeZone: "America/Los_Angeles", talkingPoints: [],
            events: [Event(id: 0, start: EngineTests.interviewStart, end: EngineTests.interviewStart + 3600)]))
        _ = try w.approvedThankYou()
        for draft in try w.store.drafts(in: [.drafted]) { try w.store.approve(draftID: draft.id, now: w.clock.now) }
        // The first send takes longer than the freshness limit, and then the inbox is gone.
        w.mail.duringSend = { [w] in
            w.clock.now += 700
            w.mail.inboxDown = true
        }
        let failure = #expect(throws: Engine.TickFailure.self) { try w.engine.tick() }
        #expect(failure?.code == .sendingStopped)
        #expect(w.mail.sent.count == 1, "the second draft waits for a check that succeeds")
        #expect(try w.store.status().lastCheckResult == "failed")
        #expect(try w.store.drafts(in: [.approved]).count == 1)
    }

    @Test func aFailedInboxCheckIsRecordedWithItsOwnTimeAndError() throws {
        let w = try World()
        _ = try w.approvedThankYou()
        try w.engine.tick()
        let succeeded = try #require(try w.store.status().lastCheckAt)
        w.mail.inboxDown = true
        w.clock.now += 3600
        #expect(throws: Engine.TickFailure.self) { try w.engine.tick() }
        let status = try w.store.status()
        #expect(status.lastCheckAt == w.clock.now, "the failed check's time, not the earlier success's (\(succeeded))")
        #expect(status.lastCheckResult == "failed")
        #expect(status.lastError?.contains("connection refused") == true)
        #expect(status.lastErrorAt == w.clock.now)
    }

    @Test func aFailedSendIsTheLastErrorWithItsTime() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        w.mail.nextOutcome = .notSent(.permanent, detail: "550 mailbox unavailable")
        try w.engine.tick()
        let status = try w.store.status()
        #expect(status.lastError == "draft \(draft.id) (thank_you): not sent: 550 mailbox unavailable")
        #expect(status.lastErrorAt == w.clock.now)
    }

    @Test func aStaleCheckIsRepeatedRightBeforeSending() throws {
        let w = try World()
        _ = try w.approvedThankYou()
        let before = w.mail.checks
        // The tick's first check "takes" 11 minutes; the next one is quick.
        w.mail.afterCheck = { [mail = w.mail, clock = w.clock] in
            mail.afterCheck = {}
            clock.now += 11 * 60
        }
        try w.engine.tick()
        #expect(w.mail.checks - before == 2, "the first check began more than fresh_check (10 min) before the send")
        #expect(w.mail.sent.count == 1)
    }

    @Test func anUnknownOutcomeIsNeverRetried() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        w.mail.nextOutcome = .unknown(detail: "connection dropped after the final dot")
        var report = try w.engine.tick()
        #expect(report.unknown == 1)
        w.clock.now += 3600
        report = try w.engine.tick()
        #expect(w.mail.sent.count == 1, "one attempt only")
        #expect(try w.store.draft(id: draft.id)?.state == .unknown)
    }

    @Test func aTemporaryFailureIsRetriedOnALaterTick() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        w.mail.nextOutcome = .notSent(.temporary, detail: "451 try again later")
        try w.engine.tick()
        #expect(try w.store.draft(id: draft.id)?.state == .notSentRetryable)
        w.mail.nextOutcome = .notSent(.temporary, detail: "451 try again later")
        w.clock.now += 300
        try w.engine.tick()
        #expect(w.mail.sent.count == 2, "retried after 5 minutes")
        w.clock.now += 300
        try w.engine.tick()
        #expect(w.mail.sent.count == 2, "the second retry waits 10 minutes")
        w.clock.now += 300
        try w.engine.tick()
        #expect(try w.store.draft(id: draft.id)?.state == .sent)
        #expect(w.mail.sent.count == 3)
    }

    @Test func anInterruptedSendIsSettledFromTheSentFolderAndNeverSentAgain() throws {
        for inSent in [true, false] {
            let w = try World()
            let draft = try w.approvedThankYou()
            // The daemon died after the journal said the final dot was about to go.
            _ = try w.store.beginSend(draftID: draft.id, now: w.clock.now) { _, _, _ in .send }
            try w.store.recordFinalDot(draftID: draft.id, message: [1], now: w.clock.now)
            if inSent { w.mail.sentFolder.append(Array("Message-ID: <\(draft.messageID)>\r\n\r\nx".utf8)) }
            let restarted = w.newEngine()
            try restarted.recoverInterruptedSends()
            try restarted.tick()
            #expect(try w.store.draft(id: draft.id)?.state == (inSent ? .sent : .unknown))
            #expect(w.mail.sent.isEmpty, "no second copy")
        }
    }

    @Test func aSendInterruptedBeforeTheFinalDotIsSentOnceAfterARestartWithNoUserDecision() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        _ = try w.store.beginSend(draftID: draft.id, now: w.clock.now) { _, _, _ in .send }
        let restarted = w.newEngine()
        try restarted.recoverInterruptedSends()
        #expect(try w.store.draft(id: draft.id)?.state == .notSentRetryable, "settled by the journal, not left to the user")
        // Tried again like any send refused for now: after 5 minutes, through the gate.
        w.clock.now += 300
        try restarted.tick()
        #expect(try w.store.draft(id: draft.id)?.state == .sent)
        #expect(w.mail.sent.count == 1 && w.mail.sentFolder.count == 1)
    }

    @Test func aSentCopyLostToACrashIsFiledAtTheNextTickAndNeverTwice() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        w.mail.failAppend = true
        try w.engine.tick()
        #expect(try w.store.draft(id: draft.id)?.state == .sent)
        #expect(w.mail.sentFolder.isEmpty)
        w.mail.failAppend = false
        w.clock.now += 60
        try w.engine.tick()
        #expect(w.mail.sentFolder == w.mail.sent.map(\.bytes), "filed at the next tick, the exact bytes")
        w.clock.now += 60
        try w.engine.tick()
        #expect(w.mail.sentFolder.count == 1)
    }

    @Test func aSentCopyWhoseAnswerWasLostIsFoundThereAndNotFiledTwice() throws {
        let w = try World()
        _ = try w.approvedThankYou()
        w.mail.appendAnswerLost = true
        try w.engine.tick()
        #expect(w.mail.sentFolder.count == 1)
        #expect(try w.store.pendingSentCopies().count == 1, "not known to be filed")
        w.clock.now += 60
        try w.newEngine().tick()
        #expect(w.mail.sentFolder.count == 1, "found in the Sent folder, not filed again")
        #expect(try w.store.pendingSentCopies().isEmpty)
    }

    @Test func aJournalThatCannotBeWrittenAbandonsTheSendBeforeTheFinalDot() throws {
        let w = try World()
        let draft = try w.approvedThankYou()
        // Another process settles the draft from under the send, so the journal cannot be written: the dot must not go.
        w.mail.duringBeforeFinalDot = {
            _ = try? w.store.finishSend(draftID: draft.id, outcome: .unknown(error: "test"), now: w.clock.now)
        }
        #expect(throws: Engine.TickFailure.self) { try w.engine.tick() }
        #expect(w.mail.sent.count == 1 && w.mail.delivered.isEmpty, "handed over, abandoned before the dot")
        // Settled elsewhere, the outcome it could not record does not stop the ticks after it.
        w.mail.duringBeforeFinalDot = {}
        w.clock.now += 60
        try w.engine.tick()
    }

    @Test func aReplyThatArrivedBeforeTheApplicationWasRecordedIsStillSeen() throws {
        let w = try World()
        w.clock.now = utc("2027-01-12T20:00:00Z")
        try w.engine.tick()
        // Globex answers an interview the user has not recorded yet.
        let globexInterview = utc("2027-01-11T17:00:00Z")
        w.mail.deliver(from: "kim@globex.example", subject: "Your application",
                       inReplyTo: nil, body: "Unfortunately we have decided to move forward with other candidates.",
                       at: utc("2027-01-12T21:00:00Z"))
        w.clock.now = utc("2027-01-12T22:00:00Z")
        var report = try w.engine.tick()
        #expect(report.repliesRecorded == 0, "no application matches yet")

        let globex = try w.store.addApplication(Application(
            id: 0, company: "Globex", role: "SRE", contacts: [Contact(name: "Kim Poe", email: "kim@globex.example")],
            companyDomains: ["globex.example"], timeZone: "America/Los_Angeles",
            events: [Event(id: 0, start: globexInterview, end: globexInterview + 3600)]))
        w.clock.now = utc("2027-01-12T22:05:00Z")
        report = try w.engine.tick()
        #expect(report.repliesRecorded == 1)
        let history = try #require(try w.store.history(for: globex.id))
        #expect(history.replies.map(\.replyClass) == [.rejection])
        #expect(!history.drafts.contains { $0.kind == .thankYou || $0.kind == .checkIn },
                "no follow-up to an employer who already said no")
    }

    @Test func aThankYouDueWithAnotherMessageGoesFirst() throws {
        let w = try World()
        let thankYou = try w.approvedThankYou()
        var offer = thankYou
        offer.kind = .competingOffer
        offer.subject = "Update on my application"
        offer.messageID = "offer-1@example.com"
        offer.due = thankYou.due.addingTimeInterval(-3600)
        offer = try w.store.insertDraft(offer)
        try w.store.approve(draftID: offer.id, now: w.clock.now)
        try w.engine.tick()
        #expect(w.mail.sent.count == 1)
        #expect(try w.store.draft(id: thankYou.id)?.state == .sent, "the thank-you, though the offer was due earlier")
        #expect(try w.store.draft(id: offer.id)?.state == .approved, "the offer waits for the gap")
    }

    @Test func aRejectionFiledAsJunkStopsTheCheckIn() throws {
        let w = try World()
        let thankYou = try w.approvedThankYou()
        try w.engine.tick()
        w.mail.deliver(from: "dana@acme.example", subject: "Re: " + thankYou.subject, inReplyTo: thankYou.messageID,
                       body: "Unfortunately we have decided to move forward with other candidates.",
                       at: utc("2027-01-14T18:00:00Z"), folder: "Junk")
        w.clock.now = utc("2027-01-18T20:00:00Z")        // when the check-in would be queued
        let report = try w.engine.tick()
        #expect(report.repliesRecorded == 1)
        let history = try #require(try w.store.history(for: w.app.id))
        #expect(history.replies.map(\.replyClass) == [.rejection])
        #expect(!history.drafts.contains { $0.kind == .checkIn }, "no check-in after a no, wherever it was filed")
        #expect(try w.store.bookmark(mailbox: "Junk")?.highestUID == 1, "each folder has its own bookmark")
    }

    /// Moved to another folder between ticks, or seen under two names:
    /// one reply, with or without a Message-ID.
    @Test(arguments: [true, false])
    func aMessageSeenInTwoFoldersIsRecordedOnce(withMessageID: Bool) throws {
        let w = try World(imap: #"folders = ["INBOX", "Jobs", "\\Junk"]"#)
        w.mail.folders["Jobs"] = []
        let thankYou = try w.approvedThankYou()
        try w.engine.tick()
        w.mail.deliver(from: "dana@acme.example", subject: "Re: " + thankYou.subject, inReplyTo: thankYou.messageID,
                       body: "We are still interviewing and will be in touch.", at: utc("2027-01-14T18:00:00Z"),
                       withMessageID: withMessageID)
        w.clock.now = utc("2027-01-14T19:00:00Z")
        #expect(try w.engine.tick().repliesRecorded == 1)
        // A rule (or the user) moves it: a new UID in Jobs, the same message.
        w.mail.folders["Jobs"] = [(1, utc("2027-01-14T18:00:00Z"), w.mail.inbox[0].bytes)]
        w.mail.folders["Junk"] = [(1, utc("2027-01-14T18:00:00Z"), w.mail.inbox[0].bytes)]
        w.mail.inbox = []
        w.clock.now = utc("2027-01-14T19:10:00Z")
        #expect(try w.engine.tick().repliesRecorded == 0)
        #expect(try w.store.history(for: w.app.id)?.replies.count == 1)
    }

    @Test func aFolderTheConfigNamesAndTheServerLacksFailsTheTickNamingTheLine() throws {
        let w = try World(imap: #"folders = ["INBOX", "Jobs"]"#)
        w.clock.now = utc("2027-01-12T20:00:00Z")
        #expect(!w.engine.foldersResolved)
        do {
            try w.engine.tick()
            Issue.record("the tick read an incomplete set of folders")
        } catch let failure as Engine.TickFailure {
            #expect(failure.code == .configuration)
            #expect(failure.cause == "/test/config.toml:8: imap.folders: no folder \"Jobs\" on the server; it has: INBOX, Junk, Sent")
        }
        #expect(try w.store.drafts(in: [.drafted]).isEmpty, "nothing planned on a check that did not happen")
        #expect(try w.store.status().lastCheckResult == "failed")
    }

    /// Gone after the start: each check fails (nothing is sent on a check that
    /// did not read it) until it is back, and then the ticks go on.
    @Test func aFolderThatDisappearsLaterFailsEachCheckUntilItIsBack() throws {
        let w = try World(imap: #"folders = ["INBOX", "Jobs"]"#)
        w.mail.folders["Jobs"] = []
        let thankYou = try w.approvedThankYou()
        w.mail.folders["Jobs"] = nil
        #expect(throws: Engine.TickFailure.self) { try w.engine.tick() }
        #expect(w.engine.foldersResolved, "resolved once: the daemon keeps running")
        #expect(w.mail.sent.isEmpty, "the approved thank-you waits for a whole check")
        w.mail.folders["Jobs"] = []
        #expect(try w.engine.tick().sent == 1)
        #expect(try w.store.draft(id: thankYou.id)?.state == .sent)
    }

    // MARK: Notices

    @Test func aQueuedDraftIsMailedToTheUserAloneOnceAndNeitherTheNoticeNorItsAnswerIsAReply() throws {
        let w = try World(policy: "[notify]\nmail = true")
        w.clock.now = utc("2027-01-12T20:00:00Z")
        #expect(try w.engine.tick().queued == 1)
        try #require(w.mail.sent.count == 1, "one notice mail")
        let notice = w.mail.sent[0]
        let text = String(decoding: notice.bytes, as: UTF8.self)
        #expect(notice.from == "morgan@example.com" && notice.to == ["morgan@example.com"])
        #expect(text.contains("Auto-Submitted: auto-generated") && text.contains("X-Followupd-Notice: draft-queued"))
        #expect(text.contains("Subject: followupd: Drafted: the thank-you to Dana Roe (Acme), due Wed 13 Jan"))
        #expect(text.contains("fuctl approve 1") && text.contains("Subject: Thank you"), "the draft's whole text")

        // A restart, the notice in the inbox and the user's answer to it: nothing new.
        let restarted = w.newEngine()
        w.mail.inbox.append((1, w.clock.now, notice.bytes))
        w.mail.deliver(from: "Morgan Lee <morgan@example.com>", subject: "Re: followupd: Drafted", inReplyTo: nil,
                       body: "approve\n\n> Drafted: the thank-you to Dana Roe (Acme)", at: w.clock.now + 60)
        w.clock.now += 20 * 60
        let report = try restarted.tick()
        #expect(report.repliesRecorded == 0)
        #expect(w.mail.sent.count == 1, "told once")
        #expect(try w.store.history(for: w.app.id)?.replies.isEmpty == true)
    }

    @Test func noticesThatComeWithinAQuarterHourWaitAndGoTogether() throws {
        let w = try World(policy: "[notify]\nmail = true")
        let thankYou = try w.approvedThankYou()      // the queued notice went at 20:00 on the 12th
        #expect(w.mail.sent.count == 1)
        w.clock.now = utc("2027-01-12T20:05:00Z")
        w.employerRejects(thankYou)
        w.mail.inbox[w.mail.inbox.count - 1].date = w.clock.now
        try w.engine.tick()
        #expect(w.mail.sent.count == 1, "five minutes after the last notice mail: it waits")
        w.clock.now = utc("2027-01-12T20:16:00Z")
        try w.engine.tick()
        try #require(w.mail.sent.count == 2)
        let text = String(decoding: w.mail.sent[1].bytes, as: UTF8.self)
        #expect(text.contains("Reply from dana@acme.example (Acme), a rejection"), "\(text)")
        #expect(text.contains("References: <followupd-application-\(w.app.id)@example.com>"), "threaded per application")
    }

    @Test func theCommandGetsEachNoticeOnceInItsEnvironmentAndOnStdin() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = dir + "/notice.sh", out = dir + "/notices"
        try "#!/bin/sh\nprintf '%s %s %s\\n' \"$FOLLOWUPD_EVENT\" \"$FOLLOWUPD_DRAFT\" \"$FOLLOWUPD_COMPANY\" >> \(out)\ncat >> \(out).json\necho >> \(out).json\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let w = try World(policy: "[notify]\ncommand = \"\(script)\"")
        w.clock.now = utc("2027-01-12T20:00:00Z")
        try w.engine.tick()
        w.engine.waitForNotices()
        try w.newEngine().tick()
        w.engine.waitForNotices()
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "draft-queued 1 Acme\n")
        let json = try String(contentsOfFile: out + ".json", encoding: .utf8)
        #expect(json.contains(#""kind":"draft-queued""#) && json.contains(#""draft_text":"To: Dana Roe"#), "\(json)")
    }

    /// Not a timing goal: a command that never ends must not hold the tick
    /// for its 10 s limit (a tick without it takes milliseconds here).
    @Test func aHangingCommandNeverHoldsUpTheTick() throws {
        let w = try World(policy: "[notify]\ncommand = \"sleep 600\"")
        w.clock.now = utc("2027-01-12T20:00:00Z")
        let begun = Date()
        #expect(try w.engine.tick().queued == 1)
        #expect(Date().timeIntervalSince(begun) < 5)
    }

    @Test func ourOwnMessageInTheInboxIsNotAReply() throws {
        let w = try World()
        w.clock.now = utc("2027-01-12T20:00:00Z")
        w.mail.deliver(from: "morgan@example.com", subject: "Thank you", inReplyTo: nil,
                       body: "Unfortunately I sent this to myself.", at: w.clock.now)
        let report = try w.engine.tick()
        #expect(report.repliesRecorded == 0 && report.queued == 1)
    }

    /// Outlook's update of the interview, its SEQUENCE and new time written
    /// after a long HTML description (X-ALT-DESC): past what the first fetch reads.
    static func invitation(sequence: Int, start: String, padding: Int) -> [UInt8] {
        let description = "X-ALT-DESC;FMTTYPE=text/html:" + String(repeating: "<p>Teams meeting</p>", count: padding / 20)
        let calendar = ["BEGIN:VCALENDAR", "METHOD:REQUEST", "BEGIN:VEVENT", "UID:040000008200E00074C5B7101A82E008",
                        "ORGANIZER;CN=Dana Roe:mailto:dana@acme.example", "ATTENDEE:mailto:morgan@example.com",
                        "SUMMARY:Interview", description, "SEQUENCE:\(sequence)", "DTSTART:\(start)", "DURATION:PT1H",
                        "END:VEVENT", "END:VCALENDAR"]
        // Folded at 75 octets, as RFC 5545 asks.
        let folded: [String] = calendar.map { (line: String) -> String in
            stride(from: 0, to: line.count, by: 74).map { String(line.dropFirst($0).prefix(74)) }.joined(separator: "\r\n ")
        }
        let header = "From: Dana Roe <dana@acme.example>\r\nTo: morgan@example.com\r\nSubject: Updated: Interview\r\n"
            + "Message-ID: <\(UUID().uuidString)@acme.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n"
        return Array((header + folded.joined(separator: "\r\n") + "\r\n").utf8)
    }

    @Test func anInvitationTheFirstFetchCutIsFetchedAgainWholeAndItsMoveApplied() throws {
        let w = try World()
        // Both arrive once the interview began: before it, the fake's inbox is not read for the application.
        w.clock.now = utc("2027-01-12T18:10:00Z")
        w.mail.inbox.append((1, w.clock.now, Self.invitation(sequence: 0, start: "20270112T180000Z", padding: 100)))
        try w.engine.tick()
        #expect(try w.store.history(for: w.app.id)?.application.events.first?.invitationUID == "040000008200E00074C5B7101A82E008")

        w.clock.now = utc("2027-01-12T18:20:00Z")
        w.mail.inbox.append((2, w.clock.now, Self.invitation(sequence: 1, start: "20270113T180000Z", padding: 100_000)))
        #expect(w.mail.inbox[1].bytes.count > InboxReader.textFetchBytes + 30_000)
        try w.engine.tick()
        let history = try #require(try w.store.history(for: w.app.id))
        #expect(history.application.events.first?.start == utc("2027-01-13T18:00:00Z"), "moved by the update read whole")
        #expect(history.replies.isEmpty, "the update is no reply")
    }
}

// MARK: - The world of one test

final class TestClock: @unchecked Sendable {
    var now = EngineTests.interviewStart
}

/// A permissive speller: these tests are about the tick, not proofreading.
struct AcceptingSpeller: Speller {
    func isCorrect(_ word: String) -> Bool { true }
    func suggestions(for word: String) -> [String] { [] }
}

final class FakeMail: MailSession {
    struct Sent { var bytes: [UInt8]; var from: String; var to: [String] }
    typealias Message = (uid: UInt32, date: Date, bytes: [UInt8])
    /// Every folder replies are read from, by name; the listing marks Junk `\Junk`.
    var folders: [String: [Message]] = ["INBOX": [], "Junk": []]
    var inbox: [Message] {
        get { folders["INBOX"] ?? [] }
        set { folders["INBOX"] = newValue }
    }
    var sentFolder: [[UInt8]] = []
    var sent: [Sent] = []
    var inboxDown = false
    var checks = 0
    var afterCheck: () -> Void = {}
    /// Runs inside `sentMark`, after the tick's inbox check and before the send transaction.
    var duringSentMark: () -> Void = {}
    /// Runs inside `send`, while the draft is `sending`.
    var duringSend: () -> Void = {}
    /// Changing it makes the next check scan by date, as a new UIDVALIDITY does.
    var uidValidity: UInt32 = 7
    var nextOutcome: SMTPOutcome?
    /// What passed the final dot (a refused or abandoned send is in `sent` only).
    var delivered: [[UInt8]] = []
    /// Runs inside `send` just before the journal is asked about the final dot.
    var duringBeforeFinalDot: () -> Void = {}
    var failAppend = false
    /// The APPEND is filed, but the answer is lost (as when the process dies right after it).
    var appendAnswerLost = false

    func deliver(from: String, subject: String, inReplyTo: String?, body: String, at date: Date,
                 withMessageID: Bool = true, folder: String = "INBOX") {
        var header = "From: \(from)\r\nTo: morgan@example.com\r\nSubject: \(subject)\r\n"
        let rfc5322 = DateFormatter()
        rfc5322.locale = Locale(identifier: "en_US_POSIX")
        rfc5322.timeZone = .gmt
        rfc5322.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        header += "Date: \(rfc5322.string(from: date))\r\n"
        if withMessageID { header += "Message-ID: <\(UUID().uuidString)@acme.example>\r\n" }
        if let inReplyTo { header += "In-Reply-To: <\(inReplyTo)>\r\nReferences: <\(inReplyTo)>\r\n" }
        let messages = folders[folder] ?? []
        folders[folder] = messages + [(UInt32(messages.count + 1), date, Array((header + "\r\n" + body + "\r\n").utf8))]
    }

    func listMailboxes() throws -> [ListedMailbox] {
        if inboxDown { throw TransportError(category: .connection, detail: "connection refused") }
        return folders.keys.sorted().map { ListedMailbox(name: $0, delimiter: ".", attributes: $0 == "Junk" ? ["\\Junk"] : []) }
            + [ListedMailbox(name: "Sent", delimiter: ".", attributes: ["\\Sent"])]
    }

    func checkMailbox(_ cursor: MailboxCursor, rescanSince since: () throws -> Date) throws -> CheckResult {
        if cursor.mailbox == "INBOX" { checks += 1 }
        defer { if cursor.mailbox == "INBOX" { afterCheck() } }
        if inboxDown { throw TransportError(category: .connection, detail: "connection refused") }
        let inbox = folders[cursor.mailbox] ?? []
        // A cursor without UIDVALIDITY asks for a scan by date, as IMAPClient does.
        let fresh = cursor.uidValidity == uidValidity ? inbox.filter { $0.uid > cursor.highestUID }
                                           : try { let rescanSince = try since(); return inbox.filter { $0.date >= rescanSince } }()
        let summaries = fresh.map { m -> MessageSummary in
            let text = String(decoding: m.bytes, as: UTF8.self)
            let header = text.components(separatedBy: "\r\n\r\n")[0] + "\r\n\r\n"
            return MessageSummary(uid: m.uid, internalDate: m.date, header: Array(header.utf8))
        }
        return CheckResult(cursor: MailboxCursor(mailbox: cursor.mailbox, uidValidity: uidValidity,
                                                 highestUID: inbox.last?.uid ?? cursor.highestUID),
                           messages: summaries, rescan: cursor.uidValidity == nil ? .firstCheck : cursor.uidValidity != uidValidity ? .uidValidityChanged : nil)
    }

    func fetchMessages(uids: [UInt32], in mailbox: String, maxBytes: Int) throws -> [UInt32: [UInt8]] {
        Dictionary(uniqueKeysWithValues: (folders[mailbox] ?? []).filter { uids.contains($0.uid) }.map { ($0.uid, Array($0.bytes.prefix(maxBytes))) })
    }

    func sentMark() throws -> AppendMark {
        duringSentMark()
        return AppendMark(mailbox: "Sent", uidValidity: 1, uidNext: UInt32(sentFolder.count + 1))
    }

    func send(_ message: [UInt8], from sender: String, to recipients: [String],
              beforeFinalDot: @escaping () -> Bool) -> SMTPOutcome {
        defer { nextOutcome = nil }
        sent.append(Sent(bytes: message, from: sender, to: recipients))
        // A refusal (in this fake) comes before the data phase: the dot is never reached.
        if case .notSent = nextOutcome { return nextOutcome! }
        duringBeforeFinalDot()
        guard beforeFinalDot() else { return .notSent(.temporary, detail: "abandoned before the final dot") }
        delivered.append(message)
        duringSend()
        return nextOutcome ?? .delivered
    }

    func appendToSent(_ message: [UInt8]) throws {
        if failAppend { throw TransportError(category: .connection, detail: "APPEND failed") }
        sentFolder.append(message)
        if appendAnswerLost { throw TransportError(category: .connection, detail: "connection lost after APPEND") }
    }

    func sentFolderContains(messageID: String, from mark: AppendMark?) throws -> Bool {
        sentFolder.contains { String(decoding: $0, as: UTF8.self).contains("<\(messageID)>") }
    }
}

final class World {
    let clock = TestClock()
    let mail = FakeMail()
    let store: Store
    let workspace: Workspace
    let engine: Engine
    let app: Application

    /// `policy` is extra TOML appended to the config (a `[policy]` section).
    /// `storePath`: a database file instead of one in memory.
    /// `imap`: extra keys of the `[imap]` section.
    init(policy: String = "", imap: String = "", company: String = "Acme", contact: String = "Dana Roe",
         storePath: String? = nil) throws {
        let config = try Config.parse(text: """
            [identity]
            name = "Morgan Lee"
            email = "morgan@example.com"
            timezone = "America/Los_Angeles"
            [imap]
            url = "imaps://127.0.0.1:993"
            password_command = "echo unused"
            \(imap)
            [smtp]
            url = "smtp://127.0.0.1:587"
            password_command = "echo unused"
            \(policy)
            """, path: "/test/config.toml", home: "/nonexistent")
        store = try storePath.map { try Store(path: $0) } ?? Store()
        let writer = DraftWriter(composer: try DraftComposer(templates: TemplateLoader.load()), speller: AcceptingSpeller(),
                                 sender: Sender(name: "Morgan Lee"), senderEmail: "morgan@example.com", askForFeedback: true)
        workspace = Workspace(config: config, store: store, writer: writer)
        app = try store.addApplication(Application(
            id: 0, company: company, role: "Platform Engineer",
            contacts: [Contact(name: contact, email: "dana@acme.example")], companyDomains: ["acme.example"],
            timeZone: "America/Los_Angeles", talkingPoints: ["the new billing system"],
            events: [Event(id: 0, start: EngineTests.interviewStart, end: EngineTests.interviewStart + 3600)]))
        engine = Engine(workspace: workspace, logger: Logger(label: "test"), clock: { [clock] in clock.now },
                        openSession: { [mail] _, _ in mail })
    }

    func newEngine() -> Engine {
        Engine(workspace: workspace, logger: Logger(label: "test"), clock: { [clock] in clock.now },
               openSession: { [mail] _, _ in mail })
    }

    /// Queues the thank-you, approves it, and moves the clock to when it is due.
    func approvedThankYou() throws -> Draft {
        clock.now = utc("2027-01-12T20:00:00Z")
        try engine.tick()
        let draft = try #require(try store.drafts(in: [.drafted]).first)
        try store.approve(draftID: draft.id, now: clock.now)
        clock.now = utc("2027-01-13T19:05:00Z")
        return draft
    }
    /// The employer turns the candidate down in reply to the thank-you, on 14 January.
    func employerRejects(_ thankYou: Draft) {
        mail.deliver(from: "dana@acme.example", subject: "Re: " + thankYou.subject, inReplyTo: thankYou.messageID,
                     body: "Unfortunately we have decided to move forward with other candidates.",
                     at: utc("2027-01-14T18:00:00Z"))
    }

    /// The thank-you has gone; on 15 January the employer invites to a second
    /// interview on the 26th and the user records it ahead.
    func secondInterviewRecordedAhead() throws {
        _ = try approvedThankYou()
        try engine.tick()
        let start = utc("2027-01-26T18:00:00Z")
        clock.now = utc("2027-01-15T18:00:00Z")
        try store.addEvent(Event(id: 0, start: start, end: start + 3600, recordedAt: clock.now), to: app.id)
    }
}
