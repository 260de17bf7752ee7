import Foundation
import Testing
@testable import MailMessage

@Suite struct ParserTests {
    @Test func headerOnlyBytesParse() {
        let headers = "From: =?ISO-8859-1?Q?Andr=E9?= Pirard <pirard@example.be>\r\nSubject: Re: Interview\r\n"
            + "Auto-Submitted: auto-replied\r\nIn-Reply-To: <abc@example.org>\r\n\r\n"
        let parsed = ParsedMessage(Array(headers.utf8))
        #expect(parsed.from == [MailAddress(name: "André Pirard", address: "pirard@example.be")])
        #expect(parsed.headers["auto-submitted"] == "auto-replied")
        #expect(parsed.inReplyTo == ["abc@example.org"])
        #expect(parsed.text.isEmpty)
        #expect(parsed.defects.isEmpty)
    }

    @Test func encodedWordsInManyCharsetsAreDecodedAndJoined() {
        #expect(EncodedWords.decode("=?windows-1252?Q?=93Hi=94?=") == "“Hi”")
        #expect(EncodedWords.decode("=?iso-8859-2?B?r/Oz5g==?=") == "Żółć")
        #expect(EncodedWords.decode("=?koi8-r?B?8NLJ18XU?=") == "Привет")
        // A UTF-8 character split across two words.
        #expect(EncodedWords.decode("=?utf-8?B?w6k=?= =?utf-8?B?w6k=?=") == "éé")
        #expect(EncodedWords.decode("=?utf-8?Q?a?=  \t =?utf-8?Q?b?= c") == "ab c")
    }

    @Test func rfc2231ParametersAreJoinedAndDecoded() throws {
        let type = try #require(ContentType.parse(
            "application/pdf; name*0*=utf-8''R%C3%A9sum%C3%A9; name*1=\" de Jos\"; name*2*=%C3%A9.pdf; charset=\"x\\\"y\""))
        #expect(type.parameters["name"] == "Résumé de José.pdf")
        #expect(type.parameters["charset"] == "x\"y")
        #expect(type.mimeType == "application/pdf")
    }

    @Test func parameterFoldedWithoutItsSemicolonStillBelongsToTheType() throws {
        // OpenMail's bounces: "Content-Type: text/plain" folded onto "   charset=..." without the ";".
        let type = try #require(ContentType.parse("text/plain\r\n   charset=\"iso-2022-jp\""))
        #expect(type.mimeType == "text/plain")
        #expect(type.charset == "iso-2022-jp")
        let message = ParsedMessage(Array("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n   charset=\"us-ascii\"\r\n\r\nkijitora@example.org [User unknown]\r\n--b--\r\n".utf8))
        #expect(message.text.contains("[User unknown]"))
    }

    @Test func multipartWalkFindsThePlainTextPartAndDecodesIt() {
        let message = """
        Content-Type: multipart/mixed; boundary=outer\r
        \r
        --outer\r
        Content-Type: multipart/alternative; boundary="inner"\r
        \r
        --inner\r
        Content-Type: text/html\r
        \r
        <p>html</p>\r
        --inner\r
        Content-Type: text/plain; charset=iso-8859-1\r
        Content-Transfer-Encoding: quoted-printable\r
        \r
        Gr=FC=DFe, long =\r
        line\r
        --inner--\r
        --outer--\r
        """
        let parsed = ParsedMessage(Array(message.utf8))
        #expect(parsed.text == "Grüße, long line")
        #expect(parsed.textIsFromHTML == false)
        #expect(parsed.defects.isEmpty)
    }

    @Test func htmlOnlyMessageIsReducedToText() {
        let message = """
        Content-Type: text/html; charset=utf-8\r
        Content-Transfer-Encoding: base64\r
        \r
        \(TransferEncoding.encodeBase64(Array("<html><head><style>p{}</style></head><body><p>Thanks &amp; regards,</p><div>Jos&eacute; &#233;&#x20AC;</div>Line<br>two</body></html>".utf8)))\r
        """
        let parsed = ParsedMessage(Array(message.utf8))
        #expect(parsed.textIsFromHTML)
        #expect(parsed.text == "Thanks & regards,\n\nJos&eacute; é€\nLine\ntwo")
    }

    @Test func unknownCharsetFallsBackToLatin1WithoutLoss() {
        let bytes = Array("Content-Type: text/plain; charset=x-unknown\r\n\r\n".utf8) + [0x63, 0x61, 0x66, 0xE9]
        let parsed = ParsedMessage(bytes)
        #expect(parsed.text == "café")
        #expect(parsed.defects.contains(Defect(.charsetFallback, "x-unknown")))
    }

    @Test func truncatedBodyStillGivesText() {
        let message = "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHello there, this is cut"
        let parsed = ParsedMessage(Array(message.utf8))
        #expect(parsed.text == "Hello there, this is cut")
        #expect(parsed.defects.contains(Defect(.missingClosingBoundary)))
    }

    @Test func obsoleteDatesParse() throws {
        let asctime = try #require(MailDate.parse("Tue Jul  1 10:52:37 2003"))
        #expect(asctime.components == (2003, 7, 1, 10, 52, 37))
        let named = try #require(MailDate.parse("Sun, 27 Oct 02 23:57:07 EST"))
        #expect(named.utcOffsetSeconds == -5 * 3600)
        #expect(named.components == (2002, 10, 27, 23, 57, 7))
        #expect(MailDate.parse("not a date") == nil)
    }
}
