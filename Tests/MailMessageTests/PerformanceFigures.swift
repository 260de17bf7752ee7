import Foundation
import Testing
@testable import MailMessage

/// Prints timings; does not assert them (shared CI machines vary).
@Suite struct PerformanceFigures {
    func measure(_ label: String, runs: Int = 5, _ body: () -> Void) {
        let clock = ContinuousClock()
        var best = Duration.seconds(1000)
        for _ in 0..<runs { best = min(best, clock.measure(body)) }
        print("performance: \(label): best of \(runs) \(best)")
    }

    @Test func parseA64KBMessageAndAHostile1MBHeader() throws {
        let body = (0..<900).map { "Line \($0) of a reply with some text, é and more text.\r\n" }.joined()
        let message = Array(("From: José <jose@example.com>\r\nTo: ana@example.org\r\nSubject: =?utf-8?Q?R=C3=A9?=\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body).utf8.prefix(64 * 1024))
        var text = ""
        measure("64 KB message") { text = ParsedMessage(message).text }
        #expect(!text.isEmpty)
        let hostile = Array((String(repeating: "X-Junk: \(String(repeating: "z", count: 100))\r\n", count: 9_500) + "\r\n").utf8)
        #expect(hostile.count > 1_000_000)
        measure("1 MB header of 9,500 fields") { _ = ParsedMessage(hostile) }
        let oneField = Array(("Subject: " + String(repeating: "=?utf-8?Q?a?= ", count: 75_000) + "\r\n\r\n").utf8)
        measure("1 MB single Subject of encoded words") { _ = ParsedMessage(oneField) }
    }
}
