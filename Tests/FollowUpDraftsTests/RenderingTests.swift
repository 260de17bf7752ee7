import FollowUpCore
import FollowUpDrafts
import Testing

@Suite struct RenderingTests {
    @Test func plainTextIsNotHTMLEscaped() throws {
        let app = Fixtures.application(company: "O'Brien & Sons", role: "R&D Engineer <Tools>")
        let draft = try Fixtures.composer().render(Fixtures.request(.thankYou, application: app))
        #expect(draft.body.contains("R&D Engineer <Tools> position at O'Brien & Sons."))
        #expect(draft.subject == "Thank you for the R&D Engineer <Tools> interview")
        #expect(!draft.body.contains("&amp;") && !draft.body.contains("&#39;"))
    }

    @Test func nonASCIINamesRenderAsWritten() throws {
        let app = Fixtures.application(company: "Müller & Søn", contact: "José Müller")
        let draft = try Fixtures.composer().render(Fixtures.request(.checkIn, application: app))
        #expect(draft.body.hasPrefix("Dear José,\n"))
        #expect(draft.body.contains("at Müller & Søn."))
    }

    @Test func thankYouNamesTheTalkingPointOnce() throws {
        let draft = try Fixtures.composer().render(Fixtures.request(.thankYou, talkingPoints: ["  your robot fleet. "]))
        #expect(draft.body.contains("I especially enjoyed our conversation about your robot fleet.\n"))
        #expect(draft.body.components(separatedBy: "robot fleet").count == 2)
    }

    @Test(arguments: [MessageKind.thankYou])
    func noTalkingPointLeavesNoDanglingSentence(kind: MessageKind) throws {
        for point in [nil, "", "  ", "."] as [String?] {
            let draft = try Fixtures.composer().render(Fixtures.request(kind, talkingPoints: point.map { [$0] } ?? []))
            #expect(!draft.body.contains("conversation about"))
            #expect(!draft.body.contains("  "))
            #expect(draft.body.contains("at Acme Robotics.\n\n"))
        }
    }

