import Foundation
import MailMessage
import MailTransport
import Testing

/// What MailMessage builds survives Postfix and Dovecot: sent over SMTP,
/// fetched over IMAP, it parses back to the values it was built from.
@Suite("Built messages through Postfix and Dovecot")
struct BuiltMessageRoundTripTests {
    @Test func aBuiltMessageSurvivesARoundTripThroughPostfixAndDovecot() throws {
        guard let stack = try MailStack.required() else { return }
        let cases: [(name: String, subject: String, body: String)] = [
            ("José Müller", "Thank you for the Platform Engineer interview", "Dear José Müller,\n\nThank you.\n\nBest regards,\nZoë"),
            ("Siobhán O'Connor", "Re: Nächste Schritte — Ünïcode, and a subject long enough to be folded across more than one header line",
             ".a line starting with a dot\n" + String(repeating: "long line ", count: 120)),
        ]
        for c in cases {
            let id = try MessageIDs.make(randomBytes: (0..<16).map { _ in UInt8.random(in: 0...255) }, domain: "example.test")
            let built = OutgoingMessage(from: MailAddress(name: "Morgan Lee", address: MailStack.candidate),
                                        to: [MailAddress(name: c.name, address: MailStack.hr)],
                                        subject: c.subject, body: c.body, date: Date(timeIntervalSince1970: 1_800_000_000),
                                        timeZone: TimeZone(identifier: "Europe/Berlin")!, messageID: id,
                                        inReplyTo: "earlier@example.test", references: ["first@example.test", "earlier@example.test"])
            let bytes = try built.render()
            #expect(try stack.smtp(MailStack.candidate).send(bytes, from: MailStack.candidate, to: [MailStack.hr]) == .delivered)
            let uid = try waitForDelivery(stack, user: MailStack.hr, messageID: "<\(id)>")
            let fetched = try #require(try stack.imap(MailStack.hr).fetchPartial(.whole, uids: [uid], in: "INBOX", maxBytes: 1 << 20)[uid])
            let parsed = ParsedMessage(fetched)
            #expect(parsed.subject == c.subject)
            #expect(parsed.to.first?.name == c.name && parsed.to.first?.address == MailStack.hr)
            #expect(parsed.from.first?.address == MailStack.candidate)
            #expect(parsed.messageID == id)
            #expect(parsed.inReplyTo == ["earlier@example.test"])
            #expect(parsed.references == ["first@example.test", "earlier@example.test"])
            #expect(parsed.date?.date == Date(timeIntervalSince1970: 1_800_000_000))
            #expect(parsed.text.trimmingCharacters(in: .newlines) == c.body)
            #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        }
    }
}
