import Foundation
import Testing
import FollowUpReplies
import InboxReading
import MailMessage

/// The adapter: parsed bytes -> the facts reply understanding reads.
@Suite struct AdapterTests {
    /// A bounce that carries every header the adapter reads, and some it must not need.
    static let everyField = World.raw([
        "Return-Path: <>", "Received: from mx.example.org by imap.example.org", "Delivered-To: alex@example.org",
        "From: =?UTF-8?Q?Mail_Delivery_Syst=C3=A8m?= <MAILER-DAEMON@mx.example.org>",
        "Sender: relay@mx.example.org", "Reply-To: postmaster@example.org",
        "To: Alex <alex@example.org>, other@example.org", "Cc: copy@example.org",
        "Subject: =?ISO-8859-1?Q?Unzustellbar=3A_Gr=FC=DFe?=", "Date: Fri, 20 Nov 2026 16:00:00 +0100",
        "Message-ID: <dsn-7@mx.example.org>", "In-Reply-To: <a@x.org> <b@x.org>",
        "References: <r1@x.org>\r\n <r2@x.org>", "Auto-Submitted: auto-replied", "X-Autoreply: yes",
        "X-Auto-Response-Suppress: All", "Precedence: bulk", "X-Failed-Recipients: jane@acme.com, old@acme.com",
        "List-Id: <never.example.org>", "X-Original-To: alex@example.org", "MIME-Version: 1.0",
        "Content-Type: multipart/report; report-type=\"delivery-status\"; boundary=\"r\"",
    ], """
    --r
    Content-Type: text/plain; charset=utf-8

    Delivery to jane@acme.com failed.
    --r
    Content-Type: message/delivery-status

    Reporting-MTA: dns; mx.example.org

    Final-Recipient: rfc822; jane@acme.com
    Action: failed
    Status: 5.1.1

    Final-Recipient: rfc822; bob@acme.com
    Action: delayed
    Status: 4.4.1
    --r
    Content-Type: message/rfc822

    Message-ID: \(World.thankYouToAcme)
    Subject: Thank you

    Hello
    --r--
    """)

    @Test func adapterReadsEveryFact() {
        let message = IncomingMessage(ParsedMessage(Self.everyField), internalDate: World.arrival)
        #expect(message.from == MailAddress(name: "Mail Delivery Systèm", address: "MAILER-DAEMON@mx.example.org"))
        #expect(message.to == ["alex@example.org", "other@example.org"])
        #expect(message.cc == ["copy@example.org"])
        #expect(message.subject == "Unzustellbar: Grüße")
        #expect(message.date == World.instant("2026-11-20T15:00:00Z"))
        #expect(message.internalDate == World.arrival)
        #expect(message.messageID == "dsn-7@mx.example.org")
        #expect(message.inReplyTo == ["a@x.org", "b@x.org"])
        #expect(message.references == ["r1@x.org", "r2@x.org"])
        #expect(message.autoSubmitted == "auto-replied")
        #expect(message.xAutoreply == "yes")
        #expect(message.xAutoResponseSuppress == "All")
        #expect(message.precedence == "bulk")
        #expect(message.contentType == "multipart/report")
        #expect(message.reportType == "delivery-status")
        #expect(message.deliveryReport == DeliveryReport(
            recipients: [DeliveryReport.Recipient(address: "jane@acme.com", action: "failed", status: "5.1.1"),
                         DeliveryReport.Recipient(address: "bob@acme.com", action: "delayed", status: "4.4.1")],
            originalMessageID: "thanks-1@example.org"))
        #expect(message.failedRecipients == ["jane@acme.com", "old@acme.com"])
        #expect(message.returnPath == "")
        #expect(message.body == "Delivery to jane@acme.com failed.")
    }

    @Test func headerFetchOfTheListedFieldsGivesTheSameFactsAsTheWholeHeader() {
        let whole = HeaderFetch.of(Self.everyField, fields: ParsedMessage(Self.everyField).headers.fields.map(\.name))
        let fetched = HeaderFetch.of(Self.everyField, fields: InboxReader.headerFields)
        #expect(fetched.count < whole.count)
        #expect(IncomingMessage(ParsedMessage(fetched), internalDate: World.arrival)
                == IncomingMessage(ParsedMessage(whole), internalDate: World.arrival))
    }

    @Test func malformedMessageIsReadNotThrownAndSaysWhy() {
        let raw = Array("Subject: hello\r\nDate: yesterday-ish\r\nthis line has no colon\r\n\r\nbody".utf8)
        let screening = InboxReader.screen(headerBytes: raw, internalDate: World.arrival, context: World.context)
        #expect(screening.message.from == nil)
        #expect(screening.decision == .ignore(.noApplicationMatches))
        #expect(screening.defects.map(\.kind).contains(.unparsableDate))
        #expect(screening.skipReason == "no application matches (no From; defects: "
                + screening.defects.map(\.description).joined(separator: ", ") + ")")
        let reading = InboxReader.read(fullBytes: raw, internalDate: World.arrival, context: World.context)
        #expect(reading.verdict == .ignored(.noApplicationMatches))
        #expect(reading.skipReason?.hasPrefix("no application matches (no From") == true)
    }

    @Test func bytesThatAreNoMessageAtAllAreIgnored() {
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let reading = InboxReader.read(fullBytes: noise, internalDate: World.arrival, context: World.context)
        #expect(reading.verdict.attribution == nil)
    }

    @Test func truncatedTextIsStillRead() {
        // A long quoted thread cut at 64 KB: the reply on top is still there.
        let quoted = String(repeating: "> an earlier message line that was quoted again and again\n", count: 2000)
        let raw = World.raw([
            "From: Jane Doe <jane@acme.com>", "To: alex@example.org", "Subject: Re: Thank you",
            "Message-ID: <long@acme.com>", "Content-Type: multipart/mixed; boundary=\"m\"",
        ], "--m\nContent-Type: text/plain\n\nWe regret to inform you that the position has been filled.\n\n" + quoted + "--m--\n")
        #expect(raw.count > InboxReader.textFetchBytes)
        let (_, reading) = World.read(raw)
        #expect(reading?.verdict.attribution?.replyClass == .rejection)
        #expect(reading?.defects.isEmpty == false)
    }

    @Test(arguments: [
        "Subject: Re: " + String(repeating: "interview ", count: 1_200),
        "Cc: " + (0..<500).map { "colleague\($0)@acme.com" }.joined(separator: ",\r\n "),
        "Content-Type: text/plain" + (0..<1_000).map { "; p\($0)=v\($0)" }.joined(),
        "Subject: " + String(repeating: "x", count: 70_000),
    ])
    func aThreadedReplyWithHugeHeaderFieldsIsStillARejection(field: String) {
        let raw = World.raw([
            "From: Jane Doe <jane@acme.com>", "To: alex@example.org", field, "Message-ID: <huge@acme.com>",
            "In-Reply-To: \(World.thankYouToAcme)",
        ], "We regret to inform you that the position has been filled.\n")
        let (screening, reading) = World.read(raw)
        #expect(screening.skipReason == nil, "\(screening)")
        // Past the 64 KB a field keeps, the reading may turn cautious (unclear); it always stops the follow-ups.
        let replyClass = reading?.verdict.attribution?.replyClass
        #expect(replyClass?.closesTheRound == true)
        if field.utf8.count < 64 * 1024 { #expect(replyClass == .rejection) }
    }
}

