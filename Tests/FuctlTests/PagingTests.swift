import Foundation
import TestSupport
import Testing
import FollowUpCore
import FollowUpStore
@testable import FuctlCommands

/// `fuctl queue` and `list` show one page, picked by SQLite, and say how to see the next.
@Suite struct PagingTests {
    @Test func queuePagesByDueTimeAndSaysWhatIsLeft() throws {
        let f = try Fixture()
        defer { f.remove() }
        var drafts: [Draft] = []
        for i in 0..<5 { drafts.append(try f.queueThankYou(try f.addApplication(email: "dana\(i)@acme\(i).example"))) }
        let ids = drafts.sorted { ($0.due, $0.id) < ($1.due, $1.id) }.map { Int($0.id) }
        let first = try #require(try json(f.run(["queue", "--json", "--limit", "2"]).output) as? [[String: Any]])
        #expect(first.compactMap { $0["id"] as? Int } == Array(ids[0..<2]))
        let third = try #require(try json(f.run(["queue", "--json", "--limit", "2", "--page", "3"]).output) as? [[String: Any]])
        #expect(third.compactMap { $0["id"] as? Int } == [ids[4]])
        let all = try #require(try json(f.run(["queue", "--json", "--limit", "0"]).output) as? [[String: Any]])
        #expect(all.count == 5)
        #expect(f.run(["queue", "--limit", "2"]).output.contains("Rows 1–2 of 5; the next: fuctl queue --limit 2 --page 2"))
        #expect(f.run(["queue", "--limit", "2", "--page", "3"]).output.contains("Rows 5–5 of 5 (--limit 0"))
        #expect(f.run(["queue", "--page", "9"]).output.contains("Page 9 is past the last: 5 in all"))
        #expect(!f.run(["queue"]).output.contains("Rows "), "every row fits the first page")
        #expect(f.run(["queue", "--page", "0"]).code != 0)
    }

    @Test func listPagesAndKeepsToOpenApplicationsWhenAsked() throws {
        let f = try Fixture()
        defer { f.remove() }
        let apps = try (0..<4).map { try f.addApplication(email: "dana\($0)@acme\($0).example") }
        try f.workspace().store.setOutcome(.rejected, for: apps[1])
        let page = try #require(try json(f.run(["list", "--json", "--limit", "2", "--page", "2"]).output) as? [[String: Any]])
        #expect(page.compactMap { $0["id"] as? Int } == [Int(apps[2]), Int(apps[3])])
        let open = try #require(try json(f.run(["list", "--json", "--open"]).output) as? [[String: Any]])
        #expect(open.compactMap { $0["id"] as? Int } == [apps[0], apps[2], apps[3]].map { Int($0) })
        #expect(f.run(["list", "--open", "--limit", "1"]).output.contains("Rows 1–1 of 3; the next: fuctl list --open --limit 1 --page 2"))
    }

    @Test func theForecastCountsWhatWentToTheSameAddressInAnyCase() throws {
        let f = try Fixture()
        defer { f.remove() }
        let first = try f.addApplication(email: "Dana@Acme.example")
        let sent = try f.queueThankYou(first)
        try f.send(sent.id, at: utc("2027-01-13T19:00:00Z"))
        let second = try f.addApplication(email: "dana@ACME.example", extra: ["--role", "Staff Engineer"])
        let store = try f.workspace().store
        let waiting = try f.queueThankYou(second)
        #expect(try store.delivered(to: [waiting.recipientEmail]).map(\.id) == [sent.id])
        // SQLite folds ASCII only: an address with other letters reads every delivery.
        #expect(try store.delivered(to: ["dänä@acme.example"]).map(\.id) == [sent.id])
        #expect(try store.delivered(to: ["sam@acme.example"]).isEmpty)
    }
}