    @Test func jobFairThankYouHasItsOwnText() throws {
        let fair = Event(id: 2, kind: .jobFair, start: Fixtures.interview.start, end: Fixtures.interview.end)
        let draft = try Fixtures.composer().render(
            Fixtures.request(.thankYou, application: Fixtures.application(events: [fair]), event: fair))
        #expect(draft.subject == "Thank you for our conversation at the job fair")
        #expect(draft.body.contains("speak with me on Tuesday. I enjoyed learning about Acme Robotics at the job fair, "
            + "especially about your plans for the new warehouse fleet."))
    }

    @Test func eventDayAndDateAreInTheApplicationsTimeZone() throws {
        var app = Fixtures.application()
        app.timeZone = "Asia/Tokyo" // 10:00 PST Tuesday is 03:00 Wednesday in Tokyo
        let composer = try Fixtures.composer()
        #expect(try composer.render(Fixtures.request(.thankYou, application: app)).body.contains("on Wednesday about"))
        let weekLater = Fixtures.interview.end.addingTimeInterval(7 * 86_400)
        #expect(try composer.render(Fixtures.request(.checkIn, application: app, due: weekLater)).body.contains("on January 13 about"))
    }

    @Test func rejectionReplyAsksForFeedbackOnlyWhenAsked() throws {
        let composer = try Fixtures.composer()
        let asking = try composer.render(Fixtures.request(.rejectionReply, askForFeedback: true))
        let notAsking = try composer.render(Fixtures.request(.rejectionReply, askForFeedback: false))
        #expect(asking.body.contains("grateful for any feedback"))
        #expect(!notAsking.body.contains("feedback"))
        #expect(!notAsking.body.contains("\n\n\n"))
    }

    @Test func competingOfferCarriesTheOfferTextWhenGiven() throws {
        let composer = try Fixtures.composer()
        let with = try composer.render(Fixtures.request(.competingOffer, offer: "It is for a similar role"))
        let without = try composer.render(Fixtures.request(.competingOffer, offer: nil))
        #expect(with.body.contains("from another company. It is for a similar role. I remain very interested"))
        #expect(without.body.contains("from another company. I remain very interested"))
    }

    @Test func newsDraftNeedsTheNews() throws {
        #expect(throws: DraftRequestError.self) {
            try Fixtures.composer().render(Fixtures.request(.news, news: " "))
        }
        let draft = try Fixtures.composer().render(Fixtures.request(.news, news: "i passed the exam"))
        #expect(draft.body.contains("relevant to my application.\n\nI passed the exam.\n\n"))
    }

    @Test func unknownTimeZoneIsAnError() throws {
        var app = Fixtures.application()
        app.timeZone = "Mars/Olympus"
        #expect(throws: DraftRequestError.self) { try Fixtures.composer().render(Fixtures.request(.checkIn, application: app)) }
    }

    @Test(arguments: Fixtures.varied.indices)
    func secondCheckInIsShorterThanCheckIn(input: Int) throws {
        let composer = try Fixtures.composer()
        let make = Fixtures.varied[input].request
        let first = try composer.render(make(.checkIn)).body
        let second = try composer.render(make(.secondCheckIn)).body
        #expect(Lint.wordCount(second) < Lint.wordCount(first))
    }

    @Test func subjectIsOneLineEvenWhenARoleHasNewlines() throws {
        let app = Fixtures.application(role: "Designer\r\nBcc: evil@example.com")
        let draft = try Fixtures.composer().render(Fixtures.request(.checkIn, application: app))
        #expect(draft.subject == "Following up on the Designer Bcc: evil@example.com position")
    }

    @Test func bodyEndsWithTheSignature() throws {
        let draft = try Fixtures.composer().render(Fixtures.request(.secondCheckIn))
        #expect(draft.body.hasSuffix("Best regards,\nSam Lee\nsam.lee@mail.example\n+1 555 0100\n"))
    }

    /// A weekday names the event only while the message goes out within 6
    /// days of it; later (a held or late-approved thank-you) the date does.
    @Test(arguments: [(1, "on Tuesday"), (6, "on Tuesday"), (7, "on January 12"), (20, "on January 12")])
    func lateMessageNamesTheDateNotTheWeekday(daysLater: Int, expected: String) throws {
        let due = Fixtures.interview.end.addingTimeInterval(Double(daysLater) * 86_400)
        let draft = try Fixtures.composer().render(Fixtures.request(.thankYou, due: due))
        #expect(draft.body.contains("speak with me \(expected) about"))
    }

    @Test func withoutADueTimeTheDateIsNamed() throws {
        let draft = try Fixtures.composer().render(Fixtures.request(.thankYou, due: nil))
        #expect(draft.body.contains("speak with me on January 12 about"))
    }

    @Test(arguments: Fixtures.varied.indices)
    func noTemplateNamesAWeekdayAWeekAfterTheEvent(input: Int) throws {
        let composer = try Fixtures.composer()
        let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        for kind in MessageKind.allCases {
            var request = Fixtures.varied[input].request(kind)
            request.due = Fixtures.interview.end.addingTimeInterval(10 * 86_400)
            let draft = try composer.render(request)
            #expect(!weekdays.contains { draft.body.contains($0) || draft.subject.contains($0) }, "\(kind): \(draft.body)")
        }
    }

    @Test func greetingUsesTheSalutation() throws {
        let composer = try Fixtures.composer()
        for (name, greeting) in [("Dana Roe", "Dear Dana,\n"), ("Dr. Ana Okafor", "Dear Dr. Okafor,\n"), ("Zoë", "Dear Zoë,\n")] {
            for kind in MessageKind.allCases {
                let draft = try composer.render(Fixtures.request(kind, application: Fixtures.application(contact: name)))
                #expect(draft.body.hasPrefix(greeting), "\(kind): \(draft.body)")
            }
        }
    }

    @Test func thankYouJoinsUpToTwoTalkingPoints() throws {
        let composer = try Fixtures.composer()
        let points = ["your robot fleet.", "the design review process", "the office move"]
        let draft = try composer.render(Fixtures.request(.thankYou, talkingPoints: points))
        #expect(draft.body.contains("our conversation about your robot fleet and the design review process."))
        #expect(!draft.body.contains("office move"))
        let fair = Event(id: 2, kind: .jobFair, start: Fixtures.interview.start, end: Fixtures.interview.end)
        let fairDraft = try composer.render(Fixtures.request(.thankYou, application: Fixtures.application(events: [fair]),
                                                             event: fair, talkingPoints: Array(points.prefix(2))))
        #expect(fairDraft.body.contains("especially about your robot fleet and the design review process."))
    }
}
