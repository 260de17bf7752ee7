import MailTransport
import Testing

@Suite("IMAP response parser")
struct IMAPResponseParserTests {
    private func parse(_ text: String) -> [IMAPResponse] {
        let (responses, errors) = IMAPResponseParser.parse(text)
        #expect(errors.isEmpty, "\(errors)")
        return responses
    }

    @Test func literalsAreReadByTheirByteCountEvenAcrossLineBreaksAndParens() {
        let header = "Subject: (a) {3}\r\n\r\n"
        let responses = parse("* 4 FETCH (UID 17 BODY[HEADER.FIELDS (SUBJECT)] {\(header.utf8.count)}\r\n\(header))\r\nA1 OK done\r\n")
        let fetch = IMAPResponseSummary(responses).fetches.first
        #expect(fetch?.sequence == 4)
        #expect(fetch?.uid == 17)
        #expect(fetch?.headerFields == Array(header.utf8))
    }

    @Test func literal8IsALiteral() {
        let responses = parse("* 1 FETCH (UID 2 BINARY[] ~{5}\r\nab\u{0}cd)\r\n")
        #expect(IMAPResponseSummary(responses).fetches.first?.items["BINARY[]"] == .string([97, 98, 0, 99, 100]))
    }

    @Test func quotedStringsUnescapeBackslashAndQuote() {
        let responses = parse(#"* LIST () "/" "a \"b\" c\\d""# + "\r\n")
        #expect(responses == [.data(number: nil, name: "LIST", values: [.list([]), .string(Array("/".utf8)), .string(Array(#"a "b" c\d"#.utf8))])])
    }

    @Test func nilIsNotTheStringNIL() {
        let responses = parse("* NAMESPACE ((\"\" \".\")) NIL \"NIL\"\r\n")
        guard case .data(_, "NAMESPACE", let values) = responses.first else { Issue.record("\(responses)"); return }
        #expect(values[1] == .nil)
        #expect(values[2] == .string(Array("NIL".utf8)))
        #expect(values[0] == .list([.list([.string([]), .string(Array(".".utf8))])]))
    }

    @Test func unsolicitedResponsesMixedIntoAFetchAreAllKept() {
        let responses = parse("""
            * 3 EXPUNGE\r
            * 1 FETCH (FLAGS (\\Seen))\r
            * 18 EXISTS\r
            * 2 RECENT\r
            * OK [UIDVALIDITY 1436832084] UIDs valid\r
            * OK [UIDNEXT 25] Predicted next UID\r
            * 5 FETCH (UID 24 INTERNALDATE "21-Nov-2026 10:00:00 +0100")\r
            A7 OK Fetch completed.\r

            """)
        let summary = IMAPResponseSummary(responses)
        #expect(summary.exists == 18)
        #expect(summary.uidValidity == 1436832084)
        #expect(summary.uidNext == 25)
        #expect(summary.fetches.map(\.uid) == [nil, 24])
        #expect(summary.fetches.first?.flags == ["\\Seen"])
        #expect(responses.contains(.data(number: 3, name: "EXPUNGE", values: [])))
        #expect(responses.contains(.data(number: 2, name: "RECENT", values: [])))
        #expect(summary.completion == IMAPStatus(kind: "OK", text: "Fetch completed."))
    }

    @Test func responseCodesCarryTheirValues() {
        let responses = parse("* OK [PERMANENTFLAGS (\\Answered \\*)] Limited\r\nA2 OK [APPENDUID 38505 3955] APPEND completed\r\n")
        #expect(responses.first == .status(IMAPStatus(kind: "OK", code: "PERMANENTFLAGS",
                                                      codeValues: [.list([.atom("\\Answered"), .atom("\\*")])], text: "Limited")))
        #expect(responses.last == .tagged(tag: "A2", status: IMAPStatus(kind: "OK", code: "APPENDUID",
                                                                         codeValues: [.atom("38505"), .atom("3955")], text: "APPEND completed")))
    }

    @Test func statusDataGivesUIDNextAndUIDValidity() {
        let summary = IMAPResponseSummary(parse("* STATUS \"Sent\" (UIDNEXT 12 UIDVALIDITY 99)\r\n"))
        #expect(summary.uidNext == 12)
        #expect(summary.uidValidity == 99)
    }

    @Test func aMalformedLineIsReportedAndTheRestStillParsed() {
        let (responses, errors) = IMAPResponseParser.parse("* 1 FETCH (UID 1 BODY[] {999}\r\nshort)\r\n* 2 EXISTS\r\nA1 OK\r\n")
        #expect(!errors.isEmpty)
        #expect(IMAPResponseSummary(responses).exists == 2)
        #expect(IMAPResponseSummary(responses).completion?.kind == "OK")
    }

    @Test func aContinuationRequestIsRecognised() {
        #expect(parse("+ Ready for literal data\r\n") == [.continuation("Ready for literal data")])
    }

    @Test func searchResultsAreNumbers() {
        #expect(IMAPResponseSummary(parse("* SEARCH 2 84 882\r\n")).searchResults == [2, 84, 882])
    }
}
