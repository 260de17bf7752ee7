import Foundation
import MailMessage
import Testing

/// POLICY invariants 3 and 7 at every moment of a send tick: the daemon (a
/// test build) kills itself with SIGKILL at the N-th crash point
/// (`FOLLOWUPD_CRASH_AT`: each database write and commit, each server line,
/// each piece of a message handed to libcurl), for every N the tick has.
/// Then it is started again, settled as the README says (an unknown send is
/// resolved as sent), and the mailboxes are read: no message twice, every
/// approved draft delivered unless it was cut between the final dot and the
/// server's answer, and every sent message filed once in the Sent folder.
extension EndToEndTests {
    @Test("kill -9 at every crash point of a send tick, and of the ticks that recover from one: nothing twice, nothing lost")
    func killAtEveryCrashPointOfASendTick() throws {
        guard let first = try World.begin() else { return }
        let time = first.time
        // A: the tick that sends both drafts.
        let sending = try CrashWorld(first).trace(prepared: [], looped: time.at(1, "11:30"))
        let firstPiece = try #require(sending.firstIndex(of: "message bytes handed to libcurl"), "\(sending)")
        // The journal's write for the first draft comes two points before its last piece; its
        // outcome's commit three points after (the server's answer, the write, the commit).
        let beforeJournal = firstPiece - 1, afterFirstOutcome = firstPiece + 5
        #expect(sending[beforeJournal - 1] == "database write" && sending[afterFirstOutcome - 2] == "database committed",
                "the journal and the outcome are where this test expects them: \(sending)")
        let scenarios: [(name: String, prepared: [(Date, Int?)], looped: Date)] = [
            ("the tick that sends both drafts", [], time.at(1, "11:30")),
            // B: the first draft sent and recorded, its Sent copy not filed, the second not started.
            ("the restart after the first send was recorded", [(time.at(1, "11:30"), afterFirstOutcome)], time.at(1, "11:40")),
            // C: the first draft cut before its journal (not sent), the second sent at the restart; the retry.
            ("the retry of a send cut before its final dot",
             [(time.at(1, "11:30"), beforeJournal), (time.at(1, "11:40"), nil)], time.at(1, "11:50")),
        ]
        var total = 0
        for scenario in scenarios {
            let world = try #require(try World.begin())
            let points = try CrashWorld(world).trace(prepared: scenario.prepared, looped: scenario.looped)
            var unknownAt: [String] = []
            for n in 1...points.count {
                let world = try #require(try World.begin())
                let outcome = try CrashWorld(world).crash(prepared: scenario.prepared, looped: scenario.looped,
                                                          at: n, label: points[n - 1])
                if outcome.leftUnknown { unknownAt.append("\(n) \(points[n - 1])") }
            }
            total += points.count
            print("measured: \(scenario.name): \(points.count) crash points; \(unknownAt.count) left a send unknown " +
                  "(cut between the journal and the server's answer): \(unknownAt)")
            // Only the journal's window may leave a send unknown: 4 points per send.
            #expect(unknownAt.count <= 8, "\(scenario.name): \(unknownAt)")
        }
        print("measured: \(total) crash points in all")
        #expect(total >= 200, "every point of three ticks: \(total)")
    }
}

/// One world of the crash-point test: two applications (hr and recruiter),
/// each with an approved thank-you due the next morning.
private struct CrashWorld {
    let world: World
    let drafts: [DraftInfo]
    var time: Timeline { world.time }

    init(_ world: World) throws {
        self.world = world
        _ = try world.addApplication()
        try world.fuctl("add", [
            "--json", "--company", "Initech", "--role", "SRE", "--contact-name", "Kim Park",
            "--contact-email", OwnMailStack.recruiter, "--interview", world.time.day() + " 09:00", "--duration", "1h",
            "--tz", Run.zone, "--talking-point", "the on-call rotation and its runbooks",
        ], at: world.time.at(0, "12:00"))
        try world.tick(at: world.time.at(0, "15:00"))
        drafts = try world.queue(at: world.time.at(0, "15:01")).filter { $0.kind == "thank_you" }
        try #require(drafts.count == 2, "two thank-yous drafted")
        for d in drafts { try world.approve(d.id, at: world.time.at(0, "15:02")) }
    }

