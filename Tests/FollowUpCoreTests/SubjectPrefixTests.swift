import Testing
import FollowUpCore

/// The one "Re:" rule, as the planner, the drafts and the inbox reader use it.
@Suite struct SubjectPrefixTests {
    @Test(arguments: ["Re: x", "RE : x", "Aw: x", "SV: x", "Vs: x", "Antw: x", "Odp: x", "Réf : x", "RIF: x",
                      "Re[2]: x", "Re(3): x", "Fwd: x", "FW: x", "TR: x", "WG: x", "  re:x"])
    func aReplyOrForwardInAnyLanguageIsSeen(_ subject: String) {
        #expect(SubjectPrefix.isReplyOrForward(subject))
    }

    @Test(arguments: ["Regarding: x", "Interview on Monday", "Re x", "Re[]: x", "Reply: x", "", "Offer: x"])
    func aSubjectThatOnlyLooksLikeOneIsNot(_ subject: String) {
        #expect(!SubjectPrefix.isReplyOrForward(subject))
    }

    @Test func onlyReplyPrefixesAreDroppedAndTheSubjectIsOneLine() {
        #expect(SubjectPrefix.withoutReplyPrefixes("Re: Aw:  Re[2]:\r\n Interview\tnext week") == "Interview next week")
        #expect(SubjectPrefix.reply(to: "WG: Re: Interview") == "Re: WG: Re: Interview")
    }
}
