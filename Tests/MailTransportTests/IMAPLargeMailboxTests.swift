import Foundation
import MailTransport
import Testing
import TestSupport

/// Reads of many messages at once, against the real Dovecot with mailboxes
/// written straight into its Maildir. libcurl 7.88.1 clipped a `* SEARCH`
/// line of more than ~1,700 UIDs: most were lost and two ran together into a
/// UID the mailbox never had, which then became the bookmark.
@Suite("IMAP reads of large mailboxes", .serialized)
struct IMAPLargeMailboxTests {
    static let user = MailStack.recruiter
    static let fields = ["Message-ID"]

    /// A folder of its own for one test, so that no other test's scan by date reads it.
    private func folder() -> String { "Bulk-\(UUID().uuidString.prefix(8))" }

    /// `count` small messages with Message-IDs `<tag-i@bulk.test>`.
    private func messages(_ count: Int, tag: String) -> (bytes: [[UInt8]], ids: [String]) {
        let ids = (0..<count).map { "<\(tag)-\($0)@bulk.test>" }
        let bytes = ids.map { id in
            let text = "From: Newsletter <news@bulk.test>\r\nTo: <\(Self.user)>\r\nSubject: Issue \(id)\r\n" +
                "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: \(id)\r\n\r\nHello.\r\n"
            return Array(text.utf8)
        }
        return (bytes, ids)
    }

    private func ids(_ result: CheckResult) -> [String] {
        result.messages.compactMap { headerValue("Message-ID", in: $0.header) }
    }

    @Test(arguments: [5_000, 20_000])
    func aScanByDateReadsEveryMessageInTheWindowOnce(count: Int) throws {
        guard let stack = try MailStack.required() else { return }
        let mailbox = folder()
        let now = Date()
        // Recent mail, then old mail imported later (higher UIDs, older dates), then recent again.
        let recent = messages(count, tag: "recent-\(mailbox)")
        let old = messages(300, tag: "old-\(mailbox)")
        try stack.files.writeToMaildir(recent.bytes[..<(count / 2)], user: Self.user, folder: mailbox, receivedAt: now - 86400)
        try stack.files.writeToMaildir(old.bytes, user: Self.user, folder: mailbox, receivedAt: now - 100 * 86400)
        try stack.files.writeToMaildir(recent.bytes[(count / 2)...], user: Self.user, folder: mailbox, receivedAt: now - 86400)

        let began = Date()
        let result = try stack.imap(Self.user).check(MailboxCursor(mailbox: mailbox), rescanSince: now - 30 * 86400,
                                                      headerFields: Self.fields)
        print("measured: first check by date of \(count + 300) messages, \(count) in the window: " +
              "\(Int(Date().timeIntervalSince(began) * 1000)) ms")
        let read = ids(result)
        #expect(read.count == count, "every message in the window, each once")
        #expect(Set(read) == Set(recent.ids))
        #expect(result.rescan == .firstCheck)
        #expect(result.cursor.highestUID == UInt32(count + 300), "the highest UID the mailbox has, no more")
    }

    @Test func threeThousandArrivingBetweenTwoChecksAreEachReadOnce() throws {
        guard let stack = try MailStack.required() else { return }
        let mailbox = folder()
        let imap = try stack.imap(Self.user)
        try stack.files.writeToMaildir(messages(50, tag: "first-\(mailbox)").bytes, user: Self.user, folder: mailbox)
        let first = try imap.check(MailboxCursor(mailbox: mailbox), rescanSince: Date(timeIntervalSinceNow: -86400),
                                   headerFields: Self.fields)
        #expect(first.messages.count == 50)

        let burst = messages(3_000, tag: "burst-\(mailbox)")
        try stack.files.writeToMaildir(burst.bytes, user: Self.user, folder: mailbox)
        let second = try imap.check(first.cursor, rescanSince: Date(), headerFields: Self.fields)
        #expect(second.rescan == nil)
        #expect(ids(second).count == 3_000)
        #expect(Set(ids(second)) == Set(burst.ids))
        #expect(second.cursor.highestUID == 3_050)

        let trickle = messages(10, tag: "trickle-\(mailbox)")
        try stack.files.writeToMaildir(trickle.bytes, user: Self.user, folder: mailbox)
        let third = try stack.imap(Self.user).check(second.cursor, rescanSince: Date(), headerFields: Self.fields)
        #expect(ids(third) == trickle.ids, "the next ten, in order: the bookmark held")
        #expect(third.cursor.highestUID == 3_060)
    }

