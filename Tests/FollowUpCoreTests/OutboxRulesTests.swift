import Foundation
import Testing
@testable import FollowUpCore
import TestSupport

/// The outbox's rules by value: what the daemon's dispatcher and fuctl both call.
@Suite struct OutboxRulesTests {
    let zone = "Europe/Berlin"

    @Test func aThankYouDueWithAnotherMessageGoesFirstThenByDueAndID() {
        var h = history(zone: zone, start: "2027-01-11 10:00", end: "2027-01-11 11:00")
        let t = at("2027-01-13 10:00", zone)
        let checkIn = h.approved(.checkIn, due: t - 7200, createdAt: t - 9000)
        let news = h.approved(.news, due: t - 7200, createdAt: t - 9000)
        let thanks = h.approved(.thankYou, due: t - 60, createdAt: t - 9000)
        h.approved(.competingOffer, due: t + 60, createdAt: t - 9000)
        let drafted = h.approved(.news, due: t - 60, createdAt: t - 9000)
        h.drafts[h.drafts.count - 1].state = .drafted
        let order = SendQueue.order(h.drafts, now: t)
        #expect(order.map(\.id) == [thanks.id, checkIn.id, news.id], "not yet due, and not approved, stay")
        #expect(!order.contains { $0.id == drafted.id })
    }

    @Test func retriesWaitFiveMinutesThenTwiceAsLongUpToSixHours() {
        let table = (1...10).map { SendQueue.retryDelay(afterFailures: $0) / 60 }
        #expect(table == [5, 10, 20, 40, 80, 160, 320, 360, 360, 360])
        #expect(SendQueue.retryDelay(afterFailures: 1_000) == 6 * 3600)
    }

