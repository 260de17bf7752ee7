import Foundation
import TestSupport
import Testing
import FollowUpCore
@testable import FollowUpStore

/// `Store.planWork`: a tick plans only what changed or came due.
@Suite struct PlanningTests {
    let basis = "rules 1; test settings"

    func planned(_ store: Store, at now: Date, basis: String? = nil) throws -> Set<ApplicationID> {
        Set(try store.planWork(basis: basis ?? self.basis, now: now).histories.map(\.application.id))
    }

    /// Plans everything it is given, each with `review`.
    func planAll(_ store: Store, at now: Date, review: Date? = nil) throws {
        let work = try store.planWork(basis: basis, now: now)
        try store.recordPlans(work.histories.map { Store.PlanMark(applicationID: $0.application.id, facts: work.facts[$0.application.id]!,
                                                                   reviewAt: review) },
                              basis: work.everything ? basis : nil)
    }

    @Test func aNewApplicationIsPlannedAndThenOnlyWhenItChanges() throws {
        let f = try Fixture()
        defer { f.remove() }
        let other = try f.store.addApplication(sampleApplication())
        // A store never planned: everything, as after a change of settings.
        let first = try f.store.planWork(basis: basis, now: t0)
        #expect(first.everything)
        #expect(Set(first.histories.map(\.application.id)) == [f.app.id, other.id])
        try planAll(f.store, at: t0)
        #expect(try planned(f.store, at: t0 + 86_400 * 30).isEmpty)

        // Every part of a history counts, whoever writes it.
        try f.store.approve(draftID: f.draft.id, now: t0)
        #expect(try planned(f.store, at: t0) == [f.app.id])
        try planAll(f.store, at: t0)
        _ = try f.store.recordReply(RecordedReply(id: 0, applicationID: other.id, receivedAt: t0, replyClass: .nextStep))
        #expect(try planned(f.store, at: t0) == [other.id])
        try planAll(f.store, at: t0)
        try f.store.markUndeliverable(email: "sam@acme.example")
        #expect(try planned(f.store, at: t0) == [f.app.id, other.id])
        try planAll(f.store, at: t0)
        _ = try f.store.addEvent(Event(id: 0, start: t0 + 86_400, end: t0 + 90_000), to: other.id)
        #expect(try planned(f.store, at: t0) == [other.id])
        try planAll(f.store, at: t0)
        try f.store.setOutcome(.rejected, for: f.app.id)
        #expect(try planned(f.store, at: t0) == [f.app.id])
    }

    @Test func anApplicationComesBackAtItsReviewMoment() throws {
        let f = try Fixture()
        defer { f.remove() }
        try planAll(f.store, at: t0, review: t0 + 3600)
        #expect(try planned(f.store, at: t0 + 3599).isEmpty)
        #expect(try planned(f.store, at: t0 + 3600) == [f.app.id])
        // Without a moment (closed), only a change brings it back.
        try planAll(f.store, at: t0 + 3600, review: nil)
        #expect(try planned(f.store, at: t0 + 400 * 86_400).isEmpty)
    }

    @Test func aChangeWhilePlanningIsPlannedAgain() throws {
        let f = try Fixture()
        defer { f.remove() }
        let work = try f.store.planWork(basis: basis, now: t0)
        // fuctl approves between the tick's read and its marks.
        try f.store.approve(draftID: f.draft.id, now: t0)
        try f.store.recordPlans([Store.PlanMark(applicationID: f.app.id, facts: work.facts[f.app.id]!, reviewAt: nil)], basis: basis)
        #expect(try planned(f.store, at: t0) == [f.app.id])
    }

    @Test func otherSettingsPlanEverythingAgain() throws {
        let f = try Fixture()
        defer { f.remove() }
        try planAll(f.store, at: t0)
        #expect(try planned(f.store, at: t0).isEmpty)
        let changed = try f.store.planWork(basis: "rules 1; other settings", now: t0)
        #expect(changed.everything && changed.histories.map(\.application.id) == [f.app.id])
    }
}
