import Foundation
import Testing
import FollowUpCore
import FollowUpReplies
import InboxReading

/// POLICY.md: a bounce marks the contact undeliverable and cancels pending
/// drafts; when in doubt the answer is `unclear`, never a guess in favour of
/// sending. Mail systems' reports as they write them, through both stages.
@Suite struct DeliveryReportRulesTests {
    func verdict(_ raw: [UInt8]) -> ReplyVerdict? {
        let (screening, reading) = World.read(raw)
        #expect(screening.decision == .fetchText)
        return reading?.verdict
    }

    /// A multipart/report from `from` with one per-recipient block for each
    /// (recipient, action, status) and our thank-you to Acme returned as headers.
    func report(from: String = "MAILER-DAEMON@mail.example.org (Mail Delivery System)",
                messageID: String = "<20261120150002.4F1A2C0B@mail.example.org>",
                subject: String, text: String, recipients: [(String, String, String)]) -> [UInt8] {
        let blocks = recipients.map { address, action, status in
            "Final-Recipient: rfc822; \(address)\nOriginal-Recipient: rfc822;\(address)\nAction: \(action)\nStatus: \(status)\n"
        }.joined(separator: "\n")
        return World.raw([
            "Return-Path: <>", "From: \(from)", "To: alex@example.org", "Subject: \(subject)",
            "Date: Fri, 20 Nov 2026 15:00:02 +0000 (UTC)", "Message-ID: \(messageID)", "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"4F1A2C0B.1763650802/mail.example.org\"",
        ], """
        This is a MIME-encapsulated message.

        --4F1A2C0B.1763650802/mail.example.org
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mail.example.org.

        \(text)

                           The mail system

        --4F1A2C0B.1763650802/mail.example.org
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.example.org
        X-Postfix-Queue-ID: 4F1A2C0B
        X-Postfix-Sender: rfc822; alex@example.org
        Arrival-Date: Thu, 19 Nov 2026 14:58:40 +0000 (UTC)

        \(blocks)
        --4F1A2C0B.1763650802/mail.example.org
        Content-Description: Undelivered Message Headers
        Content-Type: text/rfc822-headers

        From: Alex Candidate <alex@example.org>
        To: Jane Doe <jane@acme.com>
        Subject: Thank you - Backend Engineer
        Date: Thu, 19 Nov 2026 09:58:40 -0500
        Message-ID: \(World.thankYouToAcme)

        --4F1A2C0B.1763650802/mail.example.org--
        """)
    }

    // MARK: never our own

    @Test func mailSystemReportReturningOurMessageIsNeverOwn() {
        // A relay that writes its notice with the returned message's From and
        // Message-ID: the report's own headers look like ours, the null
        // Return-Path and multipart/report say a mail system sent it.
        let raw = report(from: "Alex Candidate <alex@example.org>", messageID: World.thankYouToAcme,
                         subject: "Undelivered Mail Returned to Sender",
                         text: "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.",
                         recipients: [("jane@acme.com", "failed", "5.1.1")])
        let attribution = verdict(raw)?.attribution
        #expect(attribution?.replyClass == .bounce)
        #expect(attribution?.applicationID == 1)
        #expect(attribution?.reading.failedRecipient == "jane@acme.com")
    }

    @Test func ourOwnCopyIsStillOwn() {
        // The user's Bcc of the thank-you: no mail system in it.
        let raw = World.raw([
            "Return-Path: <alex@example.org>", "From: Alex Candidate <alex@example.org>", "To: Jane Doe <jane@acme.com>",
            "Subject: Thank you - Backend Engineer", "Date: Thu, 19 Nov 2026 09:58:40 -0500",
            "Message-ID: \(World.thankYouToAcme)", "Content-Type: text/plain; charset=utf-8",
        ], "Dear Jane,\n\nThank you for your time yesterday.\n")
        #expect(World.read(raw).0.decision == .ignore(.ownMessage))
    }

    // MARK: delay notices

    @Test func delayNoticeSayingDelayedForEveryRecipientIsIgnored() {
        let raw = report(subject: "Delayed Mail (still being retried)",
                         text: """
                         ####################################################################
                         # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
                         ####################################################################

                         Your message could not be delivered for more than 4 hour(s).
                         It will be retried until it is 5 day(s) old.

                         <jane@acme.com>: connect to mx.acme.com[192.0.2.25]:25: Connection timed out
                         """,
                         recipients: [("jane@acme.com", "delayed", "4.4.1"), ("hr@acme.com", "delayed", "4.4.1")])
        #expect(verdict(raw) == .ignored(.deliveryNoticeWithoutFailure))
    }

    @Test func delayNoticeInTextOnlySayingDelayedIsIgnored() {
        let raw = World.raw([
            "Return-Path: <>", "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>", "To: alex@example.org",
            "Subject: Delivery Status Notification (Delay)", "Date: Fri, 20 Nov 2026 15:00:02 +0000",
            "Message-ID: <001a113836268bd96105089dd45b@google.com>", "Content-Type: text/plain; charset=UTF-8",
        ], """
        This is an automatically generated Delivery Status Notification

        THIS IS A WARNING MESSAGE ONLY.

        YOU DO NOT NEED TO RESEND YOUR MESSAGE.

        Delivery to the following recipient has been delayed:

             jane@acme.com

        Message will be retried for 2 more day(s)
        """)
        #expect(verdict(raw) == .ignored(.deliveryNoticeWithoutFailure))
    }

