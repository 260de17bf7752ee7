import Foundation
import Testing
import TestSupport
@testable import FollowUpCore

/// What the user is told, and when: one notice per key, from the facts alone.
@Suite struct NoticePlannerTests {
    static let start = utc("2027-01-12T09:00:00Z")   // Tue 10:00 in Berlin
    let settings = NoticeSettings(remindBefore: 3 * 3600, alertAfter: 3600)

    func app(outcome: Outcome? = nil) -> Application {
        Application(id: 4, company: "Acme", role: "SRE", contacts: [Contact(name: "Dana Roe", email: "dana@acme.example")],
                    timeZone: "Europe/Berlin", events: [Event(id: 9, start: Self.start, end: Self.start + 3600)], outcome: outcome)
    }

    func draft(_ id: DraftID, _ state: DraftState, due: Date, kind: MessageKind = .thankYou) -> Draft {
        Draft(id: id, applicationID: 4, round: 9, kind: kind, recipientName: "Dana Roe", recipientEmail: "dana@acme.example",
              subject: "Thank you", body: "Dear Dana,\n\nthank you.", due: due, messageID: "m\(id)@x", state: state,
              createdAt: Self.start)
    }

    func notices(_ history: ApplicationHistory, problems: [DraftID: [String]] = [:], replyMark: ReplyID = 0,
                 lastGood: Date? = nil, failure: String? = nil, now: Date) -> [Notice] {
        NoticePlanner.notices(NoticeFacts(histories: [history], problems: problems, replyMark: replyMark, lastGoodCheck: lastGood,
                                          noticesSince: Self.start, checkFailure: failure), settings: settings, now: now)
    }

    @Test func aQueuedDraftAsksForApprovalOrForAnEditAndCarriesItsWholeText() throws {
        let due = utc("2027-01-13T10:00:00Z")
        let history = ApplicationHistory(application: app(), drafts: [draft(1, .drafted, due: due), draft(2, .drafted, due: due + 86400 * 6, kind: .checkIn)])
        let found = notices(history, problems: [2: ["it does not name the role"]], now: utc("2027-01-12T14:00:00Z"))
        #expect(found.map(\.key) == ["queued:1:\(history.drafts[0].revision)", "queued:2:\(history.drafts[1].revision)"])
        #expect(found[0].summary == "Drafted: the thank-you to Dana Roe (Acme), due Wed 13 Jan 11:00 in Berlin; it needs your approval (fuctl approve 1).")
        #expect(found[1].summary.hasSuffix("it needs an edit first: it does not name the role (fuctl edit 2)."))
        #expect(found[0].draftText == "To: Dana Roe <dana@acme.example>\nSubject: Thank you\n\nDear Dana,\n\nthank you.")
        #expect(found[0].due == due && found[0].draftID == 1 && found[0].contact == "Dana Roe <dana@acme.example>")
    }

    @Test func aDraftDueWithinRemindBeforeAndNotApprovedIsRemindedOnce() {
        let due = utc("2027-01-13T10:00:00Z")
        let waiting = ApplicationHistory(application: app(), drafts: [draft(1, .drafted, due: due)])
        #expect(!notices(waiting, now: due - 3 * 3600 - 60).contains { $0.kind == .draftDueSoon })
        #expect(notices(waiting, now: due - 3 * 3600).filter { $0.kind == .draftDueSoon }.map(\.key)
                == ["due-soon:1:\(waiting.drafts[0].revision)"])
        let approved = ApplicationHistory(application: app(), drafts: [draft(1, .approved, due: due)])
        #expect(notices(approved, now: due - 3600).isEmpty, "approved: nothing to remind of")
    }

    @Test func onlyRepliesAboveTheMarkAreNewsAndABounceIsItsOwnKind() {
        let replies = [
            RecordedReply(id: 3, applicationID: 4, receivedAt: Self.start + 7200, replyClass: .unclear, from: "dana@acme.example"),
            RecordedReply(id: 5, applicationID: 4, receivedAt: Self.start + 9000, replyClass: .bounce, failedRecipient: "dana@acme.example"),
            RecordedReply(id: 6, applicationID: 4, receivedAt: Self.start + 9000, replyClass: .rejection, source: .phone),
        ]
        let found = notices(ApplicationHistory(application: app(), replies: replies), replyMark: 3, now: Self.start + 10_000)
        #expect(found.map(\.key) == ["reply:5"], "the phone call the user recorded is not news to them")
        #expect(found[0].kind == .bounce && found[0].summary.hasPrefix("Bounced: mail to dana@acme.example (Acme) cannot be delivered"))
        let unclear = notices(ApplicationHistory(application: app(), replies: replies), replyMark: 0, now: Self.start + 10_000)[0]
        #expect(unclear.replyClass == .unclear && unclear.summary.contains("read it and decide yourself"))
    }

    @Test func aPlatformNoticeSaysWhereToReadTheMessage() {
        let reply = RecordedReply(id: 7, applicationID: 4, receivedAt: Self.start + 7200, replyClass: .unclear,
                                  from: "messages-noreply@linkedin.com", readOn: "LinkedIn")
        let found = notices(ApplicationHistory(application: app(), replies: [reply]), now: Self.start + 10_000)
        #expect(found.map(\.summary) == ["A message for you on LinkedIn from Acme: read it there, the mail does not hold it; pending drafts will be cancelled and the round closed; read it and decide yourself."])
    }

    @Test func anUnknownSendAndARoundWithoutResponseAreTold() {
        let history = ApplicationHistory(application: app(outcome: .noResponse),
                                         drafts: [draft(1, .sent, due: Self.start), draft(2, .sent, due: Self.start, kind: .checkIn),
                                                  draft(3, .unknown, due: Self.start, kind: .secondCheckIn)])
        let found = notices(history, now: Self.start + 86400 * 30)
        #expect(found.map(\.key) == ["unknown:3", "round-ended:4:9"])
        #expect(found[0].summary.contains("fuctl resolve 3"))
        #expect(found[1].summary.hasPrefix("No response from Acme after 1 follow-up:"))
    }

    @Test func checksFailingAreToldAfterAlertAfterOncePerOutage() {
        let history = ApplicationHistory(application: app())
        let good = Self.start + 3600
        #expect(notices(history, lastGood: good, failure: "connection refused", now: good + 3599).isEmpty)
        let told = notices(history, lastGood: good, failure: "connection refused", now: good + 3600)
        #expect(told.map(\.key) == ["checks-failing:\(Int(good.timeIntervalSince1970))"])
        #expect(told[0].summary.hasSuffix("The last error: connection refused"))
        #expect(notices(history, lastGood: good, failure: "timeout", now: good + 7200).map(\.key) == told.map(\.key),
                "the same outage keeps its key")
        #expect(notices(history, lastGood: good, failure: nil, now: good + 7200).isEmpty, "a good check ends it")
    }
}

