import Foundation
import Testing
import FollowUpCore
@testable import FollowUpReplies

/// POLICY.md: auto-replies are not replies; bounces mark the contact undeliverable.
@Suite struct AutoReplyTests {
    let context = World.context()

    /// Jane's out-of-office answer to our thank-you, written Tue 2026-12-22 in New York.
    func outOfOffice(subject: String = "Re: Thank you", body: String) -> IncomingMessage {
        World.mail(from: "jane@acme.com", subject: subject, body: body, at: "2026-12-22T15:00:00Z",
                   inReplyTo: [World.thankYouToAcme])
    }

    @Test func autoSubmittedAutoRepliedWithReturnDate() {
        var message = outOfOffice(body: "Thank you for your email. I am out of the office until Monday, January 4 with limited access to email.")
        message.autoSubmitted = "auto-replied"
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .autoReply)
        #expect(attribution?.reading.until == LocalDate(year: 2027, month: 1, day: 4))
    }

    @Test func outOfOfficeSubjectWithoutReturnDate() {
        let message = outOfOffice(subject: "Automatic reply: Thank you",
                                  body: "I'm currently away from the office and will respond upon my return.")
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .autoReply)
        #expect(attribution?.reading.until == nil)
    }

    @Test func xAutoreplyHeaderMakesAnAutoReply() {
        var message = outOfOffice(body: "On vacation, back on the 28th.")
        message.xAutoreply = "yes"
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .autoReply)
        #expect(attribution?.reading.until == LocalDate(year: 2026, month: 12, day: 28))
    }

    @Test func precedenceBulkWithOutOfOfficeTextIsAnAutoReply() {
        var message = outOfOffice(body: "I am on annual leave and will reply when I return after the holidays.")
        message.precedence = "bulk"
        #expect(context.verdict(for: message).replyClass == .autoReply)
    }

    @Test func exchangeSuppressHeaderWithOutOfOfficeTextIsAnAutoReply() {
        var message = outOfOffice(body: "I'm out of office until 5 January 2027. For urgent matters contact hr@acme.com.")
        message.xAutoResponseSuppress = "All"
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .autoReply)
        #expect(attribution?.reading.until == LocalDate(year: 2027, month: 1, day: 5))
    }

    @Test func autoReplyPromisingAnAnswerIsNotNeedMoreTime() {
        var message = outOfOffice(body: "I am out of the office and will get back to you when I return next week.")
        message.autoSubmitted = "auto-replied"
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .autoReply)
        #expect(attribution?.reading.until == LocalDate(year: 2027, month: 1, day: 1))
    }

    @Test func outOfOfficeWordsFromAPersonAreNotAnAutoReply() {
        // No header, no subject: a person wrote it, and an auto-reply would cancel nothing.
        let message = outOfOffice(body: "I'm out of office next week, so we need a bit more time. We'll decide by January 8.")
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .needMoreTime)
        #expect(attribution?.reading.until == LocalDate(year: 2027, month: 1, day: 8))
    }

    @Test func automationHeaderAloneYieldsToWhatTheTextSays() {
        var message = outOfOffice(body: "We'd like to invite you to a final interview in January.")
        message.autoSubmitted = "auto-replied"
        #expect(context.verdict(for: message).replyClass == .nextStep)
    }
}

@Suite struct BounceTests {
    let context = World.context()

    func report(_ recipients: [DeliveryReport.Recipient], original: String? = nil, subject: String = "Undelivered Mail Returned to Sender",
                body: String = "This is the mail system at host mx.example.org.") -> IncomingMessage {
        var message = World.mail(from: "MAILER-DAEMON@mx.example.org", name: "Mail Delivery System", subject: subject, body: body)
        message.contentType = "multipart/report"
        message.reportType = "delivery-status"
        message.deliveryReport = DeliveryReport(recipients: recipients, originalMessageID: original)
        return message
    }

    @Test func deliveryStatusReportIsABounceWithTheFailedRecipient() {
        let message = report([DeliveryReport.Recipient(address: "rfc822; Jane@acme.com", action: "failed", status: "5.1.1")])
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .bounce)
        #expect(attribution?.reading.failedRecipient == "jane@acme.com")
        #expect(attribution?.applicationID == 1)
        #expect(attribution?.match == .contactAddress)
    }

    @Test func bounceCarryingOurMessageIDMatchesByThread() {
        let message = report([DeliveryReport.Recipient(address: "rfc822; sam.recruits@gmail.com", action: "failed")],
                             original: World.checkInToGlobex)
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.applicationID == 2)
        #expect(attribution?.match == .threadReference)
        #expect(attribution?.replyClass == .bounce)
    }

    @Test func bounceMarkedAutoRepliedIsStillABounce() {
        var message = report([DeliveryReport.Recipient(address: "jane@acme.com", action: "failed", status: "5.1.1")])
        message.autoSubmitted = "auto-replied"
        #expect(context.verdict(for: message).replyClass == .bounce)
    }

    @Test func mailerDaemonTextBounceNamesTheContactInTheText() {
        let body = """
        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <peter@initech.de>: host mx.initech.de[192.0.2.7] said: 550 5.1.1 <peter@initech.de>: Recipient address rejected: User unknown
        """
        let message = World.mail(from: "MAILER-DAEMON@mail.example.org", subject: "Undelivered Mail Returned to Sender", body: body)
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .bounce)
        #expect(attribution?.reading.failedRecipient == "peter@initech.de")
        #expect(attribution?.applicationID == 3)
    }

    @Test func exchangeNonDeliveryReportToAColleagueMatchesByDomain() {
        var message = World.mail(from: "postmaster@acme.com", name: "Microsoft Outlook",
                                 subject: "Undeliverable: Thank you",
                                 body: "Your message to old.manager@acme.com couldn't be delivered.\nold.manager wasn't found at acme.com.")
        message.failedRecipients = ["old.manager@acme.com"]
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .bounce)
        #expect(attribution?.match == .companyDomain)
        #expect(attribution?.reading.failedRecipient == "old.manager@acme.com")
    }

    @Test func delayNoticeIsIgnored() {
        let message = report([DeliveryReport.Recipient(address: "rfc822; jane@acme.com", action: "delayed", status: "4.4.1")],
                             subject: "Delayed Mail (still being retried)",
                             body: "Your message could not be delivered for more than 4 hour(s). It will be retried until it is 5 day(s) old.")
        #expect(context.verdict(for: message) == .ignored(.deliveryNoticeWithoutFailure))
    }

    @Test func readReceiptIsIgnored() {
        var message = World.mail(from: "jane@acme.com", subject: "Read: Thank you", body: "Your message was read.")
        message.contentType = "multipart/report"
        message.reportType = "disposition-notification"
        #expect(context.verdict(for: message) == .ignored(.readReceipt))
    }

    @Test func bounceToAnAddressNoApplicationKnowsMatchesNothing() {
        let message = report([DeliveryReport.Recipient(address: "rfc822; friend@elsewhere.net", action: "failed")])
        #expect(context.verdict(for: message) == .ignored(.noApplicationMatches))
    }
}