    /// Runs the `prepared` ticks (each killed at its crash point, if any).
    private func prepare(_ prepared: [(Date, Int?)]) throws {
        for (moment, point) in prepared {
            let run = try world.startTick(at: moment, environment: point.map { ["FOLLOWUPD_CRASH_AT": "\($0)"] } ?? [:])
                .wait(seconds: 60)
            if point == nil { #expect(run.status == 0, "a preparing tick failed: \(run.output)") }
        }
    }

    /// The crash points the `looped` tick passes, in order, from a run that does not crash.
    func trace(prepared: [(Date, Int?)], looped: Date) throws -> [String] {
        try prepare(prepared)
        let run = try world.startTick(at: looped, environment: ["FOLLOWUPD_CRASH_TRACE": "1"]).wait(seconds: 60)
        try #require(run.status == 0, "the traced tick failed: \(run.output)")
        let points = run.stderr.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("crash-point ") else { return nil }
            return line.split(separator: " ", maxSplits: 2).last.map(String.init)
        }
        try settle("the traced tick")
        return points
    }

    struct Outcome { var leftUnknown: Bool }

    func crash(prepared: [(Date, Int?)], looped: Date, at n: Int, label: String) throws -> Outcome {
        let at = "crash point \(n) (\(label)) at \(looped)"
        try prepare(prepared)
        let crashed = try world.startTick(at: looped, environment: ["FOLLOWUPD_CRASH_AT": "\(n)"]).wait(seconds: 60)
        #expect(crashed.stderr.contains("crash-point \(n) "), "\(at): the tick did not reach it: \(crashed.output)")
        return Outcome(leftUnknown: try settle(at))
    }

    /// Started again for two ticks (a send found not sent is retried after
    /// 5 minutes), then settled as the README says: an unknown send is
    /// resolved as sent, and the next tick files its Sent copy from the
    /// journal. True when a send was left unknown.
    @discardableResult
    private func settle(_ at: String) throws -> Bool {
        for moment in [time.at(1, "14:00"), time.at(1, "16:00")] {
            let tick = try world.startTick(at: moment).wait(seconds: 60)
            #expect(tick.status == 0, "\(at): the tick after the restart failed: \(tick.output)")
        }
        let status = try world.status(at: time.at(1, "16:01"))
        for d in status.unknownDrafts {
            try world.fuctl("resolve", [String(d.id), "--sent"], at: time.at(1, "16:02"))
        }
        if !status.unknownDrafts.isEmpty { try world.tick(at: time.at(1, "16:10")) }
        try expectSettled(leftUnknown: status.unknownDrafts.map(\.id), at)
        return !status.unknownDrafts.isEmpty
    }

    /// Each thank-you reached its employer at most once, and exactly once
    /// unless its send was left unknown; each is `sent`, with one log line
    /// of `sent` and one copy in the Sent folder.
    private func expectSettled(leftUnknown: [Int], _ at: String) throws {
        for d in drafts {
            let user = d.to
            let expected = leftUnknown.contains(d.id) ? 0 : 1
            world.stack.waitFor(1, in: user, seconds: expected == 1 ? 10 : 2)
            let copies = try world.stack.messages(user).filter { ParsedMessage($0).bareMessageID == d.messageId }.count
            #expect(copies <= 1, "\(at): draft \(d.id) reached \(user) \(copies) times")
            if expected == 1 { #expect(copies == 1, "\(at): draft \(d.id) was never delivered") }
        }
        let sentFolder = try world.stack.messages(OwnMailStack.candidate, "Sent").compactMap { ParsedMessage($0).bareMessageID }
        let log = try world.decode([LogRow].self, world.fuctl("log", ["--json"], at: time.at(1, "16:20")))
        for d in drafts {
            let state = try world.draft(d.id, of: d.applicationId, at: time.at(1, "16:21"))?.state
            #expect(state == "sent", "\(at): draft \(d.id) ended \(state ?? "missing")")
            #expect(sentFolder.filter { $0 == d.messageId }.count == 1, "\(at): Sent copies of \(d.id): \(sentFolder)")
            #expect(log.filter { $0.draft == d.id && $0.outcome == "sent" }.count <= 1, "\(at): \(log)")
        }
    }
}
