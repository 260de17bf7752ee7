import FollowUpCore
import FollowUpDrafts
import Foundation
import Testing

/// What each shipped text says, from the user trial and POLICY.md's timeline.
@Suite struct TemplateTextTests {
    private func render(_ kind: MessageKind, event: Event = Fixtures.interview, news: String? = nil,
                        due: Date? = Fixtures.interview.end.addingTimeInterval(7 * 86_400)) throws -> RenderedDraft {
        let app = Fixtures.application(events: [event])
        return try Fixtures.composer().render(Fixtures.request(kind, application: app, event: event,
                                                               news: news ?? "I earned a certificate.", due: due))
    }

    private func paragraphs(_ body: String) -> [String] {
        body.components(separatedBy: "\n\n")
    }

    @Test func checkInOpensWithThanksThenInterestThenAsksAboutTheTimeline() throws {
        let body = try render(.checkIn).body
        #expect(!body.contains("hope you are doing well"))
        let text = paragraphs(body)
        #expect(text[1].hasPrefix("Thank you again for speaking with me on January 12 about the Product Designer position"))
        #expect(text[2].hasPrefix("I remain very interested"))
        #expect(text[2].contains("Could you share an update on the timeline and the next steps"))
    }

    @Test func secondCheckInAsksAPoliteQuestion() throws {
        let body = try render(.secondCheckIn).body
        #expect(body.contains("Is there any update you can share on the timeline?"))
    }

    /// The user may send it to two companies: it says the interest is real, never that this one comes first.
    @Test func competingOfferStatesInterestWithoutRankingOrADeadline() throws {
        let draft = try render(.competingOffer)
        #expect(draft.subject == "Update on my application for the Product Designer position")
        #expect(paragraphs(draft.body)[1] == "Thank you for speaking with me about the Product Designer position at Acme Robotics.")
        #expect(draft.body.contains("I remain very interested in the Product Designer position"))
        for word in ["first choice", "top choice", "my favourite", "my favorite", "preferred", "deadline", "expire", "by then", "soon", "quickly"] {
            #expect(!draft.body.lowercased().contains(word))
        }
    }

    @Test func networkingThankYouNeverSaysJobFair() throws {
        let networking = Event(id: 3, kind: .networking, start: Fixtures.interview.start, end: Fixtures.interview.end)
        let draft = try render(.thankYou, event: networking, due: Fixtures.dayAfter)
        #expect(!(draft.subject + draft.body).lowercased().contains("job fair"))
        #expect(draft.subject == "Thank you for our conversation")
        #expect(draft.body.contains("speak with me on Tuesday. I enjoyed learning about Acme Robotics during our conversation"))
        let fair = Event(id: 2, kind: .jobFair, start: Fixtures.interview.start, end: Fixtures.interview.end)
        #expect(try render(.thankYou, event: fair, due: Fixtures.dayAfter).body.contains("Acme Robotics at the job fair"))
    }

    @Test func rejectionReplyIsGracious() throws {
        let body = try render(.rejectionReply).body
        #expect(body.contains("Although I am disappointed not to be moving forward, I truly enjoyed learning about Acme Robotics"))
        #expect(body.contains("future opportunities at Acme Robotics"))
    }

    @Test(arguments: ["I recently earned the CKA certification.",
                      "I recently earned the CKA certification. I also published an article on cluster upgrades."])
    func newsReadsWellWithOneOrTwoSentences(news: String) throws {
        let draft = try render(.news, news: news)
        #expect(paragraphs(draft.body)[2] == news)
        #expect(paragraphs(draft.body)[1].hasSuffix("relevant to my application."))
        let context = LintContext(request: Fixtures.request(.news, news: news))
        #expect(Lint.check(subject: draft.subject, body: draft.body, context: context, speller: MisspellingSpeller()).isEmpty)
    }
}