    @Test func theRetryWaitCountsOnlyTheTrailingTemporaryRefusals() {
        let t = utc("2027-01-13T10:00:00Z")
        func attempt(_ minutes: Double, _ outcome: SendAttempt.Outcome) -> SendAttempt {
            SendAttempt(at: t + minutes * 60, outcome: outcome, messageID: "m@x.example")
        }
        #expect(SendQueue.retryAt(after: []) == nil)
        #expect(SendQueue.retryAt(after: [attempt(0, .notSentRetryable)]) == t + 5 * 60)
        #expect(SendQueue.retryAt(after: [attempt(0, .notSentRetryable), attempt(5, .notSentRetryable)]) == t + 15 * 60)
        // An interruption in between starts the count again.
        #expect(SendQueue.retryAt(after: [attempt(0, .notSentRetryable), attempt(5, .interrupted),
                                          attempt(9, .notSentRetryable)]) == t + 14 * 60)
        #expect(SendQueue.retryAt(after: [attempt(0, .notSentRetryable), attempt(5, .sent)]) == nil)
    }

    @Test(arguments: [
        (SendAttemptOutcome.sent, DraftState.sent, SendAttempt.Outcome.sent, "sent"),
        (.notSentRetryable(error: "451"), .notSentRetryable, .notSentRetryable, "not-sent"),
        (.notSentPermanent(error: "550"), .notSentPermanent, .notSentPermanent, "not-sent"),
        (.unknown(error: "timeout after the dot"), .unknown, .unknown, "unknown"),
    ])
    func anAttemptsOutcomeSetsTheDraftsState(outcome: SendAttemptOutcome, state: DraftState,
                                             recorded: SendAttempt.Outcome, verdict: String) {
        #expect(outcome.draftState == state)
        #expect(outcome.recorded == recorded)
        #expect(recorded.verdict == verdict)
        #expect(recorded.rawValue == state.rawValue, "the database keeps the state's own words")
        #expect(outcome.draftState.mayHaveBeenDelivered == (verdict != "not-sent"))
    }

    @Test func theForecastWaitsOutTheGapAndTheWindow() {
        var h = history(zone: zone, start: "2027-01-11 10:00", end: "2027-01-11 11:00")
        let sent = at("2027-01-12 16:30", zone)
        h.send(.thankYou, at: sent)
        var checkIn = h.approved(.checkIn, due: at("2027-01-15 09:00", zone), createdAt: sent)
        checkIn.state = .drafted
        checkIn.approvedAt = nil
        let forecast = SendForecast.of(checkIn, history: h, delivered: Deliveries(h.drafts),
                                       settings: settings, now: at("2027-01-13 12:00", zone))
        // The draft says the 15th, but the gap runs to 16:30 that day and the
        // timeline's check-in is a week after the interview: Monday the 18th, 11:00.
        #expect(forecast == .at(at("2027-01-18 11:00", zone)))
    }

    @Test func theForecastNamesWhatHoldsADraft() {
        var h = history(zone: zone, start: "2027-01-11 10:00", end: "2027-01-11 11:00")
        let draft = h.approved(.checkIn, due: at("2027-01-18 10:00", zone), createdAt: at("2027-01-12 10:00", zone))
        h.reply(.rejection, at: at("2027-01-13 10:00", zone))
        let forecast = SendForecast.of(draft, history: h, delivered: Deliveries([]), settings: settings, now: at("2027-01-14 10:00", zone))
        guard case .held(let refusals) = forecast else { return #expect(Bool(false), "\(forecast)") }
        #expect(refusals.allSatisfy { $0.waitsUntil == nil })
    }

    @Test func theSettledDraftIsThePlannersOwnReading() throws {
        var h = history(zone: zone, start: "2027-01-11 10:00", end: "2027-01-11 11:00")
        let now = at("2027-01-12 08:00", zone)
        var discarded = h.approved(.thankYou, due: at("2027-01-12 11:00", zone), createdAt: at("2027-01-11 12:00", zone))
        discarded.state = .discarded
        h.drafts[0] = discarded
        #expect(Timeline.settledDraft(of: .thankYou, history: h, settings: settings, now: now)?.id == discarded.id)
        // Refused for good, it no longer stands for its step: the planner drafts it again.
        h.drafts[0].state = .notSentPermanent
        #expect(Timeline.settledDraft(of: .thankYou, history: h, settings: settings, now: now) == nil)
        #expect(Planner.plan(history: h, settings: settings, now: now).contains {
            if case .queue(let q) = $0 { q.kind == .thankYou } else { false }
        })
    }

    @Test func aRejectionBeforeARoundRecordedAheadCountsForTheSettledDraft() throws {
        // The round is recorded a week ahead; the rejection comes before it starts.
        var h = history(zone: zone, start: "2027-01-20 10:00", end: "2027-01-20 11:00")
        h.application.events[0].recordedAt = at("2027-01-12 09:00", zone)
        var discarded = h.approved(.thankYou, due: at("2027-01-21 11:00", zone), createdAt: at("2027-01-12 10:00", zone))
        discarded.state = .discarded
        h.drafts[0] = discarded
        h.reply(.rejection, at: at("2027-01-14 10:00", zone))
        // A draft made before the rejection no longer stands for anything (fuctl's old copy missed this).
        #expect(Timeline.settledDraft(of: .thankYou, history: h, settings: settings, now: at("2027-01-15 10:00", zone)) == nil)
    }

    @Test func oneEventWithAMistypedYearCannotSendTheScanBackCenturies() {
        let now = utc("2027-02-01T00:00:00Z")
        let typo = history(zone: zone, start: "0999-01-11 10:00", end: "0999-01-11 11:00")
        #expect(InboxWindow.rescanStart([typo.application], now: now) == now - InboxWindow.longestLookback)
        #expect(InboxWindow.backfillStart([typo.application], eventsSeen: 0, now: now) == now - InboxWindow.longestLookback)
    }

    @Test func theInboxIsReadFromTheEarliestOpenRoundOrAMonthBack() {
        let now = utc("2027-02-01T00:00:00Z")
        var open = history(zone: zone, start: "2027-01-11 10:00", end: "2027-01-11 11:00")
        var closed = history(zone: zone, start: "2027-01-02 10:00", end: "2027-01-02 11:00")
        closed.application.id = 2
        closed.application.events[0].id = 11
        closed.application.events[0].revision = 11
        closed.application.outcome = .rejected
        #expect(InboxWindow.rescanStart([open.application, closed.application], now: now) == at("2027-01-11 10:00", zone))
        #expect(InboxWindow.rescanStart([closed.application], now: now) == now - 30 * 86400)
        open.application.events[0].recordedAt = at("2027-01-05 10:00", zone)
        #expect(InboxWindow.rescanStart([open.application], now: now) == at("2027-01-05 10:00", zone))
        #expect(InboxWindow.backfillStart([open.application, closed.application], eventsSeen: 10, now: now) == nil)
        #expect(InboxWindow.backfillStart([open.application, closed.application], eventsSeen: 9, now: now) == at("2027-01-11 10:00", zone))
        #expect(InboxWindow.backfillStart([open.application], eventsSeen: 9, now: at("2027-01-10 10:00", zone)) == nil, "not begun yet")
    }
}

