import FollowUpCore
import FollowUpDrafts
import Testing

/// One test per rule of POLICY.md "What a draft must be": each starts from a
/// draft that passes and breaks exactly that rule.
@Suite struct LintRuleTests {
    static let context = LintContext(kind: .checkIn, contactName: "Anna Schmidt", role: "Product Designer",
                                     company: "Acme Robotics", senderName: "Sam Lee", signature: "Sam Lee")

    static let goodCheckIn = """
        Dear Anna Schmidt,

        Thank you again for speaking with me about the Product Designer position at Acme Robotics. \
        Could you share an update on the next steps?

        Best regards,
        Sam Lee
        """

    private func problems(_ body: String = goodCheckIn, subject: String = "Following up",
                          context: LintContext = context, speller: any Speller = MisspellingSpeller()) -> [LintProblem] {
        Lint.check(subject: subject, body: body, context: context, speller: speller)
    }

    private func kinds(_ body: String = goodCheckIn, subject: String = "Following up",
                       context: LintContext = context) -> [LintProblem.Kind] {
        problems(body, subject: subject, context: context).map(\.kind)
    }

    private func with(_ sentence: String) -> String {
        Self.goodCheckIn.replacingOccurrences(of: "Best regards", with: sentence + "\n\nBest regards")
    }

    @Test func goodDraftHasNoProblems() {
        #expect(problems().isEmpty)
    }

    @Test(arguments: [(MessageKind.thankYou, 150), (.checkIn, 120), (.secondCheckIn, 80)])
    func wordLimits(kind: MessageKind, limit: Int) {
        var context = Self.context
        context.kind = kind
        let padding = limit - Lint.wordCount(with(""))
        func padded(_ count: Int) -> String { with(Array(repeating: "design", count: count).joined(separator: " ") + ".") }
        #expect(Lint.wordCount(padded(padding)) == limit)
        #expect(kinds(padded(padding), context: context).isEmpty)
        let problem = problems(padded(padding + 1), context: context).first { $0.kind == .tooLong }
        #expect(problem?.excerpt == "Lee")
        #expect(problem?.message.hasPrefix("\(limit + 1) words; a \(kind.rawValue) has at most \(limit)") == true)
    }

    @Test func secondCheckInMustBeShorterThanTheSentCheckIn() {
        var context = Self.context
        context.kind = .secondCheckIn
        context.sentCheckInBody = Self.goodCheckIn
        #expect(kinds(context: context) == [.notShorterThanCheckIn])
        let shorter = Self.goodCheckIn.replacingOccurrences(of: " again", with: "")
        #expect(kinds(shorter, context: context).isEmpty)
        context.sentCheckInBody = nil
        #expect(kinds(context: context).isEmpty)
    }

