import Foundation
import Testing
import TestSupport
@testable import FollowUpCore

/// Approval by reply: only the user's own answer to the very notice of an
/// unchanged draft acts, and every refusal says why.
@Suite struct AnswerRulesTests {
    let token = "notice.0123456789abcdef0123456789abcdef@example.com"

    func draft(_ state: DraftState = .drafted, body: String = "Dear Dana,\n\nthank you.") -> Draft {
        Draft(id: 7, applicationID: 1, round: 1, kind: .checkIn, recipientName: "Dana Roe", recipientEmail: "dana@acme.example",
              subject: "Re: Thank you", body: body, due: utc("2027-01-19T10:00:00Z"), messageID: "m@x", state: state,
              createdAt: utc("2027-01-18T10:00:00Z"))
    }

    func decide(fromUser: Bool = true, names: [String]? = nil, verb: AnswerVerb? = .approve, drafts: [(DraftID, String)]? = nil,
                answeredBefore: Bool = false, known: Bool = true, now draft: Draft? = nil, problems: [String] = []) -> AnswerRules.Decision {
        let shown = drafts ?? [(7, self.draft().revision)]
        let notice = known ? AnswerRules.AnsweredNotice(messageID: token, drafts: shown.map { (id: $0.0, revision: $0.1) },
                                                        answeredBefore: answeredBefore) : nil
        return AnswerRules.decide(AnswerRules.Answer(fromUser: fromUser, names: names ?? [token], verb: verb),
                                  notice: notice, draft: draft ?? self.draft(), problems: problems)
    }

    @Test(arguments: [("approve", AnswerVerb.approve), ("  Approve.\n> quoted", .approve), ("\n\nDISCARD!\n", .discard),
                      ("skip", .skip), ("approve it please", nil), ("> approve", nil), ("", nil)])
    func theVerbIsTheFirstNonEmptyLineAlone(text: String, verb: AnswerVerb?) {
        #expect(AnswerVerb.of(text) == verb)
    }

    @Test func theUsersAnswerToTheNoticeOfAnUnchangedDraftActs() {
        #expect(decide() == .act(.approve, 7))
        #expect(decide(verb: .discard) == .act(.discard, 7))
    }

    @Test func mailThatNamesNoNoticeIsTheUsersOwnAndLeftAlone() {
        #expect(decide(names: ["something@else.example"]) == .notAnAnswer)
    }

    @Test func everyOtherAnswerIsRefusedWithItsReason() {
        func reason(_ decision: AnswerRules.Decision) -> String {
            if case .refuse(let why) = decision { return why }
            return "not refused: \(decision)"
        }
        #expect(reason(decide(fromUser: false)).contains("another address"))
        #expect(reason(decide(known: false)).contains("never sent"), "a forged token, or one guessed")
        #expect(reason(decide(verb: nil)).contains("did not start with approve, discard or skip"))
        #expect(reason(decide(drafts: [(7, draft().revision), (8, "x")])).contains("not about one draft"))
        #expect(reason(decide(answeredBefore: true)).contains("answered already"))
        #expect(reason(decide(now: draft(body: "Dear Dana,\n\nedited."))).contains("edited since that notice"))
        #expect(reason(decide(now: draft(.approved))).contains("is approved now"))
        #expect(reason(decide(drafts: [(8, draft().revision)])).contains("gone"), "a notice of another draft")
        #expect(reason(decide(problems: ["it does not name the role"])).contains("has problems and cannot be approved"))
        #expect(decide(verb: .discard, problems: ["it does not name the role"]) == .act(.discard, 7), "discarding needs no clean text")
    }
}
