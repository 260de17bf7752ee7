import Foundation
import Testing
import TestSupport
import FollowUpCore
import FollowUpStore
@testable import FuctlCommands

/// `fuctl proposals`, `accept` and `reject`: invitations from strangers that
/// look like interviews become applications only when the user says so.
@Suite struct ProposalCommandsTests {
    /// A phone screen Thu 2027-01-14 10:00–10:30 in Berlin, proposed on Mon 11 Jan.
    static func screen(uid: String = "screen-7@globex-labs.example", sequence: Int = 0, start: String = "2027-01-14T09:00:00Z",
                       role: String? = "Data Analyst") -> Proposal {
        Proposal(uid: uid, sequence: sequence, summary: "Phone screen \u{2013} Data Analyst", start: utc(start),
                 end: utc(start).addingTimeInterval(1800), timeZone: "Europe/Berlin", location: "https://meet.example/abc",
                 contactName: "Dana Roe", contactEmail: "dana@globex-labs.example", company: "Globex Labs", role: role,
                 evidence: "it says \u{201C}phone screen\u{201D}", receivedAt: utc("2027-01-11T08:00:00Z"))
    }

    @Test func acceptRecordsTheApplicationWithEverythingTheInvitationSaid() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = try f.workspace().store
        guard case .new(let proposal) = try store.offerProposal(Self.screen()) else { Issue.record("not new"); return }
        let listed = f.run(["proposals"])
        #expect(listed.output.contains("Dana Roe <dana@globex-labs.example>") && listed.output.contains("Globex Labs")
                && listed.output.contains("Data Analyst") && listed.output.contains("Thu 14 Jan 01:00"), "\(listed.output)")

        let r = f.run(["accept", "\(proposal.id)", "--talking-point", "the dashboards rewrite"])
        #expect(r.code == 0 && r.output.contains("Thu 14 Jan 10:00 in Berlin"), "\(r.output)\(r.errors)")
        let app = try #require(try store.applications().last)
        #expect(app.company == "Globex Labs" && app.role == "Data Analyst" && app.timeZone == "Europe/Berlin")
        #expect(app.contacts == [Contact(name: "Dana Roe", email: "dana@globex-labs.example")])
        #expect(app.companyDomains == ["globex-labs.example"] && app.talkingPoints == ["the dashboards rewrite"])
        let event = try #require(app.events.first)
        #expect(event.start == utc("2027-01-14T09:00:00Z") && event.end == utc("2027-01-14T09:30:00Z"))
        #expect(event.invitationUID == "screen-7@globex-labs.example" && event.invitationSequence == 0, "its updates find it")
        #expect(event.recordedAt == utc("2027-01-11T08:00:00Z"), "replies count from when the invitation came")
        #expect(f.run(["proposals"]).output == "no proposals\n")

        let again = f.run(["accept", "\(proposal.id)"])
        #expect(again.code == 1 && again.errors.contains("proposal \(proposal.id) was accepted already"), "\(again.errors)")
        #expect(try store.offerProposal(Self.screen(sequence: 1)) == .unchanged, "decided: never proposed again")
    }

    @Test func flagsOverrideTheGuessesAndAMissingGuessIsAskedFor() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = try f.workspace().store
        guard case .new(let proposal) = try store.offerProposal(Self.screen(role: nil)) else { Issue.record("not new"); return }
        let missing = f.run(["accept", "\(proposal.id)"])
        #expect(missing.code == 1 && missing.errors.contains("give --role"), "\(missing.errors)")
        #expect(try store.proposals().count == 1, "still open")
        let r = f.run(["accept", "\(proposal.id)", "--role", "Analytics Engineer", "--company", "Globex",
                       "--contact-email", "sam@globex-labs.example", "--tz", "Europe/London", "--pace", "slow"])
        #expect(r.code == 0, "\(r.errors)")
        let app = try #require(try store.applications().last)
        #expect(app.role == "Analytics Engineer" && app.company == "Globex" && app.timeZone == "Europe/London" && app.pace == .slow)
        #expect(app.contacts == [Contact(name: "sam", email: "sam@globex-labs.example")], "the invitation's name was Dana's, not Sam's")
    }

    @Test func rejectForgetsItForGoodAndAWeekPastItsInterviewItIsGone() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = try f.workspace().store
        guard case .new(let first) = try store.offerProposal(Self.screen()),
              case .new(let second) = try store.offerProposal(Self.screen(uid: "onsite@globex-labs.example", start: "2027-01-20T09:00:00Z"))
        else { Issue.record("not new"); return }
        #expect(f.run(["reject", "\(first.id)"]).output == "proposal \(first.id) forgotten\n")
        #expect(try store.offerProposal(Self.screen(sequence: 2)) == .unchanged)
        #expect(f.run(["reject", "\(first.id)"]).code == 1)
        #expect(f.run(["reject", "99"]).code == 1)

        // An update moves the open one; a cancellation withdraws it.
        guard case .updated(let moved) = try store.offerProposal(Self.screen(uid: "onsite@globex-labs.example", sequence: 1,
                                                                              start: "2027-01-21T09:00:00Z")) else { Issue.record("not updated"); return }
        #expect(moved.id == second.id && moved.start == utc("2027-01-21T09:00:00Z"))
        #expect(try store.offerProposal(Self.screen(uid: "onsite@globex-labs.example", sequence: 1)) == .unchanged, "not newer")
        try store.forgetProposals(at: utc("2027-01-28T09:29:00Z"))
        #expect(try store.proposals().map(\.id) == [second.id], "kept until a week past its end")
        try store.forgetProposals(at: utc("2027-01-28T09:31:00Z"))
        #expect(try store.proposals().isEmpty)
        #expect(try store.withdrawProposal(uid: "onsite@globex-labs.example") == false, "forgotten")
    }

    @Test func aCancellationWithdrawsAnOpenProposal() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = try f.workspace().store
        _ = try store.offerProposal(Self.screen())
        #expect(try store.withdrawProposal(uid: "screen-7@globex-labs.example"))
        #expect(try store.proposals().isEmpty && f.run(["accept", "1"]).code == 1)
    }

    /// Found in review: the interview recorded another way is not proposed, nor accepted, twice.
    @Test func aProposalWhoseInvitationIsRecordedAlreadyIsNeitherListedNorAccepted() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = try f.workspace().store
        guard case .new(let proposal) = try store.offerProposal(Self.screen()) else { Issue.record("not new"); return }
        let app = try f.addApplication()
        let linked = try #require(try store.application(id: app))
        try store.adoptInvitation(linked.events[0].id, uid: proposal.uid, sequence: 0, start: linked.events[0].start,
                                  end: linked.events[0].end, at: Fixture.afterInterview)
        #expect(try store.proposals().isEmpty && f.run(["proposals"]).output == "no proposals\n")
        let r = f.run(["accept", "\(proposal.id)", "--role", "Analyst"])
        #expect(r.code == 1 && r.errors.contains("is application \(app)'s already"), "\(r.errors)")
        #expect(try store.applications().count == 1)
    }

    @Test func aFloodOfProposalsIsCapped() throws {
        let f = try Fixture()
        defer { f.remove() }
        let store = try f.workspace().store
        for i in 0..<(Store.openProposalsAtMost + 5) { _ = try store.offerProposal(Self.screen(uid: "flood-\(i)@x.example")) }
        #expect(try store.proposals().count == Store.openProposalsAtMost)
    }
}

