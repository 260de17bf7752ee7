import Foundation
import Testing
import MailMessage
import FollowUpCore
@testable import FollowUpReplies

/// Bulk mail is no reply, but a reply is never taken for bulk mail: the
/// worst a mistake may cost is a reply read as `unclear`.
@Suite struct BulkMailTests {
    let context = World.context()

    func mail(from address: String, subject: String, body: String, bulk: [String] = [], precedence: String? = nil,
              inReplyTo: [String] = []) -> IncomingMessage {
        var message = World.mail(from: address, subject: subject, body: body, inReplyTo: inReplyTo)
        message.bulkHeaders = bulk
        message.precedence = precedence
        return message
    }

    @Test func aNewsletterFromASubdomainIsNoReply() {
        let message = mail(from: "newsletter@news.acme.com", subject: "Acme Engineering Digest",
                           body: "Hi Alex,\n\nHere is what we shipped in November.\n\nUnsubscribe | View in browser",
                           bulk: ["List-Unsubscribe", "List-Id"], precedence: "bulk")
        guard case .ignored(.bulkMail(1, let why)) = context.verdict(for: message) else {
            Issue.record("\(context.verdict(for: message))")
            return
        }
        #expect(why.contains("List-Unsubscribe"))
    }

    @Test func aRejectionWithListHeadersIsStillARejection() {
        let message = mail(from: "no-reply@acme.com", subject: "Your application",
                           body: "Dear Alex,\n\nunfortunately we have decided to move forward with other candidates.\n\nUnsubscribe",
                           bulk: ["List-Unsubscribe"], precedence: "bulk")
        #expect(context.verdict(for: message).replyClass == .rejection)
    }

    @Test func aContactsPersonalMailSentInBulkIsAReply() {
        let message = mail(from: "jane@acme.com", subject: "Final round",
                           body: "Hi Alex,\n\nwe would like to invite you to a final interview next week.\n\nUnsubscribe",
                           bulk: ["List-Unsubscribe"], precedence: "bulk")
        #expect(context.verdict(for: message).replyClass == .nextStep)
    }

    @Test func anAnswerToOurMessageIsAReplyWhateverItsHeaders() {
        let message = mail(from: "newsletter@news.acme.com", subject: "Re: Thank you",
                           body: "Thanks, Alex. Newsletter aside: we will be in touch.", bulk: ["List-Id"],
                           inReplyTo: [World.thankYouToAcme])
        #expect(context.verdict(for: message).attribution != nil)
    }

    @Test func aRecruiterAtCareersAskingForTimeIsAReply() {
        let message = mail(from: "careers@acme.com", subject: "Your application",
                           body: "Thank you for your application. We are still interviewing and will get back to you by December 10.")
        #expect(context.verdict(for: message).replyClass == .needMoreTime)
    }

    @Test func aTrackingSystemsRequestForTimeAboutTheRoleIsAReply() {
        let message = mail(from: "no-reply@us.greenhouse-mail.io", subject: "Backend Engineer at Acme Corp.",
                           body: "We have received your feedback forms. Your application for Backend Engineer is still under review; we need a little more time and will update you by December 10.")
        #expect(context.verdict(for: message).replyClass == .needMoreTime)
    }

    @Test func aReceiptForAnotherRoleIsNoReply() {
        let message = mail(from: "acme@myworkday.com", subject: "Thank you for applying for Site Reliability Engineer at Acme Corp.",
                           body: "We have received your application for the Site Reliability Engineer position. Our team will review it and get back to you within two weeks.")
        guard case .ignored(.bulkMail(1, "an acknowledgement of an application")) = context.verdict(for: message) else {
            Issue.record("\(context.verdict(for: message))")
            return
        }
    }

    @Test func aPlatformsJobAlertIsNoReplyButItsMessageNoticeIsReadThere() {
        let alert = mail(from: "jobs-noreply@linkedin.com", subject: "Acme Corp. is hiring: 5 new jobs",
                         body: "Jobs you may be interested in at Acme Corp.", bulk: ["List-Unsubscribe"])
        guard case .ignored(.bulkMail(1, let why)) = context.verdict(for: alert) else {
            Issue.record("\(context.verdict(for: alert))")
            return
        }
        #expect(why == "a notification from LinkedIn, not a message")
        let notice = mail(from: "messages-noreply@linkedin.com", subject: "Jane Doe sent you a message",
                          body: "Jane Doe, Recruiter at Acme Corp., sent you a message.", bulk: ["List-Unsubscribe"])
        let attribution = context.verdict(for: notice).attribution
        #expect(attribution?.replyClass == .unclear && attribution?.reading.readOn == "LinkedIn")
    }
}

/// What the review of the reading rules found: each a reply that must not be lost.
@Suite struct RepliesNeverLostTests {
    let context = World.context()

    @Test func aPersonSayingNoNeedToResendIsNoDelayNotice() {
        let message = World.mail(from: "jane@acme.com", subject: "Your application",
                                 body: "Hi Alex,\n\nno need to resend your CV. Unfortunately we have decided to move forward with other candidates.\n\nJane")
        #expect(context.verdict(for: message).replyClass == .rejection)
    }

    @Test func aPersonAwayForAFewDaysIsNoAutoReply() {
        let message = World.mail(from: "jane@acme.com", subject: "Re: Thank you",
                                 body: "Hi Alex,\n\nI'm travelling until Thursday, but the team loved meeting you. Sam will reach out.\n\nJane",
                                 inReplyTo: [World.thankYouToAcme])
        #expect(context.verdict(for: message).replyClass != .autoReply)
    }

    @Test func aDecisionRelayedByAPlatformIsReadThere() {
        let message = World.mail(from: "jobs-noreply@linkedin.com", subject: "Your application to Backend Engineer at Acme Corp.",
                                 body: "Unfortunately, Acme Corp. has decided not to move forward with your application.")
        let attribution = context.verdict(for: message).attribution
        #expect(attribution?.replyClass == .unclear && attribution?.reading.readOn == "LinkedIn")
    }

    @Test func aContactWritingFromTheirOwnTenantIsReadByTheirWords() {
        var acme = World.acme
        acme.contacts = [Contact(name: "Jane Doe", email: "jane@acme.onmicrosoft.com")]
        let context = World.context([acme])
        let message = World.mail(from: "jane@acme.onmicrosoft.com", subject: "Re: Thank you",
                                 body: "We need a little more time and will get back to you by December 10.",
                                 inReplyTo: [World.thankYouToAcme])
        #expect(context.verdict(for: message).replyClass == .needMoreTime)
    }

    @Test func aBookingMailboxInvitingWithTheContactAsAttendeeIsANextStep() {
        var message = World.mail(from: "interviews@acme-bookings.example", subject: "Booking confirmed: Technical interview",
                                 body: "Your booking is confirmed for Monday 30 November at 10:00.")
        message.invitation = CalendarInvitation(method: "REQUEST", organizer: MailAddress(address: "interviews@acme-bookings.example"),
                                                attendees: [MailAddress(address: "alex@example.org"), MailAddress(address: "jane@acme.com")])
        #expect(context.verdict(for: message).replyClass == .nextStep)
    }
}
