import Foundation
import MailTransport
import Testing

@Suite("IMAP incremental check against Dovecot", .serialized)
struct IMAPCheckTests {
    @Test func aMessageSentOverSMTPIsReportedOnceAndLeftUnread() throws {
        guard let stack = try MailStack.required() else { return }
        let imap = try stack.imap(MailStack.recruiter)
        let start = try imap.check(MailboxCursor(), rescanSince: Date(timeIntervalSinceNow: -86400), headerFields: MailStack.headerFields).cursor

        let messageID = "<\(UUID().uuidString)@example.test>"
        let message = rawMessage(from: MailStack.candidate, to: MailStack.recruiter, subject: "Thank you", messageID: messageID)
        let sent = Date()
        let outcome = try stack.smtp(MailStack.candidate).send(message, from: MailStack.candidate, to: [MailStack.recruiter])
        let sendSeconds = Date().timeIntervalSince(sent)
        #expect(outcome == .delivered)
        _ = try waitForDelivery(stack, user: MailStack.recruiter, messageID: messageID)

        let began = Date()
        let first = try imap.check(start, rescanSince: Date(), headerFields: MailStack.headerFields)
        let checkSeconds = Date().timeIntervalSince(began)
        let second = try imap.check(first.cursor, rescanSince: Date(), headerFields: MailStack.headerFields)
        let coldBegan = Date()
        let cold = try stack.imap(MailStack.recruiter).check(first.cursor, rescanSince: Date(), headerFields: MailStack.headerFields)
        let coldSeconds = Date().timeIntervalSince(coldBegan)
        print("measured: one SMTP send (new connection, TLS, AUTH) \(Int(sendSeconds * 1000)) ms; incremental check with one new message " +
              "on a reused connection \(Int(checkSeconds * 1000)) ms; \"nothing new\" check on a new connection \(Int(coldSeconds * 1000)) ms")
        #expect(cold.messages.isEmpty)

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

@Suite("IMAP check after UIDVALIDITY changed")
struct UIDValidityTests {
    @Test func aChangedUIDValidityRescansByDateAndFindsTheReply() throws {
        guard let stack = try MailStack.required() else { return }
        let imap = try stack.imap(MailStack.hr)
        let before = try imap.check(MailboxCursor(), rescanSince: Date(), headerFields: MailStack.headerFields).cursor
        let newValidity = (before.uidValidity ?? 1) &+ 1000
        let doveadm = Process()
        doveadm.executableURL = URL(fileURLWithPath: "/usr/bin/doveadm")
        doveadm.arguments = ["-c", stack.dir + "/dovecot/dovecot.conf", "mailbox", "update", "-u", MailStack.hr,
                             "--uid-validity", "\(newValidity)", "INBOX"]
        try doveadm.run()
        doveadm.waitUntilExit()
        #expect(doveadm.terminationStatus == 0)

        let messageID = "<\(UUID().uuidString)@employer.test>"
        let reply = rawMessage(from: MailStack.recruiter, to: MailStack.hr, subject: "Re: Thank you", messageID: messageID)
        #expect(try stack.smtp(MailStack.recruiter).send(reply, from: MailStack.recruiter, to: [MailStack.hr]) == .delivered)
        _ = try waitForDelivery(stack, user: MailStack.hr, messageID: messageID)

        let after = try stack.imap(MailStack.hr).check(before, rescanSince: Date(timeIntervalSinceNow: -86400), headerFields: MailStack.headerFields)
        #expect(after.rescanned)
        #expect(after.cursor.uidValidity == newValidity)
        #expect(after.messages.contains { headerValue("Message-ID", in: $0.header) == messageID })
        #expect(try stack.imap(MailStack.hr).check(after.cursor, rescanSince: Date(), headerFields: MailStack.headerFields).messages.isEmpty)
    }
}
