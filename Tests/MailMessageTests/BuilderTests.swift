import Foundation
import Testing
@testable import MailMessage

func sampleMessage(subject: String = "Thank you for today", name: String = "José Müller",
                   body: String = "Hello,\n\nThanks for the interview.\n") -> OutgoingMessage {
    OutgoingMessage(
        from: MailAddress(name: "Ana Lima", address: "ana@example.org"),
        to: [MailAddress(name: name, address: "jose@company.example")],
        subject: subject, body: body,
        date: Date(timeIntervalSince1970: 1_795_000_000), timeZone: TimeZone(identifier: "Europe/Berlin")!,
        messageID: "abc123@example.org", inReplyTo: "<parent@company.example>",
        references: ["root@company.example", "parent@company.example"])
}

func lines(_ bytes: [UInt8]) -> [String] {
    String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
}

@Suite struct BuilderTests {
    @Test func dateIsRFC5322WithTheZoneOffset() throws {
        let bytes = try sampleMessage().render()
        // 1_795_000_000 is 2026-11-18 11:06:40 UTC; Berlin is +0100 in November.
        #expect(lines(bytes).first == "Date: Wed, 18 Nov 2026 12:06:40 +0100")
    }

    @Test func everyLineEndsInCRLFAndNoBareLineFeedOrCarriageReturn() throws {
        let bytes = try sampleMessage(body: "a\nb\r\nc\rd").render()
        for (i, b) in bytes.enumerated() {
            if b == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D) }
            if b == 0x0D { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A) }
        }
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
    }

    @Test func headerLinesAreFoldedAt78AndBodyLinesStayWithin998() throws {
        let subject = String(repeating: "Following up on the senior engineer role ", count: 6)
        let body = String(repeating: "x", count: 3000) + "\nshort\n"
        let bytes = try sampleMessage(subject: subject, body: body).render()
        let text = String(decoding: bytes, as: UTF8.self)
        let headerPart = text.components(separatedBy: "\r\n\r\n")[0]
        for line in headerPart.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
        for line in lines(bytes) { #expect(line.utf8.count <= 998) }
        #expect(text.contains("Content-Transfer-Encoding: quoted-printable"))
    }

    @Test func asciiBodyIsSevenBitAndNonASCIIBodyIsQuotedPrintable() throws {
        let ascii = String(decoding: try sampleMessage(body: "plain\n").render(), as: UTF8.self)
        #expect(ascii.contains("Content-Transfer-Encoding: 7bit\r\n"))
        let accented = try sampleMessage(body: "Grüße\n").render()
        #expect(String(decoding: accented, as: UTF8.self).contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        #expect(accented.allSatisfy { $0 < 0x80 })
    }

    @Test func fixedHeadersArePresent() throws {
        let text = String(decoding: try sampleMessage().render(), as: UTF8.self)
        for header in ["MIME-Version: 1.0\r\n", "Content-Type: text/plain; charset=utf-8\r\n",
                       "Message-ID: <abc123@example.org>\r\n", "In-Reply-To: <parent@company.example>\r\n",
                       "References: <root@company.example> <parent@company.example>\r\n", "From: Ana Lima <ana@example.org>\r\n"] {
            #expect(text.contains(header), "missing \(header)")
        }
    }

    @Test func nonASCIIDisplayNameIsEncoded() throws {
        let text = String(decoding: try sampleMessage().render(), as: UTF8.self)
        #expect(text.contains("To: =?utf-8?b?"))
        #expect(!text.contains("José"))
    }

    @Test func displayNameWithSpecialsIsQuoted() throws {
        let text = String(decoding: try sampleMessage(name: "Doe, \"JD\" John").render(), as: UTF8.self)
        #expect(text.contains("To: \"Doe, \\\"JD\\\" John\" <jose@company.example>\r\n"))
    }

    @Test(arguments: ["Hi\r\nBcc: victim@example.com", "Hi\nthere", "Hi\rthere", "Hi\0there"])
    func controlCharactersInHeadersAreRefused(_ evil: String) {
        #expect(throws: MessageBuildError(.controlCharacter, field: "Subject")) { try sampleMessage(subject: evil).render() }
        #expect(throws: MessageBuildError(.controlCharacter, field: "To")) { try sampleMessage(name: evil).render() }
        var message = sampleMessage()
        message.inReplyTo = "<a@b>" + evil
        #expect(throws: MessageBuildError(.controlCharacter, field: "In-Reply-To")) { try message.render() }
        message = sampleMessage()
        message.to = [MailAddress(address: "x@example.com" + evil)]
        #expect(throws: MessageBuildError(.controlCharacter, field: "To")) { try message.render() }
    }

    @Test func invalidAddressesAreRefused() {
        var message = sampleMessage()
        message.to = [MailAddress(address: "not an address")]
        #expect(throws: MessageBuildError(.invalidAddress, field: "To")) { try message.render() }
        message.to = []
        #expect(throws: MessageBuildError(.noRecipients, field: "To")) { try message.render() }
    }

    @Test(arguments: [("a@b.example", true), ("first.last+tag@sub.example.org", true), ("user@localhost", true),
                      ("no-at-sign", false), ("two@@example.org", false), ("a..b@example.org", false),
                      (".a@example.org", false), ("a@-bad.example", false), ("a@exa_mple.org", false),
                      ("josé@example.org", false), ("a b@example.org", false), ("a@", false), ("@example.org", false)])
    func addressSyntaxValidation(_ address: String, _ valid: Bool) {
        #expect(MailAddress.isValid(address) == valid)
    }

    @Test func messageIDIsMadeFromTheGivenRandomnessInTheSendersDomain() throws {
        let a = try MessageIDs.make(randomBytes: Array(0..<16), domain: "Example.org")
        let b = try MessageIDs.make(randomBytes: Array(1..<17), domain: "example.org")
        #expect(a == (try MessageIDs.make(randomBytes: Array(0..<16), domain: "example.org")))
        #expect(a != b)
        #expect(a.hasSuffix("@example.org"))
        #expect(throws: MessageBuildError(.notEnoughRandomness, field: "Message-ID")) {
            try MessageIDs.make(randomBytes: [1, 2, 3], domain: "example.org")
        }
        var message = sampleMessage()
        message.messageID = a
        #expect(ParsedMessage(try message.render()).messageID == a)
    }
}
