import Foundation
import Testing
@testable import MailMessage

@Suite struct RoundTripTests {
    @Test(arguments: [
        ("Thank you for today", "José Müller"),
        ("Grüße aus München — danke für das Gespräch", "Zoë O'Brien"),
        ("面接のお礼 (thank you for the interview)", "山田 太郎"),
        (String(repeating: "A very long subject about the follow-up ", count: 5), "Plain Name"),
        (String(repeating: "Ünïcödé and a very long subject line ", count: 6), "Anne-Marie Dupré"),
        ("Subject with =?utf-8?q?lookalike?= text", "Name =?x?= lookalike"),
        ("Two  spaces  inside", "Doe, John"),
    ])
    func buildThenParseGivesTheSameValues(_ subject: String, _ name: String) throws {
        let message = sampleMessage(subject: subject, name: name, body: "Line one\nLigne deux: é\n\nEnd.\n")
        let parsed = ParsedMessage(try message.render())
        #expect(parsed.subject == subject)
        #expect(parsed.to == [MailAddress(name: name, address: "jose@company.example")])
        #expect(parsed.from == [MailAddress(name: "Ana Lima", address: "ana@example.org")])
        #expect(parsed.date?.date == message.date)
        #expect(parsed.date?.utcOffsetSeconds == 3600)
        #expect(parsed.messageID == "abc123@example.org")
        #expect(parsed.inReplyTo == ["parent@company.example"])
        #expect(parsed.references == ["root@company.example", "parent@company.example"])
        #expect(parsed.contentType.mimeType == "text/plain")
        #expect(parsed.text == "Line one\nLigne deux: é\n\nEnd.\n")
        #expect(parsed.defects.isEmpty)
    }

    @Test func longLinesSurviveQuotedPrintable() throws {
        let body = String(repeating: "é0123456789 ", count: 200) + "\n" + String(repeating: "=", count: 100) + " \n"
        let parsed = ParsedMessage(try sampleMessage(body: body).render())
        #expect(parsed.text == body)
    }
}
