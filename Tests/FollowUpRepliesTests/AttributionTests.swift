import Foundation
import Testing
import FollowUpCore
@testable import FollowUpReplies

/// POLICY.md "Replies from the employer": which application a message belongs to.
@Suite struct AttributionTests {
    let context = World.context()

    @Test func threadReferenceMatchesEvenFromAnUnknownFreeMailSender() {
        let verdict = context.verdict(for: World.mail(from: "hiring.manager.personal@gmail.com",
                                                      body: "Thanks, we'll be in touch.",
                                                      inReplyTo: [World.thankYouToAcme]))
        #expect(verdict.attribution?.applicationID == 1)
        #expect(verdict.attribution?.match == .threadReference)
    }

    @Test func threadReferenceBeatsTheSendersContactAddress() {
        // Jane is Acme's contact, but she answers our Globex check-in (she moved companies).
        let verdict = context.verdict(for: World.mail(from: "jane@acme.com", inReplyTo: [World.checkInToGlobex]))
        #expect(verdict.attribution?.applicationID == 2)
        #expect(verdict.attribution?.match == .threadReference)
    }

    @Test func nearestReferencedMessageDecidesTheThread() {
        let verdict = context.verdict(for: World.mail(from: "someone@elsewhere.net",
                                                      references: [World.thankYouToAcme, World.checkInToGlobex]))
        #expect(verdict.attribution?.applicationID == 2)
    }

    @Test func contactAddressMatchesWhateverItsCase() {
        let verdict = context.verdict(for: World.mail(from: "Jane@ACME.com"))
        #expect(verdict.attribution?.applicationID == 1)
        #expect(verdict.attribution?.match == .contactAddress)
    }

    @Test func freeMailRecruiterMatchesOnlyAsContactOrByThread() {
        let asContact = context.verdict(for: World.mail(from: "sam.recruits@gmail.com"))
        #expect(asContact.attribution?.applicationID == 2)
        #expect(asContact.attribution?.match == .contactAddress)
        // Another gmail.com sender says nothing about Globex, nor about anyone.
        #expect(context.verdict(for: World.mail(from: "sam.other@gmail.com")) == .ignored(.noApplicationMatches))
    }

    @Test func colleagueAtTheCompanyDomainMatchesByDomain() {
        let verdict = context.verdict(for: World.mail(from: "bob.smith@acme.com", name: "Bob Smith",
                                                      subject: "Acme - next conversation"))
        #expect(verdict.attribution?.applicationID == 1)
        #expect(verdict.attribution?.match == .companyDomain)
    }

    @Test func subdomainOfCompanyDomainCounts() {
        let verdict = context.verdict(for: World.mail(from: "talent@mail.acme.com"))
        #expect(verdict.attribution?.applicationID == 1)
        #expect(verdict.attribution?.match == .companyDomain)
    }

    @Test(arguments: ["hr@acme.com.evil.io", "hr@notacme.com", "hr@acme.co", "hr@acmecom.net", "hr@acme-com.io"])
    func lookAlikeDomainsDoNotCount(sender: String) {
        #expect(context.verdict(for: World.mail(from: sender)) == .ignored(.noApplicationMatches))
    }

    @Test func freeMailDomainNeverCountsAsCompanyDomain() {
        var misconfigured = World.globex
        misconfigured.companyDomains = ["gmail.com", "globex.io"]
        let context = World.context([misconfigured])
        #expect(context.verdict(for: World.mail(from: "anyone@gmail.com")) == .ignored(.noApplicationMatches))
    }

    @Test(arguments: ["gmail.com", "googlemail.com", "outlook.com", "hotmail.co.uk", "live.com", "yahoo.fr",
                      "yahoo.com.br", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de",
                      "gmx.at", "web.de", "mail.ru", "yandex.ru", "zoho.com", "fastmail.fm"])
    func freeMailProvidersAreRecognised(domain: String) {
        #expect(MailDomain.isFreeMail(domain))
    }

    @Test(arguments: ["acme.com", "live.acme.com", "mail.acme.com", "outlook.initech.de", "gmailer.com"])
    func companyDomainsAreNotFreeMail(domain: String) {
        #expect(!MailDomain.isFreeMail(domain))
    }

