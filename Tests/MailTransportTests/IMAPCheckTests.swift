import Foundation
import MailTransport
import Testing

@Suite("IMAP incremental check against Dovecot", .serialized)
struct IMAPCheckTests {
    @Test func aMessageSentOverSMTPIsReportedOnceAndLeftUnread() throws {
        guard let stack = try MailStack.required() else { return }
        let imap = try stack.imap(MailStack.recruiter)
        let start = try imap.check(MailboxCursor(), rescanSince: Date(timeIntervalSinceNow: -86400)).cursor

        let messageID = "<\(UUID().uuidString)@example.test>"
        let message = rawMessage(from: MailStack.candidate, to: MailStack.recruiter, subject: "Thank you", messageID: messageID)
        let sent = Date()
        let outcome = try stack.smtp(MailStack.candidate).send(message, from: MailStack.candidate, to: [MailStack.recruiter])
        let sendSeconds = Date().timeIntervalSince(sent)
        #expect(outcome == .delivered)
        _ = try waitForDelivery(stack, user: MailStack.recruiter, messageID: messageID)

        let began = Date()
        let first = try imap.check(start, rescanSince: Date())
        let checkSeconds = Date().timeIntervalSince(began)
        let second = try imap.check(first.cursor, rescanSince: Date())
        print("measured: one SMTP send \(Int(sendSeconds * 1000)) ms, incremental check \(Int(checkSeconds * 1000)) ms")

        #expect(first.messages.count == 1)
        #expect(first.messages.first.flatMap { headerValue("Message-ID", in: $0.header) } == messageID)
        #expect(first.messages.first?.internalDate != nil)
        #expect(first.rescanned == false)
        #expect(second.messages.isEmpty)
        #expect(second.cursor == first.cursor)
        let uid = try #require(first.messages.first?.uid)
        let flags = try imap.flags(uids: [uid], in: "INBOX")[uid]
        #expect(flags?.contains("\\Seen") == false)
    }
}
