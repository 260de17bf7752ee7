import Foundation
import Testing
import FollowUpCore
@testable import FollowUpReplies

/// POLICY.md reply classes, read from what the sender wrote.
@Suite struct ClassificationTests {
    let context = World.context()

    func replyClass(_ body: String, subject: String = "Re: Thank you - Backend Engineer interview") -> ReplyClass? {
        context.verdict(for: World.mail(from: "jane@acme.com", subject: subject, body: body)).replyClass
    }

    @Test(arguments: [
        "Hi Alex,\n\nThank you for taking the time to meet with us. After careful consideration, we have decided to move forward with other candidates whose experience more closely matches our needs.\n\nBest,\nJane",
        "Dear Alex,\nthank you for your interest in Acme. Unfortunately, we will not be moving forward with your application at this time.",
        "Hi Alex, after much deliberation the team decided not to proceed with your candidacy.",
        "Hello Alex,\n\nI wanted to let you know that the position has been filled.\n\nKind regards,\nJane",
        "Alex, we've decided to pursue other applicants for this role. We wish you the best in your job search.",
        "We regret to inform you that you were not selected for the Backend Engineer position.",
        "Hi Alex -\nWe won't be moving forward, but it was a pleasure to meet you.",
        "Thank you for your patience. Unfortunately, we're unable to offer you the position.",
        "The hiring team chose another candidate for the role.",
        "Thanks for interviewing with us. Unfortunately your application was unsuccessful on this occasion.",
        "We have decided to go in a different direction with this role.",
        "Hi Alex, we went with an internal candidate in the end. We'll keep your resume on file.",
        "Unfortunately, we have decided not to offer you the role.",
        "We've decided to move forward with someone else whose background better fits the team.",
        "Hi Alex, unfortunately the role has been closed and we will not be progressing your\napplication any further.",
        "Unfortunately, your application for the Backend Engineer role was not the right fit for us.",
        "Leider müssen wir Ihnen mitteilen, dass wir uns für einen anderen Kandidaten entschieden haben.",
        "Nous avons le regret de vous informer que nous ne pouvons pas donner suite à votre candidature.",
    ])
    func rejectionsAreRecognisedHoweverWorded(body: String) {
        #expect(replyClass(body) == .rejection)
    }

    @Test(arguments: [
        "We'd like to invite you to a final round interview with our CTO next week. Could you share your availability?",
        "Great news: the team would love to have you back for an onsite. Please pick a time slot here.",
        "I'm delighted to extend you an offer for the Backend Engineer role! The offer letter is attached.",
        "Congratulations! We are pleased to offer you the position.",
        "Before we continue, could you send us two professional references?",
        "As a next step, please complete the take-home assignment within a week.",
        "Could you send me a copy of your diploma and proof of address? We'll start the background check.",
        "We'd like to move you forward to the technical interview stage. What times work for you?",
    ])
    func nextStepsAreRecognised(body: String) {
        #expect(replyClass(body) == .nextStep)
    }

    @Test(arguments: [
        "Thanks for checking in! We need a bit more time to decide.",
        "We're still interviewing other candidates and will get back to you soon.",
        "Hi Alex, we haven't made a final decision yet. Thank you for your patience.",
        "The hiring process has been delayed because our VP is travelling.",
        "You are still under consideration; it's taking longer than expected.",
    ])
    func needMoreTimeIsRecognised(body: String) {
        #expect(replyClass(body) == .needMoreTime)
    }

    @Test func negatedRejectionIsNotARejection() {
        #expect(replyClass("We have not decided to move forward with other candidates; we are still interviewing.") == .needMoreTime)
        #expect(replyClass("To be clear, we haven't chosen another candidate.") != .rejection)
    }

    @Test func negatedInvitationIsARejectionNotANextStep() {
        #expect(replyClass("I'm sorry, but we will not be inviting you to the next round.") == .rejection)
        #expect(replyClass("We can't extend an offer at this time.") == .rejection)
    }

    @Test func rejectionTogetherWithAnInvitationIsUnclear() {
        let body = "We won't be moving forward for the Backend role, but we'd like to invite you to interview for our Platform team."
        #expect(replyClass(body) == .unclear)
    }

    @Test func rejectionOfferingAFeedbackCallIsStillARejection() {
        let body = "Unfortunately we have decided to move forward with other candidates. I'd be happy to schedule a call to share feedback."
        #expect(replyClass(body) == .rejection)
    }

    @Test func unfortunatelyAboutSchedulingIsNoRejection() {
        #expect(replyClass("Unfortunately I'm travelling this week. I'll reply properly on Monday.") == .unclear)
    }

    @Test func unfortunatelyAboutTheApplicationIsARejectionWhenNothingElseIsSaid() {
        #expect(replyClass("Unfortunately, the team has given the opportunity to a colleague who applied earlier.") == .rejection)
    }

    @Test func politeReplyWithoutSignalsIsUnclear() {
        #expect(replyClass("Thanks Alex, it was great talking to you too!") == .unclear)
    }