    @Test(arguments: [("Dana Roe", "Dear Dana,"), ("Dana Roe", "Dear Dana Roe,"), ("Dana Roe", "Dear Ms. Roe,"),
                      ("Dr. Ana Okafor", "Dear Dr. Okafor,"), ("Dr. Ana Okafor", "Dear Ana,"), ("José Müller", "Dear José,"),
                      ("Zoë", "Dear Zoë,")])
    func addressedToTheContactBySalutation(name: String, greeting: String) {
        var context = Self.context
        context.contactName = name
        #expect(kinds(Self.goodCheckIn.replacingOccurrences(of: "Dear Anna Schmidt,", with: greeting), context: context).isEmpty)
        #expect(kinds(Self.goodCheckIn.replacingOccurrences(of: "Dear Anna Schmidt,", with: "Dear Dr.,"), context: context)
            == [.missingContactName])
    }

    @Test func addressesTheContactByName() {
        #expect(kinds(Self.goodCheckIn.replacingOccurrences(of: "Anna Schmidt", with: "Sir or Madam")) == [.missingContactName])
        #expect(kinds(Self.goodCheckIn.replacingOccurrences(of: "Anna Schmidt", with: "Ms. Schmidt")).isEmpty)
    }

    @Test func namesTheRole() {
        #expect(kinds(Self.goodCheckIn.replacingOccurrences(of: "Product Designer", with: "open")) == [.missingRole])
    }

    @Test func namesTheCompany() {
        #expect(kinds(Self.goodCheckIn.replacingOccurrences(of: "Acme Robotics", with: "your company")) == [.missingCompany])
    }

    @Test func thankYouMentionsTheRecordedTalkingPoint() {
        var context = Self.context
        context.kind = .thankYou
        context.talkingPoints = ["your plans for the warehouse fleet"]
        #expect(kinds(context: context) == [.missingTalkingPoint])
        #expect(kinds(with("I enjoyed hearing your plans for the warehouse fleet."), context: context).isEmpty)
        #expect(kinds(with("The warehouse plans sounded exciting."), context: context).isEmpty)
        context.talkingPoints = []
        #expect(kinds(context: context).isEmpty)
    }

    @Test func thankYouMayMentionAnyRecordedTalkingPoint() {
        var context = Self.context
        context.kind = .thankYou
        context.talkingPoints = ["your plans for the warehouse fleet", "the design review process"]
        #expect(kinds(context: context) == [.missingTalkingPoint])
        #expect(kinds(with("I enjoyed hearing about the design review process."), context: context).isEmpty)
        #expect(kinds(with("The warehouse plans sounded exciting."), context: context).isEmpty)
        let message = problems(context: context).first?.message
        #expect(message == "mention what you talked about: \"your plans for the warehouse fleet\" or \"the design review process\"")
    }

    @Test(arguments: [MessageKind.checkIn, .secondCheckIn])
    func checkInsAskPolitelyAboutNextSteps(kind: MessageKind) {
        var context = Self.context
        context.kind = kind
        let noAsk = Self.goodCheckIn.replacingOccurrences(of: "Could you share an update on the next steps?",
                                                          with: "I remain very interested.")
        #expect(kinds(noAsk, context: context) == [.missingCallToAction])
        context.kind = .thankYou
        #expect(kinds(noAsk, context: context).isEmpty)
    }

    @Test func expressesGratitude() {
        #expect(kinds(Self.goodCheckIn.replacingOccurrences(of: "Thank you again for", with: "I enjoyed")) == [.missingGratitude])
        #expect(kinds(Self.goodCheckIn.replacingOccurrences(of: "Thank you again for", with: "I appreciated")).isEmpty)
    }

    @Test(arguments: ["I'd like to get a final response today.", "Please reply ASAP.", "I need an answer.",
                      "Please respond immediately.", "This is urgent.", "Per my last email, any news?",
                      "Please answer as soon as possible.", "Please reply a.s.a.p."])
    func neverPushy(sentence: String) {
        #expect(kinds(with(sentence)) == [.pushy])
    }

    @Test(arguments: ["I know you must be busy.", "I gained U.S. market experience.", "I could start right away.",
                      "Please let me know if you need anything else.", "At the end of the day, users matter.",
                      "I have answered any job-related questions."])
    func ordinaryPolitePhrasesAreNotFlagged(sentence: String) {
        #expect(kinds(with(sentence)).isEmpty)
    }

    @Test(arguments: ["I desperately want this role.", "I am desperate to hear from you.", "I really need this job."])
    func neverDesperate(sentence: String) {
        #expect(kinds(with(sentence)) == [.desperate])
    }

    @Test(arguments: ["Hey, just checking.", "I'm gonna wait.", "I wanna know more.", "Yeah, that sounds fine.", "Thx again."])
    func neverInformal(sentence: String) {
        #expect(kinds(with(sentence)) == [.informal])
    }

    @Test(arguments: ["Today is your last opportunity to hire me.", "This is your last chance.",
                      "If I don't hear back by Friday I will move on.", "Please reply by end of day."])
    func neverAnUltimatum(sentence: String) {
        #expect(kinds(with(sentence)).contains(.ultimatum))
        #expect(kinds(with(sentence)).allSatisfy { $0 == .ultimatum })
    }

    @Test func competingOfferNamesNoDeadline() {
        var context = Self.context
        context.kind = .competingOffer
        let deadline = with("The offer expires on Friday, so I need to respond by then.")
        #expect(kinds(deadline, context: context) == [.ultimatum, .ultimatum])
        context.kind = .checkIn
        #expect(kinds(deadline, context: context).isEmpty)
    }

    @Test(arguments: ["Thanks 😀", "Thanks ❤️", "Thanks 👍🏽", "Thanks :)", "Thanks ;-)", "Thanks :D"])
    func noEmoji(sentence: String) {
        #expect(kinds(with(sentence)) == [.emoji])
    }

    @Test func typographicSymbolsAreNotEmoji() {
        #expect(kinds(with("Acme Robotics™ © 2027, step #1: done (see 8).")).isEmpty)
    }

    @Test(arguments: ["I am excited!!", "Any news?!", "Really??"])
    func noRepeatedExclamationMarks(sentence: String) {
        #expect(kinds(with(sentence)) == [.repeatedPunctuation])
        #expect(kinds(with("I am excited!")).isEmpty)
    }

    @Test(arguments: [("PLEASE RESPOND to me.", "PLEASE RESPOND"), ("I am VERY EXCITED about it.", "VERY EXCITED"),
                      ("I am VERY\nEXCITED about it.", "VERY\nEXCITED"), ("PLEASE consider me.", "PLEASE"),
                      ("I am REALLY keen.", "REALLY"), ("THIS IS IMPORTANT.", "THIS IS IMPORTANT")])
    func shoutingIsARunOfCapitalsOrOneLongCapitalisedWord(sentence: String, shouted: String) {
        let found = problems(with(sentence))
        #expect(found.map(\.kind) == [.shouting])
        #expect(found.map(\.excerpt) == [shouted])
    }

    @Test(arguments: ["I recently earned the CKA certification.", "I hold the CISSP, CCNA and OSCP certifications.",
                      "I built it on AWS and GCP.", "I am VERY interested.", "I passed the CKA and CKAD exams.",
                      "I know US GAAP well.", "I led the QA team.", "I earned the CSSLP and, later, the CGEIT."])
    func shortCapitalisedWordsAreAcronyms(sentence: String) {
        #expect(kinds(with(sentence)).isEmpty)
    }

    @Test func acronymsAndNamesInCapitalsAreNotShouting() {
        var context = Self.context
        context.company = "ACME Robotics"
        context.role = "UX Designer II"
        let allowed = "Dear Anna Schmidt,\n\nThank you for the UX Designer II interview at ACME Robotics. " +
            "I have built REST APIs with the CEO of a SaaS firm. Could you share the next steps?\n\nSam Lee"
        #expect(kinds(allowed, context: context).isEmpty)
    }

    @Test(arguments: ["Dear [Hiring Manager],", "Dear {{name}},", "TODO: add a sentence.", "Dear <name>,",
                      "We met on XXX.", "Dear ${contact},", "We met on ____.", "Dear {{contact_name,"])
    func noLeftoverPlaceholders(sentence: String) {
        #expect(kinds(with(sentence)) == [.placeholder])
    }

    @Test func addressesAndLinksAreNotPlaceholders() {
        #expect(kinds(with("Portfolio: https://example.com/~sam <sam@mail.example> [1] is fine? No: [1] has no letter.")).isEmpty)
    }

    @Test func proofreadWithTheSpeller() {
        let speller = MisspellingSpeller(misspelt: ["recieve": ["receive"], "Schmidt": [], "Sam": [], "Lee": []])
        let found = problems(with("I hope to recieve news."), speller: speller)
        #expect(found.map(\.kind) == [.spelling])
        #expect(found.first?.message == "unknown word \"recieve\" (did you mean: receive?)")
        #expect(found.first?.kind.isOverridable == true)
    }

    @Test func namesAddressesLinksAndNumbersAreNotSpellChecked() {
        let unknown = ["Zoë", "Kowalczyk", "Qwertronics", "Qwertronics's", "Sam", "Lee", "sam", "mail", "example",
                       "qwertronics", "careers", "nl", "zz", "abc", "2027", "10am"]
        let speller = MisspellingSpeller(misspelt: Dictionary(uniqueKeysWithValues: unknown.map { ($0, []) }))
        let context = LintContext(kind: .checkIn, contactName: "Zoë Kowalczyk", role: "Analyst", company: "Qwertronics",
                                  senderName: "Sam Lee", signature: "Sam Lee")
        let body = """
            Dear Zoë Kowalczyk,

            Thank you for the Analyst interview at Qwertronics on 2027-01-12 at 10am. Qwertronics's team was great. \
            Could you share the next steps? My portfolio: https://careers.qwertronics.nl/abc and sam@mail.example.

            Sam Lee
            """
        #expect(Lint.check(subject: "Follow-up", body: body, context: context, speller: speller).isEmpty)
        let typo = Lint.check(subject: "Follow-up", body: body + "\nzz", context: context, speller: speller)
        #expect(typo.map(\.excerpt) == ["zz"])
    }

    @Test func userKnownWordsAreNeitherMisspeltNorShouting() {
        var context = Self.context
        context.knownWords = ["Figma", "WCAG"]
        let speller = MisspellingSpeller(misspelt: ["Figma": []])
        let body = with("I have used Figma and WCAG AA daily.")
        #expect(Lint.check(subject: "", body: body, context: context, speller: speller).isEmpty)
        #expect(Lint.check(subject: "", body: body, context: Self.context, speller: speller).map(\.kind) == [.spelling, .shouting])
    }

    @Test func onlySpellingMayBeOverridden() {
        #expect(LintProblem.Kind.allCases.filter(\.isOverridable) == [.spelling])
    }

    @Test func subjectIsCheckedToo() {
        let found = problems(subject: "URGENT: [Role] update!!")
        #expect(found.map(\.kind) == [.pushy, .placeholder, .repeatedPunctuation])
        #expect(found.allSatisfy { $0.part == .subject })
    }

    @Test func oneMistakeIsReportedOnce() {
        #expect(kinds(with("TODO ASAP")) == [.placeholder, .pushy])
    }

    @Test func problemsSayWhereTheyAre() throws {
        let body = "Dear Anna Schmidt,\n\nThank you — José’s team at Acme Robotics, Product Designer. " +
            "Next steps?\nPlease reply ASAP."
        let problem = try #require(problems(body).first)
        #expect(problem.kind == .pushy)
        #expect(problem.location == TextLocation(line: 4, column: 14, offset: 105, length: 4))
        #expect(problem.excerpt == "ASAP")
        #expect(problem.description == "body:4:14: pushy: \"ASAP\" sounds pushy; ask politely about the timeline instead")
    }

    @Test(arguments: [("Please reply ASAP.", "ASAP"), ("Please reply A.S.A.P.", "A.S.A.P"),
                      ("This is Urgent.", "Urgent"), ("Answer as soon\nas possible.", "as soon as possible")])
    func pushyWordsAreQuotedAsWritten(sentence: String, quoted: String) {
        let found = problems(with(sentence))
        #expect(found.map(\.kind) == [.pushy])
        #expect(found.first?.message.hasPrefix("\"\(quoted)\" sounds pushy") == true)
    }
}
