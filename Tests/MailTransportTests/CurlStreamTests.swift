import CCurl
import Foundation
@testable import MailTransport
import Testing

/// The design the IMAP client rests on (FIELD-NOTES): libcurl's header callback
/// sees every server line, literals included, while its write callback sees
/// only some of them. So the client parses the header stream alone.
@Suite("libcurl's IMAP streams against Dovecot")
struct CurlStreamTests {
    @Test func theHeaderStreamCarriesEveryLineOfAFetchAndTheBodyStreamDoesNot() throws {
        guard let stack = try MailStack.required() else { return }
        let messageID = "<\(UUID().uuidString)@example.test>"
        let outcome = try stack.smtp(MailStack.candidate).send(
            rawMessage(from: MailStack.candidate, to: MailStack.hr, subject: "Streams", messageID: messageID),
            from: MailStack.candidate, to: [MailStack.hr])
        #expect(outcome == .delivered)
        let uid = try waitForDelivery(stack, user: MailStack.hr, messageID: messageID)

        let handle = try CurlHandle()
        try handle.configure(server: stack.imaps, credentials: stack.login(MailStack.hr))
        for command in ["EXAMINE INBOX", "UID FETCH \(uid) (UID BODY.PEEK[HEADER.FIELDS (Message-ID)])"] {
            try handle.set(CURLOPT_URL, stack.imaps.url(scheme: "imap"))
            try handle.set(CURLOPT_CUSTOMREQUEST, command)
            try handle.perform()
        }
        let fetched = IMAPResponseSummary(IMAPResponseParser.parse(handle.serverStream).responses).fetches
        #expect(fetched.map(\.uid) == [uid])
        #expect(fetched.first?.headerFields.map { String(decoding: $0, as: UTF8.self) } == "Message-ID: \(messageID)\r\n\r\n")
        #expect(IMAPResponseSummary(IMAPResponseParser.parse(handle.serverStream).responses).completion?.kind == "OK")
        let body = String(decoding: handle.bodyStream, as: UTF8.self)
        #expect(!body.contains(messageID), "the literal reached the write callback: the stream design must change")
    }
}
