import Foundation
import Testing
import FollowUpReplies
import InboxReading

/// The first stage: the text is downloaded only for messages that may be replies.
@Suite struct ScreeningTests {
    func screen(_ headers: [String], at arrival: Date = World.arrival) -> Screening.Decision {
        InboxReader.screen(headerBytes: HeaderFetch.of(World.raw(headers, ""), fields: InboxReader.headerFields),
                           internalDate: arrival, context: World.context).decision
    }

    @Test func ownMessageIsIgnored() {
        #expect(screen(["From: Alex <ALEX@example.org>", "To: jane@acme.com", "Subject: Thank you"]) == .ignore(.ownMessage))
    }

    @Test func messageFromNoApplicationIsIgnored() {
        #expect(screen(["From: Shop <news@shop.example>", "To: alex@example.org", "Subject: 20% off"])
                == .ignore(.noApplicationMatches))
    }

    @Test func messageThatArrivedBeforeTheEventIsIgnored() {
        #expect(screen(["From: Jane Doe <jane@acme.com>", "Subject: Interview on Tuesday"],
                       at: World.instant("2026-11-09T12:00:00Z")) == .ignore(.arrivedBeforeEventStart(1)))
    }

    @Test func readReceiptIsIgnored() {
        #expect(screen(["From: jane@acme.com", "Subject: Read: Thank you",
                        "Content-Type: multipart/report; report-type=disposition-notification; boundary=x"])
                == .ignore(.readReceipt))
    }

    @Test func messageFromAContactIsACandidate() {
        #expect(screen(["From: Jane Doe <jane@acme.com>", "Subject: Re: Thank you"]) == .fetchText)
    }

    @Test func messageInOurThreadIsACandidate() {
        #expect(screen(["From: someone@elsewhere.example", "In-Reply-To: \(World.thankYouToInitech)"]) == .fetchText)
    }

    @Test func bounceFromAStrangeMailSystemIsACandidate() {
        // Only the text names the failed recipient and our Message-ID.
        #expect(screen(["From: MAILER-DAEMON@mx.example.org", "Subject: Undelivered Mail Returned to Sender",
                        "Content-Type: multipart/report; report-type=delivery-status; boundary=x"]) == .fetchText)
    }

    @Test func trackingSystemMessageIsACandidate() {
        // The company may be named only in the text.
        #expect(screen(["From: Recruiting <no-reply@us.greenhouse-mail.io>", "Subject: Update on your application"]) == .fetchText)
    }
}

/// The header stage leaves the text to read where only the text can tie a message.
@Suite struct ScreeningForTextTests {
    @Test func aMailSystemsReadReceiptIsRead() {
        let raw = World.raw(["From: postmaster@globex.example", "To: alex@example.org", "Subject: Message not delivered",
                             "Date: Fri, 20 Nov 2026 10:48:17 +0100", "Message-ID: <mdn-1@globex.example>", "Return-Path: <>",
                             "Content-Type: multipart/report; report-type=disposition-notification; boundary=b"], "--b--")
        #expect(World.read(raw).0.decision == .fetchText)
    }

    @Test func anInvitationFromAnUnknownSenderIsRead() {
        let raw = World.raw(["From: Scheduling <invites@book.example>", "To: alex@example.org", "Subject: Invitation: Final interview",
                             "Date: Fri, 20 Nov 2026 10:48:17 +0100", "Message-ID: <inv-1@book.example>",
                             "Content-Type: multipart/mixed; boundary=b"], "--b--")
        #expect(World.read(raw).0.decision == .fetchText)
    }
}
