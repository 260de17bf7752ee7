import FollowUpCore
import FollowUpDrafts
import Testing

/// The shipped templates must pass their own lint for every kind and a range
/// of awkward inputs (with a speller that knows every word; the real
/// dictionary is used in SpellingTests).
@Suite struct DefaultDraftsTests {
    @Test(arguments: Fixtures.varied.indices)
    func defaultDraftsPassTheirOwnLint(input: Int) throws {
        let composer = try Fixtures.composer()
        let (label, make) = Fixtures.varied[input]
        let sentCheckIn = try composer.render(make(.checkIn)).body
        for kind in MessageKind.allCases {
            for feedback in kind == .rejectionReply ? [false, true] : [false] {
                var request = make(kind)
                request.askForFeedback = feedback
                let draft = try composer.render(request)
                let context = LintContext(request: request, sentCheckInBody: kind == .secondCheckIn ? sentCheckIn : nil)
                let problems = Lint.check(subject: draft.subject, body: draft.body, context: context,
                                          speller: MisspellingSpeller())
                #expect(problems.isEmpty, "\(label) \(kind.rawValue): \(problems)\n\(draft.subject)\n\(draft.body)")
            }
        }
    }
}