    @Test func aBookmarkAtOrPastUIDNextIsNotTrustedAndTheMailboxIsReadByDate() throws {
        guard let stack = try MailStack.required() else { return }
        let mailbox = folder()
        let written = messages(40, tag: "bookmark-\(mailbox)")
        try stack.files.writeToMaildir(written.bytes, user: Self.user, folder: mailbox)
        let imap = try stack.imap(Self.user)
        let first = try imap.check(MailboxCursor(mailbox: mailbox), rescanSince: Date(timeIntervalSinceNow: -86400),
                                   headerFields: Self.fields)
        // The bookmark the clipped answer left: digits of two UIDs run together.
        var corrupt = first.cursor
        corrupt.highestUID = 331_959
        let again = try imap.check(corrupt, rescanSince: Date(timeIntervalSinceNow: -86400), headerFields: Self.fields)
        #expect(again.rescan == .bookmarkBeyondUIDNext)
        #expect(Set(ids(again)) == Set(written.ids))
        #expect(again.cursor.highestUID == 40)
    }

    @Test func aSearchAnswerNamingAUIDAtOrPastUIDNextFailsTheCheck() throws {
        guard let stack = try MailStack.required() else { return }
        // A folder with mail in it: an empty one is never searched.
        let mailbox = folder()
        try stack.files.writeToMaildir(messages(3, tag: "lie-\(mailbox)").bytes, user: Self.user, folder: mailbox)
        // Without ESEARCH (hidden), the plain answers are the ones that lie.
        let (proxy, client) = try stack.imapThroughProxy(offset: 5, fault: "rewrite: ESEARCH=> XSEARCH&&* SEARCH=>* SEARCH 4000000000",
                                                         user: Self.user)
        defer { proxy.stop() }
        let error = #expect(throws: TransportError.self) {
            _ = try client.check(MailboxCursor(mailbox: mailbox), rescanSince: Date(timeIntervalSinceNow: -86400), headerFields: Self.fields)
        }
        #expect(error?.category == .protocolViolation)
        #expect(error?.detail.contains("UIDNEXT") == true)
    }

    /// An ESEARCH answer is believed only when it adds up: otherwise (a line
    /// libcurl clipped, a server that miscounts or names a UID it does not
    /// have) the same messages are asked about again with plain SEARCH.
    @Test(arguments: ["COUNT 3=>COUNT 2", "MAX 3=>MAX 4000000000", "ALL 1:3=>ALL 1:2", "ALL 1:3=>ALL 1:33"])
    func anExtendedSearchThatDoesNotAddUpIsAskedAgainPlainly(fault: String) throws {
        guard let stack = try MailStack.required() else { return }
        let mailbox = folder()
        let mail = messages(3, tag: "count-\(mailbox)")
        try stack.files.writeToMaildir(mail.bytes, user: Self.user, folder: mailbox)
        let (proxy, client) = try stack.imapThroughProxy(offset: 5, fault: "rewrite:" + fault, user: Self.user)
        defer { proxy.stop() }
        let result = try client.check(MailboxCursor(mailbox: mailbox), rescanSince: Date(timeIntervalSinceNow: -86400),
                                      headerFields: Self.fields)
        #expect(Set(ids(result)) == Set(mail.ids), "\(fault)")
        #expect(result.cursor.highestUID == 3)
    }

    /// Matches scattered through the window make an ESEARCH answer of
    /// thousands of single UIDs, a line libcurl clips: every one is still read.
    @Test func scatteredMatchesAreEachReadOnce() throws {
        guard let stack = try MailStack.required() else { return }
        let mailbox = folder()
        let now = Date()
        let recent = messages(6_000, tag: "scattered-\(mailbox)"), old = messages(6_000, tag: "older-\(mailbox)")
        for k in 0..<6_000 {
            try stack.files.writeToMaildir([recent.bytes[k]], user: Self.user, folder: mailbox, receivedAt: now - 86400)
            try stack.files.writeToMaildir([old.bytes[k]], user: Self.user, folder: mailbox, receivedAt: now - 100 * 86400)
        }
        let began = Date()
        let result = try stack.imap(Self.user).check(MailboxCursor(mailbox: mailbox), rescanSince: now - 30 * 86400,
                                                      headerFields: Self.fields)
        print("measured: first check by date of 12,000 messages, every other one in the window: " +
              "\(Int(Date().timeIntervalSince(began) * 1000)) ms")
        #expect(ids(result).count == 6_000)
        #expect(Set(ids(result)) == Set(recent.ids))
    }

    /// Bodies are fetched in batches by the sizes the header fetch reported:
    /// 300 small messages take six FETCHes, not the hundred that counting
    /// each as 64 KB would take.
    @Test func bodiesOfSmallMessagesComeInFewFetches() throws {
        guard let stack = try MailStack.required() else { return }
        let mailbox = folder()
        let mail = messages(300, tag: "small-\(mailbox)")
        try stack.files.writeToMaildir(mail.bytes, user: Self.user, folder: mailbox)
        let recorder = try Recorder(port: stack.testPort(15), target: stack.files.port("IMAPS_PORT"),
                                    extra: stack.tlsTermination() + ["--target-tls"])
        defer { recorder.stop() }
        let client = try IMAPClient(server: MailServer(host: "localhost", port: stack.testPort(15), security: .implicitTLS,
                                                       caFile: stack.files.caFile), credentials: stack.login(Self.user))
        let result = try client.check(MailboxCursor(mailbox: mailbox), rescanSince: Date(timeIntervalSinceNow: -86400), headerFields: Self.fields)
        let bodies = try client.fetchPartial(.whole, uids: result.messages.map(\.uid), in: mailbox)
        #expect(bodies.count == 300)
        #expect(Set(bodies.values.compactMap { headerValue("Message-ID", in: $0) }) == Set(mail.ids))
        let fetches = recorder.clientLines.filter { $0.contains("BODY.PEEK[]<0.65536>") }.count
        #expect(fetches <= 6, "\(fetches) body FETCHes")
    }

    /// A server whose sizes are not its messages' (or a batch's answer that
    /// is larger than they said) costs smaller batches, never a message.
    @Test func bodiesLargerThanTheirReportedSizeAreStillEachRead() throws {
        guard let stack = try MailStack.required() else { return }
        let mailbox = folder()
        // Twenty messages of exactly 60,000 bytes, each said to be 100: one batch of 1.2 MB, too large for libcurl.
        let body = String(repeating: "0123456789abcdef\r\n", count: 3_300)
        let mail = (0..<20).map { i -> [UInt8] in
            let head = "From: Newsletter <news@bulk.test>\r\nTo: <\(Self.user)>\r\nSubject: Big \(i)\r\n" +
                "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: <big-\(i)-\(mailbox)@bulk.test>\r\n\r\n"
            let padding = String(repeating: "x", count: 60_000 - head.utf8.count - body.utf8.count - 2)
            return Array((head + body + padding + "\r\n").utf8)
        }
        #expect(mail.allSatisfy { $0.count == 60_000 })
        try stack.files.writeToMaildir(mail, user: Self.user, folder: mailbox)
        let (proxy, client) = try stack.imapThroughProxy(offset: 16, fault: "rewrite:RFC822.SIZE 60000=>RFC822.SIZE 100", user: Self.user)
        defer { proxy.stop() }
        let result = try client.check(MailboxCursor(mailbox: mailbox), rescanSince: Date(timeIntervalSinceNow: -86400), headerFields: Self.fields)
        #expect(result.messages.map(\.size) == Array(repeating: 100, count: 20), "the proxy's lie reached the client")
        let bodies = try client.fetchPartial(.whole, uids: result.messages.map(\.uid), in: mailbox)
        #expect(bodies.count == 20)
        #expect(bodies.values.allSatisfy { $0.count == 60_000 })
    }

    /// A reply threaded onto ours, with `extra` header lines.
    private func reply(_ id: String, extra: String) -> [UInt8] {
        Array(("From: Dana Roe <dana@acme.example>\r\nTo: <\(Self.user)>\r\n" + extra +
               "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: \(id)\r\nIn-Reply-To: <ours@followupd>\r\n" +
               "\r\nUnfortunately we have decided not to move forward.\r\n").utf8)
    }

    static let readerFields = ["From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References", "Content-Type"]

    @Test(arguments: [
        ("a 12 KB subject", "Subject: Re: " + String(repeating: "interview ", count: 1_200) + "\r\n"),
        ("a Cc of 500 colleagues", "Cc: " + (0..<500).map { "colleague\($0)@acme.example" }.joined(separator: ",\r\n ") + "\r\n"),
        ("a Content-Type of a thousand parameters",
         "Content-Type: text/plain" + (0..<1_000).map { "; p\($0)=v\($0)" }.joined() + "\r\n"),
        ("a 400 KB subject", "Subject: " + String(repeating: "x", count: 400_000) + "\r\n"),
        ("100,000 References", "References: " + (0..<100_000).map { "<r\($0)@x>" }.joined(separator: " ") + "\r\n"),
    ])
    func aReplyWithHugeHeaderFieldsIsStillRead(what: String, extra: String) throws {
        guard let stack = try MailStack.required() else { return }
        let mailbox = folder()
        let before = messages(30, tag: "before-\(mailbox)"), after = messages(30, tag: "after-\(mailbox)")
        let id = "<huge-\(mailbox)@acme.example>"
        try stack.files.writeToMaildir(before.bytes + [reply(id, extra: extra)] + after.bytes, user: Self.user, folder: mailbox)
        let result = try stack.imap(Self.user).check(MailboxCursor(mailbox: mailbox), rescanSince: Date(timeIntervalSinceNow: -86400),
                                                      headerFields: Self.readerFields)
        #expect(result.messages.count == 61, "\(what): every message, the huge one too")
        let huge = try #require(result.messages.first { headerValue("Message-ID", in: $0.header) == id }, "\(what)")
        #expect(headerValue("From", in: huge.header) == "Dana Roe <dana@acme.example>")
        #expect(headerValue("In-Reply-To", in: huge.header) == "<ours@followupd>")
        #expect(Set(ids(result)).isSuperset(of: before.ids + after.ids))
    }
}
