import Foundation
import Testing

/// Ten fuctl processes and followupd started at once, on a new database and
/// then on the same one with data in it: every command succeeds, no SQLite
/// text reaches the user, and no write is lost.
extension EndToEndTests {
    @Test("ten fuctl processes and followupd at once, on a new and on a busy database: no error, no write lost")
    func tenProcessesAtOnceLoseNothing() throws {
        guard let world = try World.begin() else { return }
        let t = world.time
        var added = 0
        for round in 0..<2 {
            let at = t.at(0, round == 0 ? "12:00" : "15:00")
            let busy = round == 1 ? try world.queue(at: at).filter { $0.kind == "thank_you" } : []
            var running = [try world.startTick(at: at)]
            for i in 0..<10 {
                let arguments: [String]
                if i < busy.count, i % 2 == 1 {
                    // On the busy database, half the processes approve the thank-yous the tick queued.
                    arguments = ["approve", String(busy[i].id)]
                } else {
                    added += 1
                    arguments = ["add", "--company", "Company \(round)-\(i)", "--role", "Engineer",
                                 "--contact-name", "Dana Roe", "--contact-email", "dana\(round)-\(i)@company.example",
                                 "--interview", t.day() + " 10:00", "--duration", "1h", "--tz", Run.zone]
                }
                running.append(try Running(Paths.binary("fuctl"), [arguments[0], "--config", world.config] + arguments.dropFirst(),
                                           fakeTime: t.fake(at), environment: [:]))
            }
            let finished = running.map { $0.wait(seconds: 60) }
            for (i, done) in finished.enumerated() {
                // followupd --once fails its inbox check here only if the stack is down; fuctl must never fail.
                #expect(done.status == 0, "round \(round), process \(i): \(done.output)")
                #expect(!done.output.contains("SQLite") && !done.output.contains("database is locked"),
                        "round \(round), process \(i): \(done.output)")
            }
            let applications = try world.decode([ListedApplication].self, world.fuctl("list", ["--json"], at: at))
            #expect(applications.count == added, "round \(round): \(applications.count) applications, \(added) added")
            for d in busy.enumerated() where d.offset < 10 && d.offset % 2 == 1 {
                #expect(try world.draft(d.element.id, of: d.element.applicationId, at: at)?.state == "approved")
            }
            if round == 0 {
                // The next round finds thank-yous to approve.
                try world.tick(at: t.at(0, "14:59"))
            }
        }
    }
}

/// A row of `fuctl list --json`.
private struct ListedApplication: Decodable { var id: Int }
