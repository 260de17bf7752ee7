import Foundation
import Testing
import FollowUpCore
import FollowUpReplies
import InboxReading

/// Messages as employers' and mail systems' software writes them, through
/// both stages: each reply class of POLICY.md "Replies from the employer"
/// survives the transfer encodings, charsets and MIME structure it comes in.
@Suite struct RealMessagesTests {
    func classified(_ raw: [UInt8]) -> ReplyAttribution? {
        let (screening, reading) = World.read(raw)
        #expect(screening.decision == .fetchText)
        return reading?.verdict.attribution
    }

    @Test func rejectionInQuotedPrintable() {
        let raw = World.raw([
            "From: Jane Doe <jane@acme.com>", "To: Alex Candidate <alex@example.org>",
            "Subject: Re: Thank you - Backend Engineer", "Date: Fri, 20 Nov 2026 09:58:12 -0500",
            "Message-ID: <CAJ7x1@mail.acme.com>", "In-Reply-To: \(World.thankYouToAcme)",
            "References: \(World.thankYouToAcme)", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=\"UTF-8\"", "Content-Transfer-Encoding: quoted-printable",
        ], """
        Hi Alex,

        Thank you for your note. We=E2=80=99ve decided to move forward with other candi=
        dates for this role.

        Best,
        Jane
        """)
        let attribution = classified(raw)
        #expect(attribution?.replyClass == .rejection)
        #expect(attribution?.match == .threadReference)
    }

    @Test func rejectionInBase64() {
        let raw = World.raw([
            "From: \"Doe, Jane\" <jane@acme.com>", "To: alex@example.org", "Subject: Re: Your application",
            "Date: Fri, 20 Nov 2026 10:02:00 -0500", "Message-ID: <base64-1@acme.com>", "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"b1\"",
        ], """
        --b1
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: base64

        RGVhciBBbGV4LA0KDQpUaGFuayB5b3UgZm9yIHRha2luZyB0aGUgdGltZSB0byBpbnRlcnZpZXcg
        Zm9yIHRoZSBCYWNrZW5kIEVuZ2luZWVyIHJvbGUuDQpBZnRlciBjYXJlZnVsIGNvbnNpZGVyYXRp
        b24sIHdlIGhhdmUgZGVjaWRlZCB0byBtb3ZlIGZvcndhcmQgd2l0aCBvdGhlcg0KY2FuZGlkYXRl
        cyB3aG9zZSBleHBlcmllbmNlIG1vcmUgY2xvc2VseSBtYXRjaGVzIG91ciBuZWVkcy4NCg0KV2Ug
        d2lzaCB5b3UgdGhlIGJlc3QgaW4geW91ciBqb2Igc2VhcmNoLg0KDQpKYW5lIERvZQ0KQWNtZSBD
        b3JwLg0K
        --b1
        Content-Type: text/html; charset=utf-8

        <p>See the plain text.</p>
        --b1--
        """)
        let attribution = classified(raw)
        #expect(attribution?.replyClass == .rejection)
        #expect(attribution?.match == .contactAddress)
    }

    @Test func rejectionInISO88591() {
        let text = [
            "From: Peter Gibbons <peter@initech.de>", "To: alex@example.org", "Subject: Ihre Bewerbung",
            "Date: Fri, 20 Nov 2026 14:10:00 +0100", "Message-ID: <latin1@initech.de>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=ISO-8859-1", "Content-Transfer-Encoding: 8bit",
        ].joined(separator: "\r\n") + "\r\n\r\nSehr geehrter Herr Candidate,\r\n\r\nvielen Dank für Ihr Interesse. "
            + "Leider müssen wir Ihnen mitteilen, dass wir uns für einen anderen Kandidaten entschieden haben.\r\n\r\n"
            + "Mit freundlichen Grüßen\r\nPeter Gibbons\r\n"
        let raw = Array(text.data(using: .isoLatin1)!)
        #expect(raw.contains(0xFC))  // "ü" as one ISO-8859-1 byte, not UTF-8
        let (_, reading) = World.read(raw)
        #expect(reading?.message.body.contains("für einen anderen Kandidaten") == true)
        #expect(reading?.verdict.attribution?.replyClass == .rejection)
        #expect(reading?.verdict.attribution?.applicationID == 2)
    }

    @Test func nextStepInvitation() {
        let raw = World.raw([
            "From: Jane Doe <jane@acme.com>", "To: alex@example.org", "Subject: Re: Thank you",
            "Date: Fri, 20 Nov 2026 09:30:00 -0500", "Message-ID: <next@acme.com>",
            "In-Reply-To: \(World.thankYouToAcme)", "Content-Type: text/plain; charset=us-ascii",
        ], """
        Hi Alex,

        Great news: we'd like to invite you to a final interview with our CTO.
        Could you share your availability for next week?

        On Wed, Nov 11, 2026 at 10:00 AM Alex <alex@example.org> wrote:
        > Thank you for your time yesterday.
        """)
        #expect(classified(raw)?.replyClass == .nextStep)
    }