/// fuctl's "SENDS" column is `SendForecast`; the daemon sends when `Gate.check`
/// says so. Over random worlds they must agree: at the forecast moment the gate
/// sends, and at every moment before it the gate refuses.
@Suite struct ForecastAgreesWithTheGateTests {
    static let worlds = Int(ProcessInfo.processInfo.environment["FOLLOWUP_FORECAST_WORLDS"] ?? "") ?? 1_000

    @Test func theForecastIsTheGatesDecision() {
        var seeds = SplitMix64(seed: 0xF0_2EC4_57)
        var counts = Counts()
        for _ in 0..<Self.worlds {
            let seed = seeds.next()
            var world = SimulatedWorld(seed: seed, tracing: false)
            world.newEvent()
            var rng = SplitMix64(seed: seed ^ 0xABCD)
            // Looked at every few steps of the world's life, not only at its end.
            for step in 0..<60 where world.violation == nil {
                world.step()
                guard step % 6 == 5 else { continue }
                if let problem = Self.disagreement(in: world, rng: &rng, counts: &counts) {
                    Issue.record("seed \(seed), step \(step): \(problem)")
                    return
                }
            }
        }
        print("forecast: \(Self.worlds) worlds, \(counts.forecasts) forecasts (\(counts.sends) with a moment), \(counts.moments) earlier moments probed")
        #expect(counts.forecasts >= Self.worlds, "the worlds must have pending drafts, or this proves nothing")
        #expect(counts.sends >= Self.worlds / 2)
    }

    struct Counts { var forecasts = 0, moments = 0, sends = 0 }

    /// Every pending draft's forecast against the gate, or what disagrees.
    static func disagreement(in world: SimulatedWorld, rng: inout SplitMix64, counts: inout Counts) -> String? {
        let all = world.apps.flatMap(\.drafts).filter(\.state.mayHaveBeenDelivered)
        let delivered = Deliveries(all)
        for history in world.apps {
            for draft in history.drafts where draft.state.isPending {
                counts.forecasts += 1
                let forecast = SendForecast.of(draft, history: history, delivered: delivered,
                                               settings: world.settings, now: world.now)
                var approved = draft
                if approved.state == .drafted { approved.state = .approved }
                approved.approvedAt = approved.approvedAt ?? world.now
                let address = draft.recipientEmail.lowercased()
                let same = all.filter { $0.id != draft.id && $0.recipientEmail.lowercased() == address }
                func gate(_ t: Date) -> GateDecision {
                    Gate.check(draft: approved, history: history, sendsToSameAddress: same,
                               lastInboxCheck: t, now: t, settings: world.settings)
                }
                switch forecast {
                case .at(let t):
                    counts.sends += 1
                    guard t >= world.now, gate(t) == .send else { return "forecast \(t) but the gate says \(gate(t))" }
                    // Moments before it, the last second included: the gate refuses each.
                    let span = t.timeIntervalSince(world.now)
                    guard span > 0 else { continue }
                    for m in [t - 1] + (0..<4).map({ _ in world.now + Double.random(in: 0..<span, using: &rng) }) where m >= world.now {
                        counts.moments += 1
                        if gate(m) == .send { return "the gate sends at \(m), before the forecast \(t)" }
                    }
                case .held(let refusals):
                    counts.moments += 1
                    if gate(world.now) == .send || refusals.isEmpty { return "held by \(refusals) but the gate sends now" }
                }
            }
        }
        return nil
    }
}
