import Foundation
import TestSupport
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
        #expect(app.events.map(\.start) == [utc("2027-01-14T15:00:00Z")])
        #expect(app.events.map(\.end) == [utc("2027-01-14T15:45:00Z")])
        #expect(app.events.first?.decisionDate == LocalDate(iso: "2027-01-20"))
    }

    @Test func namesFullOfPatternCharactersAreStoredAndShownAsTyped() throws {
        let f = try Fixture()
        defer { f.remove() }
        let company = #"A+ (B) [C]* \d{2} ^$ | ? \ Corp."#
        let r = f.run(["add", "--json", "--company", company, "--role", "Engineer [L3] (remote)?", "--contact-name", #"Dana (\w+) Reyes"#,
                       "--contact-email", "dana@acme.example", "--interview", "2027-01-14 16:00"])
        #expect(r.code == 0, "\(r.errors)")
        let object = try #require(try json(r.output) as? [String: Any])
        let id = try #require(object["id"] as? Int)
        let app = try #require(try f.workspace().store.application(id: ApplicationID(id)))
        #expect(app.company == company && app.contacts.first?.name == #"Dana (\w+) Reyes"#)
        let shown = f.run(["show", "\(app.id)"])
        #expect(shown.code == 0 && shown.output.contains(company), "\(shown.output)")
        #expect(f.run(["list"]).code == 0)
    }

    @Test(arguments: ["Acme\r\nBcc: x", "Acme\u{1b}]0;owned\u{7}", "Acme\u{9b}31m", "Acme\u{7}"])
    func controlCharactersInOneLineFieldsAreRefusedAndNeverEchoedRaw(company: String) throws {
        let f = try Fixture()
        defer { f.remove() }
        for args in [["--company", company, "--role", "Engineer", "--contact-name", "Dana"],
                     ["--company", "Acme", "--role", company, "--contact-name", "Dana"],
                     ["--company", "Acme", "--role", "Engineer", "--contact-name", company]] {
            let r = f.run(["add"] + args + ["--contact-email", "dana@acme.example", "--interview", "2027-01-14 16:00"])
            #expect(r.code == 2, "\(args): \(r.errors)")
            #expect(r.errors.contains("on one line, without control characters"))
            #expect(!r.errors.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F..<0xA0).contains($0.value) },
                    "no raw control in the error: \(r.errors.debugDescription)")
        }
        #expect(try f.workspace().store.histories().isEmpty)
    }

    @Test func storedControlCharactersAndThoseInMailAreShownVisibly() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = try f.workspace().store
        let app = try store.addApplication(Application(
            id: 0, company: "Evil\u{1b}[2JCorp", role: "Engineer\u{9b}1m", contacts: [Contact(name: "Dana\u{7}", email: "dana@acme.example")],
            companyDomains: ["acme.example"], timeZone: "America/Los_Angeles",
            events: [Event(id: 0, start: utc("2027-01-12T18:00:00Z"), end: utc("2027-01-12T19:00:00Z"))]))
        try store.recordReply(RecordedReply(id: 0, applicationID: app.id, receivedAt: utc("2027-01-13T18:00:00Z"), replyClass: .unclear,
                                            messageID: "<r@acme.example>", from: "Dana\u{1b}]0;title\u{7} <dana@acme.example>",
                                            subject: "Re: hi\u{1b}[31m"))
        for command in [["list"], ["show", "\(app.id)"]] {
            let r = f.run(command)
            #expect(r.code == 0, "\(command): \(r.errors)")
            #expect(!r.output.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) },
                    "\(command): \(r.output.debugDescription)")
            #expect(r.output.contains("Evil^[[2JCorp"), "\(command): \(r.output)")
        }
    }

    @Test(arguments: [
        (["--interview", "0999-01-12 10:00"], "between 2000 and two years from now"),
        (["--interview", "2099-01-12 10:00"], "between 2000 and two years from now"),
        (["--interview", "2027-01-12 10:00", "--duration", "100000d"], "a duration of up to a day"),
    ])
    func aMistypedYearOrDurationIsRefused(event: [String], message: String) throws {
        let f = try Fixture()
        defer { f.remove() }
        let r = f.run(["add", "--company", "Acme", "--role", "Engineer", "--contact-name", "Dana",
                       "--contact-email", "dana@acme.example"] + event)
        #expect(r.code == 2, "\(event): \(r.errors)")
        #expect(r.errors.contains(message), "\(r.errors)")
        #expect(try f.workspace().store.histories().isEmpty)
    }

    @Test func addTakesTheConfiguredZoneByDefault() throws {
        let f = try Fixture()
        defer { f.remove() }
        let r = f.run(["add", "--json", "--company", "Acme", "--role", "Engineer", "--contact-name", "Dana",
                       "--contact-email", "dana@acme.example", "--interview", "2027-01-12 10:00"])
        let id = ApplicationID(try #require((try json(r.output) as? [String: Any])?["id"] as? Int))
        let app = try #require(try f.workspace().store.application(id: id))
        #expect(app.timeZone == "America/Los_Angeles")
        #expect(app.events.first?.start == utc("2027-01-12T18:00:00Z"))
    }

    @Test func addSaysWhatIsRecordedAndTheNextStepInHumanOutput() throws {
        let f = try Fixture()
        defer { f.remove() }
        let r = f.run(["add", "--company", "Acme", "--role", "Engineer", "--contact-name", "Dana",
                       "--contact-email", "dana@acme.example", "--interview", Fixture.interview, "--duration", "1h"])
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output == """
            application 1 recorded; thank-you planned for Wed 13 Jan 11:00 (in 23 hours)
            hint: no public holidays are kept for it; if the employer is in US, fuctl update 1 --country US keeps the send window closed on them

            """)
    }

    @Test func addRefusesADecisionDateBeforeTheInterviewDay() throws {
        let f = try Fixture()
        defer { f.remove() }
        let base = ["add", "--company", "Acme", "--role", "Engineer", "--contact-name", "Dana",
                    "--contact-email", "dana@acme.example", "--interview", "2027-01-12 23:30", "--tz", "America/Los_Angeles"]
        let before = f.run(base + ["--decision-date", "2027-01-11"])
        #expect(before.code == FuctlMain.usage)
        #expect(before.errors.contains("--decision-date 2027-01-11 is before the interview day 2027-01-12"), "\(before.errors)")
        // The interview day is the local one (2027-01-13 in UTC): the same day is fine.
        #expect(f.run(base + ["--decision-date", "2027-01-12"]).code == 0)
        #expect(try f.workspace().store.applications().count == 1)
    }

    @Test func addRefusesTimeZoneAbbreviationsAndFixedOffsets() throws {
        let f = try Fixture()
        defer { f.remove() }
        let base = ["add", "--company", "Acme", "--role", "Engineer", "--contact-name", "Dana",
                    "--contact-email", "dana@acme.example", "--interview", "2027-01-12 10:00", "--tz"]
        for zone in ["EST", "CET", "GMT+1", "Etc/GMT+1", "PST8PDT"] {
            let r = f.run(base + [zone])
            #expect(r.code == FuctlMain.usage, "\(zone)")
            #expect(r.errors.contains("use an IANA name like America/New_York"), "\(zone): \(r.errors)")
        }
        #expect(try f.workspace().store.applications().isEmpty)
        for zone in ["UTC", "America/New_York"] {
            #expect(f.run(base + [zone]).code == 0, "\(zone)")
        }
    }

    @Test func addRefusesALocalTimeThatDaylightSavingSkips() throws {
        let f = try Fixture()
        defer { f.remove() }
        let r = f.run(["add", "--company", "Acme", "--role", "Engineer", "--contact-name", "Dana",
                       "--contact-email", "dana@acme.example", "--interview", "2026-03-29 02:30", "--tz", "Europe/Berlin"],
                      now: utc("2026-03-20T12:00:00Z"))
        #expect(r.code == FuctlMain.usage)
        #expect(r.errors.contains("does not exist in Europe/Berlin"), "\(r.errors)")
        #expect(try f.workspace().store.applications().isEmpty)
    }

    @Test func addSaysWhichOfARepeatedLocalTimeItUses() throws {
        let f = try Fixture()
        defer { f.remove() }
        let r = f.run(["add", "--company", "Acme", "--role", "Engineer", "--contact-name", "Dana",
                       "--contact-email", "dana@acme.example", "--interview", "2026-10-25 02:30", "--tz", "Europe/Berlin"],
                      now: utc("2026-10-20T12:00:00Z"))
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("2026-10-25 02:30 happens twice in Europe/Berlin (the clocks go back); the first is used, UTC+02:00 (2026-10-25T00:30:00Z)"), "\(r.output)")
        let app = try #require(try f.workspace().store.applications().first)
        #expect(app.events.first?.start == utc("2026-10-25T00:30:00Z"))
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
        #expect(events.last?.start == utc("2027-01-20T22:00:00Z"))
        #expect(events.last?.end == utc("2027-01-20T23:30:00Z"))
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

    @Test func aDiscardedThankYouShowsAsDiscardedNotPlanned() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let draft = try f.queueThankYou(app)
        #expect(f.run(["discard", "\(draft.id)"]).code == 0)
        let rows = try #require(try json(f.run(["list", "--json"]).output) as? [[String: Any]])
        let next = try #require(rows.first?["next_step"] as? [String: Any])
        #expect(next["kind"] as? String == "thank_you")
        #expect(next["status"] as? String == "discarded")
        #expect(f.run(["list"]).output.contains("thank-you (discarded)"))
        #expect(f.run(["show", "\(app)"]).output.contains("Next           thank-you (discarded), due"))
        // As the planner sees it: no thank-you is queued again, even when it is due.
        let ws = try f.workspace()
        let actions = Planner.plan(history: try #require(try ws.store.history(for: app)), settings: ws.settings,
                                   now: utc("2027-01-13T19:00:00Z"))
        #expect(!actions.contains { if case .queue(let q) = $0 { q.kind == .thankYou } else { false } }, "\(actions)")
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
        try f.send(thanks.id, at: utc("2027-01-13T19:00:00Z"))
        #expect(f.run(["reply", "\(app)", "--kind", "next-step"], now: utc("2027-01-14T19:00:00Z")).code == 0)
        let r = f.run(["show", "\(app)", "--json"], now: utc("2027-01-15T19:00:00Z"))
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
        let human = f.run(["show", "\(app)"], now: utc("2027-01-15T19:00:00Z"))
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

    @Test func replyAfterTheRoundWasClosedByARejectionSaysSoAndRecordsNothing() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        #expect(f.run(["reply", "\(app)", "--kind", "rejection"], now: utc("2027-01-14T19:00:00Z")).code == 0)
        let r = f.run(["reply", "\(app)", "--kind", "need-more-time"], now: utc("2027-01-15T19:00:00Z"))
        #expect(r.code == FuctlMain.failure)
        #expect(r.errors.contains("the round was already closed by a rejection (reply 1, received 2027-01-14T19:00:00Z)"), "\(r.errors)")
        #expect(!r.output.contains("follow-up becomes due"))
        #expect(try f.workspace().store.history(for: app)?.replies.count == 1)
        let closed = try f.addApplication()
        #expect(f.run(["close", "\(closed)", "--outcome", "rejected"]).code == 0)
        let after = f.run(["reply", "\(closed)", "--kind", "next-step"])
        #expect(after.code == FuctlMain.failure)
        #expect(after.errors.contains("application \(closed) is closed (rejected)"))
    }

    @Test func closeRefusesToReplaceAnOutcomeWithoutForce() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        #expect(f.run(["close", "\(app)", "--outcome", "offer"]).code == 0)
        let replace = f.run(["close", "\(app)", "--outcome", "withdrawn"])
        #expect(replace.code == FuctlMain.failure)
        #expect(replace.errors.contains("already closed (offer)"))
        #expect(try f.workspace().store.application(id: app)?.outcome == .offer)
        let same = f.run(["close", "\(app)", "--outcome", "offer"])
        #expect(same.code == 0)
        #expect(same.output.contains("already closed (offer)"))
        #expect(f.run(["close", "\(app)", "--outcome", "withdrawn", "--force"]).code == 0)
        #expect(try f.workspace().store.application(id: app)?.outcome == .withdrawn)
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