    @Test func ourOwnWordsInAGmailQuoteDoNotCount() {
        let body = """
        Thanks Alex, much appreciated.

        On Wed, Nov 11, 2026 at 10:02 AM Alex Candidate <alex@example.org>
        wrote:
        > Dear Jane,
        > Thank you for the interview. I would be happy to schedule a follow-up and can
        > send references. I look forward to hearing about next steps and your availability.
        > Unfortunately I forgot to mention my portfolio.
        """
        #expect(replyClass(body) == .unclear)
    }

    @Test func ourOwnWordsInAnOutlookQuoteDoNotCount() {
        let body = """
        Received, thanks.

        ________________________________
        From: Alex Candidate <alex@example.org>
        Sent: Wednesday, November 11, 2026 10:02 AM
        To: Jane Doe <jane@acme.com>
        Subject: Thank you

        Dear Jane, could you share your availability for next steps? Unfortunately my application
        letter had a typo.
        """
        #expect(replyClass(body) == .unclear)
    }

    @Test func bottomPostedAnswerBelowTheQuoteIsRead() {
        let body = """
        On Wed, Nov 11, 2026 at 10:02 AM Alex <alex@example.org> wrote:
        > I look forward to hearing about next steps.

        Hi Alex, unfortunately we have decided to move forward with other candidates.
        """
        #expect(replyClass(body) == .rejection)
    }

    @Test func signatureAndDisclaimerDoNotDecide() {
        let body = """
        Thanks for the note, Alex.

        Best regards,
        Jane Doe
        Senior Recruiter | Acme - book a time slot with me: calendly.com/jane
        CONFIDENTIALITY NOTICE: if you are not the intended recipient, unfortunately the application of this notice...
        """
        #expect(replyClass(body) == .unclear)
    }

    @Test func dashDashSignatureIsCut() {
        let body = "Got it, thank you.\n-- \nJane Doe\nWe're hiring! Invite you to apply: acme.com/jobs"
        #expect(replyClass(body) == .unclear)
    }

    @Test func forwardedThreadIsReadByTheColleaguesOwnWords() {
        let body = """
        Hi Alex,

        Jane forwarded me your note. We'd like to invite you to a technical interview with the team - could you share your availability?

        Bob

        ---------- Forwarded message ---------
        From: Alex Candidate <alex@example.org>
        Date: Wed, Nov 11, 2026 at 10:02 AM
        Subject: Thank you
        To: Jane Doe <jane@acme.com>

        Unfortunately I could not stay longer; I was not selected for the panel lunch.
        """
        let verdict = context.verdict(for: World.mail(from: "bob@acme.com", subject: "Fwd: Thank you", body: body))
        #expect(verdict.attribution?.match == .companyDomain)
        #expect(verdict.replyClass == .nextStep)
    }

    @Test func forwardedDecisionWithoutOwnWordsIsUnclear() {
        let body = """
        FYI, see below.

        Begin forwarded message:

        From: Jane Doe <jane@acme.com>
        Subject: Candidate update
        We have decided to move forward with other candidates.
        """
        #expect(context.verdict(for: World.mail(from: "bob@acme.com", subject: "Fwd: Candidate update", body: body)).replyClass == .unclear)
    }

    @Test func subjectOfANewMessageCounts() {
        #expect(replyClass("Hi Alex, please see the details below.", subject: "Interview invitation - Acme") == .nextStep)
    }

    @Test func subjectOfAReplyToUsDoesNotCount() {
        #expect(replyClass("Noted.", subject: "Re: Next steps - would you share your availability?") == .unclear)
    }

    @Test func trackingSystemRejectionIsARejectionDespiteAutomationHeaders() {
        var message = World.mail(from: "no-reply@us.greenhouse-mail.io", name: "Acme Hiring Team",
                                 subject: "Your application to Acme",
                                 body: "Hi Alex,\n\nThank you for your interest in Acme. After careful review we have decided to move forward with other candidates.\n\nThe Acme Recruiting Team")
        message.autoSubmitted = "auto-generated"
        message.precedence = "bulk"
        let verdict = context.verdict(for: message)
        #expect(verdict.attribution?.match == .relaySystem)
        #expect(verdict.replyClass == .rejection)
    }

    @Test func recordedReplyCarriesTheEffectiveClassAndFacts() throws {
        let message = World.mail(from: "jane@acme.com", body: "We need a bit more time; we'll decide by Friday.")
        let attribution = try #require(context.verdict(for: message).attribution)
        let record = attribution.recordedReply(id: 9, for: message)
        #expect(record.applicationID == 1)
        #expect(record.replyClass == .needMoreTime)
        #expect(record.until == LocalDate(year: 2026, month: 11, day: 27))
        #expect(record.receivedAt == message.internalDate)
        #expect(record.from == "jane@acme.com")
        #expect(record.source == .mail)
    }
}