    @Test(arguments: [
        ("no-reply@us.greenhouse-mail.io", "Acme Recruiting", "Your application to Acme", "Hi Alex, thank you for interviewing."),
        ("no-reply@hire.lever.co", "Acme Corp", "Update on your application", "Hi Alex"),
        ("acmecorp@myworkday.com", nil, "Application update", "Dear Alex"),
        ("notifications@ashbyhq.com", nil, "An update from the hiring team", "Thank you for your time with the Acme team."),
        ("jobs@smartrecruiters.com", "Acme Talent", "Your candidacy", "Hello"),
        ("noreply@talent.icims.com", nil, "Acme Corp: your application", "Hello"),
        ("jobs-noreply@workablemail.com", "Acme", "Your application", "Hello"),
        ("notification@jobvite.com", nil, "Backend Engineer at ACME", "Hello"),
        ("no-reply@acme.bamboohr.com", nil, "Your application", "Regards, the Acme people team"),
    ] as [(String, String?, String, String)])
    func trackingSystemMatchesWhenTheMessageNamesTheCompany(sender: String, name: String?, subject: String, body: String) {
        let verdict = context.verdict(for: World.mail(from: sender, name: name, subject: subject, body: body))
        #expect(verdict.attribution?.applicationID == 1)
        #expect(verdict.attribution?.match == .relaySystem)
    }

    @Test func trackingSystemWithoutTheCompanyNameMatchesNothing() {
        let message = World.mail(from: "no-reply@us.greenhouse-mail.io", subject: "Update on your application",
                                 body: "Thank you for your interest. We have decided to move forward with other candidates.")
        #expect(context.verdict(for: message) == .ignored(.noApplicationMatches))
    }

    @Test func companyNamedOnlyInOurQuotedTextDoesNotCount() {
        let body = """
        Thank you for your message.

        On Mon, Nov 16, 2026 at 9:00 AM Alex <alex@example.org> wrote:
        > Thank you for the interview for the Backend Engineer role at Acme.
        """
        let message = World.mail(from: "reply@us.greenhouse-mail.io", subject: "Re: Thank you", body: body)
        #expect(context.verdict(for: message) == .ignored(.noApplicationMatches))
    }

    @Test func messageThatArrivedBeforeTheEventStartDoesNotCount() {
        let message = World.mail(from: "jane@acme.com", body: "See you on Tuesday!", at: "2026-11-09T12:00:00Z")
        #expect(context.verdict(for: message) == .ignored(.arrivedBeforeEventStart(1)))
    }

    @Test func messageBeforeTheCurrentRoundStartDoesNotCount() {
        var twoRounds = World.acme
        twoRounds.events.append(World.interview(12, "2026-11-25T15:00:00Z"))
        let message = World.mail(from: "jane@acme.com", body: "We'd like to invite you to a final interview.")
        #expect(World.context([twoRounds]).verdict(for: message) == .ignored(.arrivedBeforeEventStart(1)))
    }

