import Foundation
import Testing
import TestSupport
import FollowUpCore
@testable import FuctlCommands

/// `fuctl event APP --move` / `--cancel`: the current round changes, and its drafts with it.
@Suite struct EventChangeTests {
    @Test func aMoveKeepsTheLengthUnlessToldAndIsKept() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let r = f.run(["event", "\(app)", "--move", "2027-01-13 14:00"])
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("drafted anew"), "\(r.output)")
        let store = try f.workspace().store
        let event = try #require(try store.history(for: app)?.application.events.last)
        #expect(event.start == utc("2027-01-13T22:00:00Z") && event.end == utc("2027-01-13T23:00:00Z"), "Los Angeles time, an hour long")
        #expect(event.movedAt == Fixture.afterInterview)
        #expect(try store.eventChanges(application: app).map(\.change).first?.hasPrefix("moved from 2027-01-12T18:00:00Z") == true)
        #expect(f.run(["event", "\(app)", "--move", "2027-01-13 15:00", "--duration", "30m"]).code == 0)
        #expect(try store.history(for: app)?.application.events.last?.end == utc("2027-01-13T23:30:00Z"))
    }

    @Test func aCancellationCancelsTheRound() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let thankYou = try f.queueThankYou(app)
        #expect(f.run(["approve", "\(thankYou.id)"]).code == 0)
        let r = f.run(["event", "\(app)", "--cancel"])
        #expect(r.code == 0 && r.output.contains("cancelled"), "\(r.errors)")
        let ws = try f.workspace()
        let history = try #require(try ws.store.history(for: app))
        #expect(Planner.plan(history: history, settings: ws.settings, now: Fixture.afterInterview) == [.cancel(thankYou.id, .eventCancelled)])
        #expect(f.run(["show", "\(app)"]).output.contains("interview cancelled"))
        #expect(f.run(["event", "\(app)", "--cancel"]).code == FuctlMain.failure, "already cancelled")
    }

    @Test func oneChangeAtATime() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        #expect(f.run(["event", "\(app)", "--cancel", "--move", "2027-01-13 14:00"]).code == FuctlMain.usage)
        #expect(f.run(["event", "\(app)", "--cancel", "--interview", "2027-01-20 10:00"]).code == FuctlMain.usage)
        let bad = f.run(["event", "\(app)", "--move", "2027-13-40 99:00"])
        #expect(bad.code == FuctlMain.usage && bad.errors.contains("--move \"2027-13-40 99:00\" is not a local time"), "\(bad.errors)")
        #expect(f.run(["event", "\(app)"]).code == FuctlMain.usage)
        // What --move does not change is refused, not ignored.
        #expect(f.run(["event", "\(app)", "--move", "2027-01-13 14:00", "--kind", "job-fair"]).errors.contains("take no --kind"))
        #expect(f.run(["event", "\(app)", "--move", "2027-01-13 14:00", "--decision-date", "2027-01-20"]).errors
                .contains("fuctl update \(app) --decision-date"))
        #expect(f.run(["event", "\(app)", "--move", "2207-01-13 14:00"]).errors.contains("check the year"))
    }

    @Test func aMoveToTheSameTimeChangesNothing() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let r = f.run(["event", "\(app)", "--move", Fixture.interview])
        #expect(r.code == 0 && r.output.contains("nothing changed"), "\(r.output)\(r.errors)")
        #expect(try f.workspace().store.history(for: app)?.application.events.first?.movedAt == nil)
    }
}