    @Test func needMoreTimeWithADate() {
        let raw = World.raw([
            "From: Jane Doe <jane@acme.com>", "To: alex@example.org", "Subject: Re: Checking in",
            "Date: Fri, 20 Nov 2026 09:30:00 -0500", "Message-ID: <time@acme.com>",
            "In-Reply-To: \(World.thankYouToAcme)", "Content-Type: text/plain; charset=utf-8",
        ], """
        Hi Alex,

        Thanks for checking in. We need a bit more time to finish the remaining interviews,
        and we expect to make a decision by December 4.

        Jane
        """)
        let attribution = classified(raw)
        #expect(attribution?.replyClass == .needMoreTime)
        #expect(attribution?.reading.until == LocalDate(year: 2026, month: 12, day: 4))
    }

    @Test func outOfOfficeWithReturnDate() {
        let raw = World.raw([
            "From: Jane Doe <jane@acme.com>", "To: alex@example.org", "Subject: Automatic reply: Thank you",
            "Date: Fri, 20 Nov 2026 09:30:00 -0500", "Message-ID: <ooo@acme.com>",
            "In-Reply-To: \(World.thankYouToAcme)", "Auto-Submitted: auto-replied",
            "X-Auto-Response-Suppress: All", "Content-Type: text/plain; charset=utf-8",
        ], """
        Thank you for your email. I am out of the office until Monday, November 30,
        with limited access to email.
        """)
        let attribution = classified(raw)
        #expect(attribution?.replyClass == .autoReply)
        #expect(attribution?.reading.until == LocalDate(year: 2026, month: 11, day: 30))
    }

    @Test func deliveryReportNamingOurMessageID() {
        // The failed address is no contact: only the returned Message-ID ties the bounce to Acme.
        let raw = World.raw([
            "Return-Path: <>", "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>",
            "To: alex@example.org", "Subject: Undelivered Mail Returned to Sender",
            "Date: Fri, 20 Nov 2026 15:00:00 +0000", "Message-ID: <dsn-1@mx.example.org>",
            "Auto-Submitted: auto-replied", "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"dsn\"",
        ], """
        --dsn
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.example.org.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <hiring@acme-careers.net>: host mx.acme-careers.net said: 550 5.1.1 User unknown

        --dsn
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.org

        Final-Recipient: rfc822; hiring@acme-careers.net
        Original-Recipient: rfc822;hiring@acme-careers.net
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 User unknown

        --dsn
        Content-Type: text/rfc822-headers

        From: Alex Candidate <alex@example.org>
        To: hiring@acme-careers.net
        Subject: Thank you
        Message-ID: \(World.thankYouToAcme)

        --dsn--
        """)
        let attribution = classified(raw)
        #expect(attribution?.replyClass == .bounce)
        #expect(attribution?.match == .threadReference)
        #expect(attribution?.applicationID == 1)
        #expect(attribution?.reading.failedRecipient == "hiring@acme-careers.net")
    }

    @Test func htmlOnlyRejection() {
        let raw = World.raw([
            "From: Acme Talent <jane@acme.com>", "To: alex@example.org", "Subject: Your application to Acme",
            "Date: Fri, 20 Nov 2026 09:30:00 -0500", "Message-ID: <html@acme.com>",
            "Content-Type: text/html; charset=utf-8",
        ], """
        <html><head><style>p { color: #333; }</style></head><body>
        <p>Dear Alex,</p>
        <p>Unfortunately, we will <b>not</b>&nbsp;be moving forward with your application
        for the Backend Engineer position.</p>
        <p>Kind regards,<br>Acme Talent Team</p>
        </body></html>
        """)
        let (_, reading) = World.read(raw)
        #expect(reading?.message.body.contains("<p>") == false)
        #expect(reading?.verdict.attribution?.replyClass == .rejection)
    }

    @Test func encodedWordSubjectIsReadDecoded() {
        let raw = World.raw([
            "From: =?UTF-8?Q?Jane_Do=C3=A9?= <jane@acme.com>", "To: alex@example.org",
            "Subject: =?UTF-8?Q?Invitation_to_a_final_interview_=E2=80=93_Backend_?=\r\n =?UTF-8?Q?Engineer?=",
            "Date: Fri, 20 Nov 2026 09:30:00 -0500", "Message-ID: <subject@acme.com>",
            "Content-Type: text/plain; charset=utf-8",
        ], "Please pick a date below.\n")
        let (screening, reading) = World.read(raw)
        #expect(screening.message.subject == "Invitation to a final interview – Backend Engineer")
        #expect(screening.message.from?.name == "Jane Doé")
        #expect(reading?.verdict.attribution?.replyClass == .nextStep)
    }
}
