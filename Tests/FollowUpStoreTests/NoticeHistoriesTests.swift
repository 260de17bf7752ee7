import Foundation
import TestSupport
import Testing
import FollowUpCore
@testable import FollowUpStore

/// The notices a tick records come from `noticeHistories`, not from every
/// history: the notices not yet recorded must be the same either way.
@Suite struct NoticeHistoriesTests {
    @Test func theHistoriesReadTellWhatEveryHistoryWouldTell() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = f.store
        let settings = NoticeSettings(remindBefore: 12 * 3600, alertAfter: 3600)
        func add(_ label: String, outcome: Outcome? = nil, start: Date = t0) throws -> Application {
            var app = sampleApplication()
            app.company = label
            app.events = [Event(id: 0, start: start, end: start + 3600)]
            let stored = try store.addApplication(app)
            if let outcome { try store.setOutcome(outcome, for: stored.id) }
            return stored
        }
        // Quiet ones: nothing to tell, and the most of a real store.
        for i in 0..<20 { _ = try add("quiet \(i)", outcome: i % 2 == 0 ? .rejected : nil) }
        // Something to tell, each its own way.
        _ = try draft(in: .drafted, f)
        _ = try draft(in: .unknown, f, for: try add("unknown"))
        let replied = try add("replied")
        let old = try store.recordReply(RecordedReply(id: 0, applicationID: replied.id, receivedAt: t0 + 3600, replyClass: .nextStep)).reply
        try store.beginNotices(at: t0, replyMark: old.id)
        _ = try store.recordReply(RecordedReply(id: 0, applicationID: replied.id, receivedAt: t0 + 7200, replyClass: .rejection))
        let moved = try add("moved")
        _ = try store.adoptInvitation(moved.events[0].id, uid: "uid-moved", sequence: 1, start: t0 + 86_400, end: t0 + 90_000, at: t0 + 60)
        let cancelled = try add("cancelled")
        _ = try store.adoptInvitation(cancelled.events[0].id, uid: "uid-cancelled", sequence: 1, start: t0, end: t0 + 3600, at: t0 + 60)
        _ = try store.cancelEvent(cancelled.events[0].id, uid: "uid-cancelled", sequence: 2, at: t0 + 120)
        let nextRound = try add("next round")
        let round = try store.addEvent(Event(id: 0, start: t0 + 10 * 86_400, end: t0 + 10 * 86_400 + 3600,
                                             invitationUID: "uid-round", invitationSequence: 0), to: nextRound.id)
        #expect(round.invitationUID == "uid-round")
        let told = try add("no response told", outcome: .noResponse)
        _ = try add("no response untold", outcome: .noResponse)

        let now = t0 + 86_400
        func untold(_ histories: [ApplicationHistory]) throws -> Set<String> {
            let marks = try store.noticeMarks()
            let facts = NoticeFacts(histories: histories, problems: [:], replyMark: marks.replyMark, lastGoodCheck: nil,
                                    noticesSince: marks.since ?? now, checkFailure: nil)
            let keys = NoticePlanner.notices(facts, settings: settings, now: now).map(\.key)
            return try store.noticeKeysUnknown(keys)
        }
        // One no-response round told before: its notice is on record.
        let everyKey = try untold(try store.histories())
        let toldKey = try #require(everyKey.first { $0.hasPrefix("round-ended:\(told.id):") })
        _ = try store.recordNotices(NoticePlanner.notices(NoticeFacts(histories: [try #require(try store.history(for: told.id))], problems: [:],
                                                                      replyMark: 0, lastGoodCheck: nil, noticesSince: t0, checkFailure: nil),
                                                          settings: settings, now: now).filter { $0.key == toldKey },
                                    command: false, mail: false, replyMark: old.id, now: now)

        let marks = try store.noticeMarks()
        let read = try store.noticeHistories(replyMark: marks.replyMark, since: marks.since ?? now, now: now)
        let expected = try untold(try store.histories())
        #expect(try untold(read.histories) == expected)
        #expect(expected.count >= 7, "\(expected.sorted())")
        #expect(read.histories.count < 12, "the quiet ones are not read: \(read.histories.map(\.application.company))")
        #expect(read.newestReply == (try store.histories().flatMap(\.replies).map(\.id).max() ?? 0))
    }
}