    @Test func messageFromTheUsersOwnAddressIsOurOwn() {
        #expect(context.verdict(for: World.mail(from: "ALEX@example.org", inReplyTo: [World.thankYouToAcme]))
                == .ignored(.ownMessage))
        #expect(context.verdict(for: World.mail(from: "alex.candidate@gmail.com")) == .ignored(.ownMessage))
    }

    @Test func messageCarryingAMessageIDWeSentIsOurOwn() {
        // Our thank-you, delivered back to us (Bcc, or a copy filed into the inbox).
        let copy = World.mail(from: "alex+jobs@example.net", subject: "Thank you", messageID: "<THANKS-1@example.org>")
        #expect(context.verdict(for: copy) == .ignored(.ownMessage))
    }

    @Test func equallyStrongMatchesGoToTheMostRecentRoundAsUnclear() {
        var frontend = World.acme
        frontend.id = 4
        frontend.role = "Frontend Engineer"
        frontend.contacts = [Contact(name: "Kim Lee", email: "kim@acme.com")]
        frontend.events = [World.interview(41, "2026-11-13T15:00:00Z")]
        let message = World.mail(from: "careers@acme.com",
                                 body: "Unfortunately we have decided to move forward with other candidates.")
        let attribution = World.context([World.acme, frontend]).verdict(for: message).attribution
        #expect(attribution?.applicationID == 4)
        #expect(attribution?.alsoMatching == [1])
        #expect(attribution?.reading.replyClass == .rejection)
        #expect(attribution?.replyClass == .unclear)
    }

    @Test func roleNamedInTheMessageSettlesEquallyStrongMatches() {
        var frontend = World.acme
        frontend.id = 4
        frontend.role = "Frontend Engineer"
        frontend.events = [World.interview(41, "2026-11-13T15:00:00Z")]
        let message = World.mail(from: "careers@acme.com", subject: "Your Backend Engineer application",
                                 body: "Unfortunately we have decided to move forward with other candidates.")
        let attribution = World.context([World.acme, frontend]).verdict(for: message).attribution
        #expect(attribution?.applicationID == 1)
        #expect(attribution?.alsoMatching == [])
        #expect(attribution?.replyClass == .rejection)
    }

    @Test func contactMatchOutranksADomainMatchOfAnotherApplication() {
        var frontend = World.acme
        frontend.id = 4
        frontend.contacts = [Contact(name: "Kim Lee", email: "kim@acme.com")]
        let verdict = World.context([World.acme, frontend]).verdict(for: World.mail(from: "kim@acme.com"))
        #expect(verdict.attribution?.applicationID == 4)
        #expect(verdict.attribution?.match == .contactAddress)
        #expect(verdict.attribution?.alsoMatching == [])
    }

    @Test func contextFromHistoriesKnowsOnlyMessagesThatMayHaveBeenSent() {
        func draft(_ id: DraftID, _ state: DraftState) -> Draft {
            Draft(id: id, applicationID: 1, round: 11, kind: .thankYou, recipientName: "Jane Doe",
                  recipientEmail: "jane@acme.com", subject: "Thank you", body: "", due: World.instant("2026-11-11T15:00:00Z"),
                  messageID: "<d\(id)@example.org>", state: state, createdAt: World.instant("2026-11-10T17:00:00Z"))
        }
        let context = ReplyContext(userAddresses: World.userAddresses,
                                   histories: [ApplicationHistory(application: World.acme,
                                                                  drafts: [draft(1, .sent), draft(2, .discarded)])])
        #expect(context.verdict(for: World.mail(from: "x@y.net", inReplyTo: ["<d1@example.org>"])).attribution?.match == .threadReference)
        #expect(context.verdict(for: World.mail(from: "x@y.net", inReplyTo: ["<d2@example.org>"])) == .ignored(.noApplicationMatches))
    }
}

/// The user's own `[replies]` entries join the table, by what the system does.
@Suite struct UserRelaySystemTests {
    @Test func aSchedulingToolTheUserAddedBooksANextStep() {
        let message = World.mail(from: "bookings@book.example-scheduler.io", subject: "Your interview with Acme Corp. is booked",
                                 body: "Monday 30 November, 10:00. See you then.")
        let known = World.context()
        #expect(known.verdict(for: message) == .ignored(.noApplicationMatches))
        var mine = World.context()
        mine.relays = RelaySystems(tracking: [], scheduling: ["example-scheduler.io"], platforms: [])
        #expect(mine.verdict(for: message).replyClass == .nextStep)
        #expect(mine.verdict(for: message).attribution?.match == .relaySystem)
    }

    @Test func aPlatformTheUserAddedIsReadThere() {
        let message = World.mail(from: "messages@example-jobboard.de", subject: "Jane Doe sent you a message",
                                 body: "Jane Doe (Acme Corp.) sent you a message. Read it on example-jobboard.")
        var mine = World.context()
        mine.relays = RelaySystems(tracking: [], scheduling: [], platforms: ["example-jobboard.de"])
        let attribution = mine.verdict(for: message).attribution
        #expect(attribution?.replyClass == .unclear)
        #expect(attribution?.reading.readOn == "example-jobboard.de")
    }
}
