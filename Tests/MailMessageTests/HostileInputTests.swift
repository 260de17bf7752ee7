import Foundation
import Testing
@testable import MailMessage

/// Hostile input costs bounded work and never crashes; limits show up as defects.
@Suite struct HostileInputTests {
    @Test func hugeFieldIsTruncated() {
        let bytes = Array(("X-Big: " + String(repeating: "a", count: 100_000) + "\r\nSubject: after\r\n\r\nbody").utf8)
        let parsed = ParsedMessage(bytes)
        #expect(parsed.headers.fields.first.map { $0.rawValue.utf8.count <= ParseLimits.standard.maxFieldBytes } == true)
        #expect(parsed.subject == "after")
        #expect(parsed.defects.contains(Defect(.headerFieldTooLarge)))
    }

    @Test func hugeHeaderIsBounded() {
        let bytes = Array(("Subject: first\r\nX-Big: " + String(repeating: "a", count: 2_000_000) + "\r\n\r\nbody").utf8)
        let parsed = ParsedMessage(bytes)
        #expect(parsed.subject == "first")
        #expect(parsed.text == "body")
        #expect(parsed.defects.contains(Defect(.headerTooLarge)))
    }

    @Test func thousandsOfHeaderFieldsAreCapped() {
        let bytes = Array((String(repeating: "X-A: b\r\n", count: 50_000) + "\r\n").utf8)
        let parsed = ParsedMessage(bytes)
        #expect(parsed.headers.fields.count <= ParseLimits.standard.maxHeaderFields)
        #expect(!parsed.defects.isEmpty)
    }

    @Test func thousandNestedPartsStopAtTheDepthLimit() {
        var message = "Content-Type: multipart/mixed; boundary=b0\r\n\r\n"
        for depth in 1...1000 { message += "--b\(depth - 1)\r\nContent-Type: multipart/mixed; boundary=b\(depth)\r\n\r\n" }
        message += "--b1000\r\nContent-Type: text/plain\r\n\r\ndeep\r\n"
        let parsed = ParsedMessage(Array(message.utf8))
        #expect(parsed.defects.contains(Defect(.partsTooDeep)))
        #expect(parsed.text.isEmpty)
    }

    @Test func manySiblingPartsAreCapped() {
        let message = "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + String(repeating: "--b\r\n\r\nx\r\n", count: 5000) + "--b--\r\n"
        let parsed = ParsedMessage(Array(message.utf8))
        #expect(parsed.defects.contains(Defect(.tooManyParts)))
    }

    @Test func missingBoundaryAndInvalidUTF8AreDefectsNotCrashes() {
        let noBoundary = ParsedMessage(Array("Content-Type: multipart/mixed\r\n\r\n--x\r\nhello\r\n".utf8))
        #expect(noBoundary.defects.contains(Defect(.missingBoundary, "multipart/mixed")))
        let invalid: [UInt8] = Array("Subject: ".utf8) + [0xFF, 0xFE, 0xC3] + Array("\r\nFrom: \"\u{1}<\r\n\r\n".utf8) + [0xC3, 0x28]
        let parsed = ParsedMessage(invalid)
        #expect(parsed.subject == "ÿþÃ")
        #expect(parsed.text == "Ã(")
    }

    @Test(arguments: 0..<200)
    func truncationsAndGarbageNeverCrash(_ seed: Int) {
        // Deterministic junk: prefixes of a real-looking message with bytes flipped.
        let base = Array(("Content-Type: multipart/report; report-type=delivery-status; boundary=\"q\"\r\nSubject: =?utf-8?B?w6k=?=\r\n\r\n"
            + "--q\r\nContent-Type: message/delivery-status\r\nContent-Transfer-Encoding: base64\r\n\r\nRmluYWwtUmVjaXBpZW50OiByZmM4MjI7IGFAYg==\r\n--q--\r\n").utf8)
        var state = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
        var bytes = Array(base.prefix(seed * base.count / 200 + 1))
        for _ in 0..<(seed % 7) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            if !bytes.isEmpty { bytes[Int(state >> 33) % bytes.count] = UInt8(truncatingIfNeeded: state >> 17) }
        }
        _ = ParsedMessage(bytes)
    }
}
