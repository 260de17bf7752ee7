import FollowUpCore
import FollowUpDrafts
import Testing

@Suite struct ThreadingTests {
    @Test func followUpOfAThreadIsReplyToTheEarlierSubject() throws {
        let composer = try Fixtures.composer()
        let thanks = try composer.render(Fixtures.request(.thankYou))
        let checkIn = try composer.render(Fixtures.request(.checkIn, earlierSubject: thanks.subject))
        let second = try composer.render(Fixtures.request(.secondCheckIn, earlierSubject: checkIn.subject))
        #expect(checkIn.subject == "Re: Thank you for the Product Designer interview")
        #expect(second.subject == "Re: Thank you for the Product Designer interview")
    }

    @Test(arguments: [
        ("Re: Re: Interview", "Re: Interview"),
        ("RE: aw: Interview", "Re: Interview"),
        ("Re[2]: Interview", "Re: Interview"),
        ("re : Interview", "Re: Interview"),
        ("Interview  follow-up", "Re: Interview follow-up"),
        ("Fwd: Interview", "Re: Fwd: Interview"),
        ("Regarding your application", "Re: Regarding your application"),
    ])
    func replySubjectNeverRepeatsRe(earlier: String, expected: String) {
        #expect(SubjectPrefix.reply(to: earlier) == expected)
    }

    @Test func withoutAnEarlierSubjectTheTemplateSubjectStands() throws {
        let draft = try Fixtures.composer().render(Fixtures.request(.rejectionReply, earlierSubject: "  "))
        #expect(draft.subject == "Thank you for the update on the Product Designer position")
    }
}
