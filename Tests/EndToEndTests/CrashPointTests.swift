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
    @Test("kill -9 at every crash point of a tick with two approved drafts: nothing twice, nothing lost")
    func killAtEveryCrashPointOfASendTick() throws {
        guard let first = try World.begin() else { return }
        let points = try CrashWorld(first).tracePoints()
        #expect(points.count >= 100, "a send tick of two drafts passes \(points.count) crash points")
        var unknownAt: [String] = []
        for n in 1...points.count {
            let world = try #require(try World.begin())
            let outcome = try CrashWorld(world).crash(at: n, label: points[n - 1])
            if outcome.leftUnknown { unknownAt.append("\(n) \(points[n - 1])") }
        }
        print("measured: \(points.count) crash points in a tick of two sends; " +
              "\(unknownAt.count) left a send unknown (cut between the final dot and the answer): \(unknownAt)")
        // Only the journal's window may leave a send unknown: the points from the journal write to the dot's answer.
        #expect(unknownAt.count <= 12, "\(unknownAt)")
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

    /// The crash points the send tick passes, in order, from a run that does not crash.
    func tracePoints() throws -> [String] {
        let run = try world.startTick(at: time.at(1, "11:30"), environment: ["FOLLOWUPD_CRASH_TRACE": "1"]).wait(seconds: 60)
        try #require(run.status == 0, "the traced tick failed: \(run.output)")
        let points = run.stderr.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("crash-point ") else { return nil }
            return line.split(separator: " ", maxSplits: 2).last.map(String.init)
        }
        try expectSettled(leftUnknown: [])
        return points
    }

    struct Outcome { var leftUnknown: Bool }

    func crash(at n: Int, label: String) throws -> Outcome {
        let at = "crash point \(n) (\(label))"
        let crashed = try world.startTick(at: time.at(1, "11:30"), environment: ["FOLLOWUPD_CRASH_AT": "\(n)"]).wait(seconds: 60)
        #expect(crashed.stderr.contains("crash-point \(n) "), "\(at): the tick did not reach it: \(crashed.output)")
        // Started again: the first tick recovers; a send found not sent waits 5 minutes for its retry.
        for moment in [time.at(1, "11:40"), time.at(1, "14:00")] {
            let tick = try world.startTick(at: moment).wait(seconds: 60)
            #expect(tick.status == 0, "\(at): the tick after the restart failed: \(tick.output)")
        }
        let status = try world.status(at: time.at(1, "14:01"))
        // The README: when in doubt, resolve as sent. The next tick files its Sent copy from the journal.
        for d in status.unknownDrafts {
            try world.fuctl("resolve", [String(d.id), "--sent"], at: time.at(1, "14:02"))
        }
        if !status.unknownDrafts.isEmpty { try world.tick(at: time.at(1, "14:10")) }
        try expectSettled(leftUnknown: status.unknownDrafts.map(\.id), at)
        return Outcome(leftUnknown: !status.unknownDrafts.isEmpty)
    }

    /// Each thank-you reached its employer at most once, and exactly once
    /// unless its send was left unknown; each is `sent`, with one log line
    /// of `sent` and one copy in the Sent folder.
    private func expectSettled(leftUnknown: [Int], _ at: String = "the traced tick") throws {
        for d in drafts {
            let user = d.to
            let expected = leftUnknown.contains(d.id) ? 0 : 1
            world.stack.waitFor(1, in: user, seconds: expected == 1 ? 10 : 2)
            let copies = try world.stack.messages(user).filter { ParsedMessage($0).bareMessageID == d.messageId }.count
            #expect(copies <= 1, "\(at): draft \(d.id) reached \(user) \(copies) times")
            if expected == 1 { #expect(copies == 1, "\(at): draft \(d.id) was never delivered") }
        }
        let sentFolder = try world.stack.messages(OwnMailStack.candidate, "Sent").compactMap { ParsedMessage($0).bareMessageID }
        let log = try world.decode([LogRow].self, world.fuctl("log", ["--json"], at: time.at(1, "14:20")))
        for d in drafts {
            let state = try world.draft(d.id, of: d.applicationId, at: time.at(1, "14:21"))?.state
            #expect(state == "sent", "\(at): draft \(d.id) ended \(state ?? "missing")")
            #expect(sentFolder.filter { $0 == d.messageId }.count == 1, "\(at): Sent copies of \(d.id): \(sentFolder)")
            #expect(log.filter { $0.draft == d.id && $0.outcome == "sent" }.count <= 1, "\(at): \(log)")
        }
    }
}