    @Test func delayNoticeWithOneFailedRecipientIsABounce() {
        let raw = report(subject: "Delayed Mail (still being retried)",
                         text: "Your message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.",
                         recipients: [("hr@acme.com", "delayed", "4.4.1"), ("jane@acme.com", "failed", "5.1.1")])
        let attribution = verdict(raw)?.attribution
        #expect(attribution?.replyClass == .bounce)
        #expect(attribution?.reading.failedRecipient == "jane@acme.com")
    }

    @Test func delayNoticeMixingFailureWordingIsABounce() {
        // OpenSMTPD's notice: "delayed" in the report, the envelope expired in the text.
        let raw = report(from: "Mailer Daemon <MAILER-DAEMON@mail.example.org>",
                         subject: "Delivery status notification: delayed",
                         text: """
                             This is the MAILER-DAEMON, please DO NOT REPLY to this email.

                             A message is delayed for more than 0 seconds for the following
                             list of recipients:

                         jane@acme.com: Envelope expired

                             Please note that this is only a temporary failure report.
                         """,
                         recipients: [("jane@acme.com", "delayed", "4.4.7")])
        let attribution = verdict(raw)?.attribution
        #expect(attribution?.replyClass == .bounce)
        #expect(attribution?.applicationID == 1)
    }

    @Test func delayWarningWhoseTextStatesErrorsIsABounce() {
        // The subject warns of a delay; the text says the address had delivery errors.
        let raw = World.raw([
            "Return-Path: <>", "From: \"Mail Deliver System\" <MAILER-DAEMON@fix1.example.co.jp>", "To: alex@example.org",
            "Subject: Warning--Could not send mail for past 8.5 hours", "Date: Fri, 20 Nov 2026 15:00:02 +0900",
            "Message-ID: <kWg4502WjwzmSdWs@fix1.example.co.jp>", "Content-Type: text/plain; charset=us-ascii",
        ], """
        The original message was received at Fri, 20 Nov 2026 06:30:00 +0900 (JST)
        from alex@example.org

        ---The following addresses had delivery errors---

        peter@initech.de [Connection timed out]
        """)
        let attribution = verdict(raw)?.attribution
        #expect(attribution?.replyClass == .bounce)
        #expect(attribution?.applicationID == 2)
    }

    // MARK: reports we cannot read

    @Test func reportWhoseOutcomeCannotBeReadIsUnclear() {
        // "accepted" is not one of RFC 3464's actions: nothing says whether it failed.
        let raw = report(subject: "Mail Delivery Status Report",
                         text: "Enclosed is the mail delivery report.",
                         recipients: [("jane@acme.com", "accepted", "")])
        let attribution = verdict(raw)?.attribution
        #expect(attribution?.replyClass == .unclear)
        #expect(attribution?.applicationID == 1)
    }

    /// Postfix's address verification (`sendmail -bv`) reports `deliverable`, 2.1.5: nothing failed.
    @Test func anAddressVerificationReportIsNoBounce() {
        let raw = report(subject: "Mail Delivery Status Report",
                         text: "Enclosed is the mail delivery report that you requested.",
                         recipients: [("jane@acme.com", "deliverable", "2.1.5")])
        #expect(verdict(raw) == .ignored(.deliveryNoticeWithoutFailure))
    }

    @Test func mailSystemMessageWeCannotReadThatNamesOurMessageIDIsUnclear() {
        // A notice in a language the classifier does not read, quoting our thank-you's headers as text.
        let raw = World.raw([
            "From: MAILER-DAEMON@mx.example.jp", "To: alex@example.org",
            "Subject: =?UTF-8?B?44Oh44O844Or6YWN6YCB44Gu44GK55+l44KJ44Gb?=", "Date: Fri, 20 Nov 2026 23:45:22 +0900",
            "Message-ID: <2026112023452200000@mx.example.jp>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
        ], """
        お送りいただいたメールについてお知らせします。

        ----- 元のメッセージ -----
        Message-ID: \(World.thankYouToInitech)
        Subject: Vielen Dank
        """)
        let attribution = verdict(raw)?.attribution
        #expect(attribution?.replyClass == .unclear)
        #expect(attribution?.match == .threadReference)
        #expect(attribution?.applicationID == 2)
    }

    @Test func mailSystemMessageWeCannotReadThatNamesTheContactIsUnclear() {
        let raw = World.raw([
            "From: Mail Delivery System <postmaster@mx.example.jp>", "To: alex@example.org",
            "Subject: =?UTF-8?B?44Oh44O844Or6YWN6YCB44Gu44GK55+l44KJ44Gb?=", "Date: Fri, 20 Nov 2026 23:45:22 +0900",
            "Message-ID: <2026112023452200001@mx.example.jp>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
        ], "宛先 <peter@initech.de> へのメールについてお知らせします。\n")
        let attribution = verdict(raw)?.attribution
        #expect(attribution?.replyClass == .unclear)
        #expect(attribution?.match == .contactAddress)
        #expect(attribution?.applicationID == 2)
    }

    @Test func mailSystemMessageWeCannotReadThatTiesToNothingIsIgnored() {
        let raw = World.raw([
            "From: MAILER-DAEMON@mx.example.jp", "To: alex@example.org",
            "Subject: =?UTF-8?B?44Oh44O844Or6YWN6YCB44Gu44GK55+l44KJ44Gb?=", "Date: Fri, 20 Nov 2026 23:45:22 +0900",
            "Message-ID: <2026112023452200002@mx.example.jp>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
        ], "宛先 <friend@example.net> へのメールについてお知らせします。\n")
        #expect(verdict(raw) == .ignored(.noApplicationMatches))
    }
}
