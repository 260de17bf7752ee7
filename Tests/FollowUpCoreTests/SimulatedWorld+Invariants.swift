import Foundation
@testable import FollowUpCore

/// The invariants of POLICY.md, checked on each attempted send with plain
/// Foundation calendar code, not with the policy's own helpers.
extension SimulatedWorld {
    mutating func check(_ r: SendRecord, app: ApplicationHistory) {
        let d = r.draft
        let earlier = log.filter(\.delivered)
        let zone = TimeZone(identifier: app.application.timeZone)!
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let parts = cal.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: r.at)
        let minute = parts.hour! * 60 + parts.minute!
        let localDay = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
        let event = app.application.events.first { $0.id == d.round }!

        // Invariant 1: per round, 1 thank_you, max follow-ups, 1 rejection_reply (1 news).
        let sameRound = earlier.filter { $0.draft.applicationID == d.applicationID && $0.draft.round == d.round }.map(\.draft.kind) + [d.kind]
        if sameRound.filter({ $0 == .thankYou }).count > 1 { fail("inv 1: two thank-yous") }
        if sameRound.filter({ $0 == .rejectionReply }).count > 1 { fail("inv 1: two rejection_replies") }
        if sameRound.filter({ $0 == .news }).count > 1 { fail("inv 1: two news") }
        if sameRound.filter(\.isFollowUp).count > settings.maxFollowups { fail("inv 1: cap \(settings.maxFollowups) exceeded") }
        // Invariant 2: the gap, rejection_replies excepted.
        if d.kind != .rejectionReply, let last = earlier.filter({ $0.draft.applicationID == d.applicationID && $0.draft.kind != .rejectionReply }).last,
           r.at.timeIntervalSince(last.at) < settings.minGap {
            fail("inv 2: gap \(r.at.timeIntervalSince(last.at) / 3600) h")
        }
        // Invariant 3: one a day per address, across applications.
        if earlier.contains(where: { $0.draft.recipientEmail.lowercased() == d.recipientEmail.lowercased() && r.at.timeIntervalSince($0.at) < 86400 }) {
            fail("inv 3: two messages to \(d.recipientEmail) within a day")
        }
        // Invariant 4: a fresh successful inbox check.
        guard let checked = r.inboxCheck, checked <= r.at, r.at.timeIntervalSince(checked) <= settings.freshCheck else {
            return fail("inv 4: no fresh inbox check")
        }
        // Invariant 5: check-ins only after the decision date's day.
        if [.checkIn, .secondCheckIn].contains(d.kind), let decision = event.decisionDate, localDay <= decision {
            fail("inv 5: check-in on \(localDay), decision date \(decision)")
        }
        // Invariant 6: approved, and not edited since.
        if d.approvedAt == nil || approvedAtEdit[d.id] != edits[d.id, default: 0] { fail("inv 6: not approved") }
        // Invariant 7: at most once.
        if earlier.contains(where: { $0.draft.messageID == d.messageID || $0.draft.id == d.id }) { fail("inv 7: sent twice") }
        // The send window.
        if !settings.sendWindow.weekdays.contains(parts.weekday!) || minute < settings.sendWindow.opens || minute >= settings.sendWindow.closes {
            fail("outside the send window: \(parts)")
        }
        checkReplies(r, app: app, event: event, localDay: localDay)
        if d.kind != .rejectionReply, let closed = noResponseMarkedAt[d.applicationID], closed <= r.at {
            fail("sent after the application was marked no-response")
        }
    }

    /// Nothing goes out after a reply that stops it; "need more time" pushes the follow-up out.
    private mutating func checkReplies(_ r: SendRecord, app: ApplicationHistory, event: Event, localDay: LocalDate) {
        let d = r.draft
        let human = app.replies.filter { $0.receivedAt > event.start && $0.receivedAt <= r.at
            && $0.replyClass != .autoReply && $0.replyClass != .notAReply }
        if let late = human.first(where: { $0.receivedAt > d.createdAt }) {
            fail("sent after reply \(late.id) (\(late.replyClass)) that came after the draft")
        }
        if let stop = human.first(where: { $0.replyClass != .needMoreTime }),
           !(stop.replyClass == .rejection && d.kind == .rejectionReply) {
            fail("\(d.kind) sent after a \(stop.replyClass) reply")
        }
        if [.checkIn, .secondCheckIn].contains(d.kind), let asked = human.last(where: { $0.replyClass == .needMoreTime }) {
            if let until = asked.until {
                if localDay <= until { fail("follow-up on \(localDay) before the date \(until) they asked for") }
            } else if r.at.timeIntervalSince(asked.receivedAt) < 14 * 86400 - 3600 {
                fail("follow-up within 14 days of \"need more time\"")
            }
        }
        if let away = app.replies.filter({ $0.replyClass == .autoReply && $0.receivedAt > event.start && $0.receivedAt <= r.at }).compactMap(\.until).max(),
           d.kind.isFollowUp, localDay <= away {
            fail("follow-up on \(localDay) while away until \(away) (the last day away)")
        }
    }
}
