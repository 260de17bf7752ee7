import Foundation
import MailTransport
import Testing

@Suite("Sent copy against Dovecot")
struct SentCopyTests {
    @Test func anAppendedCopyIsFoundByMessageIDAndStoredByteForByteAndSeen() throws {
        guard let stack = try MailStack.required() else { return }
        let imap = try stack.imap(MailStack.candidate)
        let messageID = "<\(UUID().uuidString)@example.test>"
        let message = rawMessage(from: MailStack.candidate, to: MailStack.hr, subject: "Thank you — Ünïcode",
                                 body: "Line one\r\n.leading dot\r\n\r\nLast line", messageID: messageID)
        let mark = try imap.appendMark("Sent")
        #expect(try imap.find(messageID: messageID, in: "Sent", from: mark) == nil)

        try imap.append(message, to: "Sent")

        let uid = try #require(try imap.find(messageID: messageID, in: "Sent", from: mark))
        #expect(uid >= mark.uidNext)
        let stored = try imap.fetchPartial(.whole, uids: [uid], in: "Sent", maxBytes: 1 << 20)[uid]
        #expect(stored == message)
        #expect(try imap.flags(uids: [uid], in: "Sent")[uid]?.contains("\\Seen") == true)
    }

    @Test func aMessageIDWithALineBreakIsRefusedBeforeTheWire() throws {
        guard let stack = try MailStack.required() else { return }
        let imap = try stack.imap(MailStack.candidate)
        #expect(throws: TransportError.self) {
            _ = try imap.find(messageID: "<a@b>\r\nA1 DELETE INBOX", in: "Sent")
        }
    }
}
