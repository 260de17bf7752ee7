import MailTransport
import Testing

@Suite("Envelope addresses are checked before libcurl")
struct EnvelopeAddressTests {
    @Test(arguments: [
        "hr@employer.test>\r\nRCPT TO:<boss@employer.test",
        "hr@employer.test\nRCPT TO:<x@y>",
        "hr@employer.test\r",
        "hr@employer.test\u{0}",
        "<hr@employer.test>",
        "hr @employer.test",
        "hr@employer.test\t",
        "hremployer.test",
        "hr@@employer.test",
        "hr@x@employer.test",
        "@employer.test",
        "hr@",
        "",
        "jürgen@employer.test",
    ])
    func anInjectedOrMalformedAddressIsRefused(_ address: String) {
        #expect(throws: TransportError.self) { try EnvelopeAddress(address) }
    }

    @Test func nonASCIIIsAcceptedOnlyWithSMTPUTF8() throws {
        #expect(try EnvelopeAddress("jürgen@employer.test", smtpUTF8: true).address == "jürgen@employer.test")
        #expect(throws: TransportError.self) { try EnvelopeAddress("jürgen\r\n@employer.test", smtpUTF8: true) }
    }

    @Test func anOrdinaryAddressIsAccepted() throws {
        #expect(try EnvelopeAddress("first.last+tag@sub.employer.test").address == "first.last+tag@sub.employer.test")
    }

    @Test func anInjectionAttemptNeverReachesTheServer() throws {
        guard let stack = try MailStack.required() else { return }
        let message = rawMessage(from: MailStack.candidate, to: MailStack.hr, subject: "Injected")
        let outcome = try stack.smtp(MailStack.candidate).send(
            message, from: MailStack.candidate, to: ["hr@employer.test>\r\nRCPT TO:<recruiter@employer.test"])
        guard case .notSent(.permanent, let detail) = outcome else {
            Issue.record("expected a permanent refusal, got \(outcome)")
            return
        }
        #expect(detail.contains("invalid-input"))
    }
}
