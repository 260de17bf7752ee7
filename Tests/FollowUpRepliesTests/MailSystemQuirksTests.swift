import Foundation
import Testing
import FollowUpCore
@testable import FollowUpReplies

/// Bounces as real mail systems send them, not as RFC 3464 says they should
/// (found by running sisimai's corpus through the MIME parser).
@Suite struct MailSystemQuirksTests {
    let context = World.context()

    func daemonMail(from address: String = "MAILER-DAEMON@mx.example.org", name: String? = nil,
                    subject: String, body: String = "", report: [DeliveryReport.Recipient] = []) -> IncomingMessage {
        var message = World.mail(from: address, name: name, subject: subject, body: body)
        message.contentType = "multipart/mixed"
        message.deliveryReport = report.isEmpty ? nil : DeliveryReport(recipients: report)
        return message
    }

    @Test func reportOutsideMultipartReportFromAMailSystemIsABounce() {
        let message = daemonMail(subject: "Delivery Status",
                                 report: [DeliveryReport.Recipient(address: "peter@initech.de", action: "failed")])
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .bounce)
        #expect(attribution?.reading.failedRecipient == "peter@initech.de")
    }

    @Test func reportQuotedByAPersonIsNotABounce() {
        var message = World.mail(from: "jane@acme.com", subject: "Re: Thank you",
                                 body: "We will send you the next steps by Friday.")
        message.deliveryReport = DeliveryReport(recipients: [DeliveryReport.Recipient(address: "old@acme.com", action: "failed")])
        #expect(context.verdict(for: message).replyClass != .bounce)
    }

    @Test func nullSenderIsAMailSystem() {
        let message = daemonMail(from: "", name: "MAILER-DAEMON", subject: "Mail delivery failed",
                                 body: "There was an error delivering your mail to <peter@initech.de>.\n554 5.7.9 Message not accepted for policy reasons.")
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .bounce)
        #expect(attribution?.reading.failedRecipient == "peter@initech.de")
    }

    @Test func nullReturnPathWithFailureWordsIsABounce() {
        var message = World.mail(from: "no-reply@mail.isp.example", subject: "Mail error notice",
                                 body: "Your mail sent on Thu, 29 Apr 2013\n  Could not be delivered to: <peter@initech.de>\n  As their mailbox is full.")
        #expect(context.verdict(for: message).replyClass != .bounce)
        message.returnPath = ""
        #expect(context.verdict(for: message).replyClass == .bounce)
    }

    @Test func postMasterWithFailureWordsIsABounce() {
        let message = daemonMail(from: "post_master@vtext.example.com", subject: "Re: Thank you",
                                 body: "Error: Invalid user address\n\n550 - Requested action not taken: no such user here\n\nRCPT TO: peter@initech.de")
        #expect(context.verdict(for: message).replyClass == .bounce)
    }

    @Test func exchangeDidNotReachTheRecipientIsABounce() {
        let message = daemonMail(from: "postmaster@example.net", name: "System Administrator", subject: "E",
                                 body: "Your message\n\n  To: peter@initech.de\n\ndid not reach the following recipient(s):\n\npeter@initech.de on Thu, 29 Apr 2010")
        #expect(context.verdict(for: message).replyClass == .bounce)
    }

    @Test func expiredActionIsAFailure() {
        let message = daemonMail(subject: "Undelivered Mail Returned to Sender",
                                 report: [DeliveryReport.Recipient(address: "peter@initech.de", action: "expired")])
        #expect(context.verdict(for: message).replyClass == .bounce)
    }

    @Test func reportBlockWithoutActionOrStatusSaysNothing() {
        let message = daemonMail(subject: "Delivery Status Notification (Failure)",
                                 body: "Your message to peter@initech.de could not be delivered.",
                                 report: [DeliveryReport.Recipient(address: "peter@initech.de", action: "")])
        #expect(context.verdict(for: message).replyClass == .bounce)
    }

    @Test func headersOfAPossibleReportOrATrackingSystemLeaveTheTextToRead() {
        #expect(context.textMayTieItToAnApplication(daemonMail(subject: "Delivery Status")))
        #expect(context.textMayTieItToAnApplication(World.mail(from: "someone@example.net", subject: "Undeliverable: Thank you")))
        #expect(context.textMayTieItToAnApplication(World.mail(from: "no-reply@us.greenhouse-mail.io", subject: "Your application")))
        #expect(!context.textMayTieItToAnApplication(World.mail(from: "friend@example.net", subject: "Lunch?")))
        var nullSender = World.mail(from: "no-reply@mail.isp.example", subject: "Mail error notice")
        nullSender.returnPath = ""
        #expect(context.textMayTieItToAnApplication(nullSender))
        #expect(context.textMayTieItToAnApplication(World.mail(from: "notifications@calendly.com", subject: "New event")))
        #expect(context.textMayTieItToAnApplication(World.mail(from: "messages-noreply@linkedin.com", subject: "New message")))
    }
}