/// Issue "interviews from their invitations": what an invitation changed, and what it proposes, is told once.
extension NoticePlannerTests {
    @Test func anInterviewMovedOrCancelledByItsInvitationOrANewRoundIsTold() {
        var moved = app()
        moved.events[0].invitationUID = "int-1@acme.example"
        moved.events[0].start = Self.start + 86_400
        moved.events[0].movedAt = Self.start + 60
        let now = Self.start + 120
        let told = notices(ApplicationHistory(application: moved), now: now)
        #expect(told.map(\.key) == ["moved:9:\(Int((Self.start + 60).timeIntervalSince1970))"] && told[0].kind == .interviewChanged)
        #expect(told[0].summary.hasPrefix("Interview moved (Acme, SRE): now Wed 13 Jan 10:00 in Berlin"), "\(told[0].summary)")
        moved.events[0].movedAt = Self.start - 86_400 * 2
        #expect(notices(ApplicationHistory(application: moved), now: now).isEmpty, "before notices began: not news")
        moved.events[0].invitationUID = nil
        moved.events[0].movedAt = Self.start
        #expect(notices(ApplicationHistory(application: moved), now: now).isEmpty, "the user moved it: they know")

        var cancelled = app()
        cancelled.events[0].invitationUID = "int-1@acme.example"
        cancelled.events[0].cancelledAt = Self.start
        #expect(notices(ApplicationHistory(application: cancelled), now: now).map(\.key) == ["cancelled:9"])

        var rounds = app()
        rounds.events.append(Event(id: 12, start: Self.start + 7 * 86_400, end: Self.start + 7 * 86_400 + 3600,
                                   invitationUID: "int-2@acme.example"))
        #expect(notices(ApplicationHistory(application: rounds), now: now).map(\.key) == ["round:12"])
        #expect(notices(ApplicationHistory(application: rounds), now: Self.start + 8 * 86_400).isEmpty, "past: no longer news")
    }

    @Test func aProposalAsksToBeAcceptedOrRejectedAndAnUpdateIsToldAgain() {
        var proposal = Proposal(id: 3, uid: "screen@globex.example", sequence: 0, summary: "Phone screen", start: Self.start,
                                end: Self.start + 1800, timeZone: "Europe/Berlin", location: nil, contactName: "Sam Poe",
                                contactEmail: "sam@globex.example", company: "Globex", role: nil,
                                evidence: "it says \u{201C}phone screen\u{201D}", receivedAt: Self.start - 86_400)
        func told(_ proposals: [Proposal]) -> [Notice] {
            NoticePlanner.notices(NoticeFacts(histories: [], problems: [:], replyMark: 0, lastGoodCheck: nil, noticesSince: Self.start,
                                              checkFailure: nil, proposals: proposals), settings: settings, now: Self.start - 7200)
        }
        let first = told([proposal])
        #expect(first.map(\.key) == ["proposal:3:0"] && first[0].kind == .proposal)
        #expect(first[0].summary == "An invitation that looks like an interview (it says \u{201C}phone screen\u{201D}): \u{201C}Phone screen\u{201D} with Sam Poe <sam@globex.example> (Globex?), Tue 12 Jan 10:00 in Berlin. Nothing is followed up until you accept it: fuctl accept 3 [--role R] [--company C], or fuctl reject 3.")
        proposal.sequence = 1
        #expect(told([proposal]).map(\.key) == ["proposal:3:1"])
    }
}

