import Foundation
import Testing
import TestSupport
import FollowUpCore
@testable import FollowUpStore

/// POLICY invariant 7 at the store: a draft starts sending at most once, even
/// when several connections (as several processes would) race for it.
@Suite struct ConcurrencyTests {
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [SendStart] = []
        func add(_ r: SendStart) { lock.withLock { items.append(r) } }
        var all: [SendStart] { lock.withLock { items } }
    }

    @Test func racingConnectionsStartADraftExactlyOnce() throws {
        let f = try Fixture()
        defer { f.remove() }
        let racers = 4
        let connections = try (0..<racers).map { _ in try Store(path: f.store.path!) }
        let iterations = 150
        for i in 0..<iterations {
            let d = try f.store.approve(draftID: try f.store.insertDraft(sampleDraft(f.app)).id, now: t0)
            let results = Results()
            let ready = DispatchGroup()
            let go = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            for store in connections {
                ready.enter()
                done.enter()
                Thread.detachNewThread {
                    ready.leave()
                    go.wait()
                    // The gate reads and sleeps inside the transaction: a wide window for a race.
                    let r = (try? store.beginSend(draftID: d.id, now: t0 + Double(i)) { draft, _, _ in
                        Thread.sleep(forTimeInterval: 0.0005)
                        return draft.state == .approved ? .send : .hold("gate saw \(draft.state)")
                    }) ?? .held("error")
                    results.add(r)
                    done.leave()
                }
            }
            ready.wait()
            for _ in 0..<racers { go.signal() }
            done.wait()
            let started = results.all.filter { if case .started = $0 { true } else { false } }
            #expect(started.count == 1, "iteration \(i): \(results.all)")
            #expect(results.all.filter { $0 == .notSendable(.sending) }.count == racers - 1, "iteration \(i): \(results.all)")
        }
    }

    /// Ten openers of one new file at once (fuctl and the daemon at boot): the
    /// schema is made once, no opener fails, and no write is lost.
    @Test func connectionsOpeningANewDatabaseAtOnceMigrateItOnce() throws {
        final class Failures: @unchecked Sendable {
            private let lock = NSLock()
            private var items: [String] = []
            func add(_ e: String) { lock.withLock { items.append(e) } }
            var all: [String] { lock.withLock { items } }
        }
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for round in 0..<20 {
            let path = dir + "/round-\(round)/new.sqlite"
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: 10) { i in
                do {
                    var app = sampleApplication()
                    app.company = "Company \(i)"
                    _ = try Store(path: path).addApplication(app)
                } catch {
                    failures.add("\(error)")
                }
            }
            #expect(failures.all.isEmpty, "round \(round): \(failures.all)")
            let store = try Store(path: path)
            #expect(try store.appliedMigrations().count == Schema.migrator.migrations.count)
            #expect(try store.applications().count == 10, "round \(round): every add kept")
        }
    }

    @Test func recoveryInAnotherConnectionSeesACommittedSend() throws {
        let f = try Fixture(approved: true)
        defer { f.remove() }
        _ = try f.store.beginSend(draftID: f.draft.id, now: t0) { _, _, _ in .send }
        try f.store.recordFinalDot(draftID: f.draft.id, message: [1], now: t0)
        let other = try Store(path: f.store.path!)
        #expect(try other.recoverInterruptedSends(now: t0 + 1).unknown.map(\.id) == [f.draft.id])
        #expect(try f.store.beginSend(draftID: f.draft.id, now: t0 + 2) { _, _, _ in .send } == .notSendable(.unknown))
    }
}
