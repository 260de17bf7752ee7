import Foundation
@testable import MailTransport
import Testing

/// A check whose new messages span several header FETCHes (IMAPClient.headerBatch
/// UIDs each). It fills a folder of its own, so the tests that count
/// recruiter's INBOX are not disturbed.
@Suite("IMAP check across header-fetch batches")
struct IMAPHeaderBatchTests {
    private func doveadm(_ stack: MailStack, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/doveadm")
        process.arguments = ["-c", stack.dir + "/dovecot/dovecot.conf"] + arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func newMessagesAcrossSeveralHeaderBatchesAreEachReportedOnceInUIDOrder() throws {
        guard let stack = try MailStack.required() else { return }
        let folder = "Batch-\(UUID().uuidString)"
        #expect(try doveadm(stack, ["mailbox", "create", "-u", MailStack.recruiter, folder]) == 0)
        defer { _ = try? doveadm(stack, ["mailbox", "delete", "-u", MailStack.recruiter, folder]) }
        let imap = try stack.imap(MailStack.recruiter)
        let empty = try imap.check(MailboxCursor(mailbox: folder), rescanSince: Date(), headerFields: MailStack.headerFields)
        #expect(empty.messages.isEmpty)

        let count = 2 * IMAPClient.headerBatch + 20
        let messageIDs = (0..<count).map { "<batch-\($0)-\(UUID().uuidString)@employer.test>" }
        let appending = Date()
        for (n, messageID) in messageIDs.enumerated() {
            try imap.append(rawMessage(from: MailStack.candidate, to: MailStack.recruiter, subject: "Batch \(n)", messageID: messageID), to: folder)
        }
        let appendSeconds = Date().timeIntervalSince(appending)

        let began = Date()
        let first = try imap.check(empty.cursor, rescanSince: Date(), headerFields: MailStack.headerFields)
        let checkSeconds = Date().timeIntervalSince(began)
        let uids = first.messages.map(\.uid)
        #expect(first.rescanned == false)
        #expect(uids.count == count && Set(uids).count == count)
        #expect(uids == uids.sorted())
        // APPENDed one after another, so UID order is the order they were sent in.
        #expect(first.messages.map { headerValue("Message-ID", in: $0.header) } == messageIDs)
        #expect(first.cursor.highestUID == uids.last)

        let second = try imap.check(first.cursor, rescanSince: Date(), headerFields: MailStack.headerFields)
        #expect(second.messages.isEmpty)
        #expect(second.cursor == first.cursor)
        let coldBegan = Date()
        let cold = try stack.imap(MailStack.recruiter).check(empty.cursor, rescanSince: Date(), headerFields: MailStack.headerFields)
        let coldSeconds = Date().timeIntervalSince(coldBegan)
        #expect(cold.messages.count == count)
        print("measured: \(count) APPENDs on one connection \(Int(appendSeconds * 1000)) ms; check reporting \(count) new messages " +
              "(\((count + IMAPClient.headerBatch - 1) / IMAPClient.headerBatch) header FETCHes) on a reused connection \(Int(checkSeconds * 1000)) ms, " +
              "on a new connection (TLS, login) \(Int(coldSeconds * 1000)) ms")
    }
}
