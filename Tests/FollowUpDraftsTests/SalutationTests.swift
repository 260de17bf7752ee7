import FollowUpDrafts
import Testing

/// "Dear Dana," as a coach writes it, not "Dear Dana Roe,".
@Suite struct SalutationTests {
    @Test(arguments: [("Dana Roe", "Dana"), ("Mary-Jane van der Berg", "Mary-Jane"), ("  Dana   Roe ", "Dana"),
                      ("José Müller", "José"), ("Siobhán O'Connor", "Siobhán"), ("Zoe\u{308} Mu\u{308}ller", "Zoe\u{308}")])
    func greetsByTheFirstGivenName(name: String, expected: String) {
        #expect(Salutation.of(name) == expected)
    }

    @Test(arguments: [("Dr. Ana Okafor", "Dr. Okafor"), ("Dr Ana Okafor", "Dr. Okafor"), ("dr. okafor", "Dr. okafor"),
                      ("Prof. Li Wei", "Prof. Wei"), ("Mr. John Smith Jr.", "Mr. Smith"), ("Ms. Ana Okafor, PhD", "Ms. Okafor"),
                      ("Mrs. Björn Ødegård", "Mrs. Ødegård"), ("Mx. Sam Lee", "Mx. Lee"), ("Professor Jane Doe", "Professor Doe")])
    func aTitleGreetsByTitleAndLastName(name: String, expected: String) {
        #expect(Salutation.of(name) == expected)
    }

    @Test(arguments: [("Zoë", "Zoë"), ("Madonna", "Madonna"), ("Dr.", "Dr."), ("J. Smith", "J. Smith"), ("", "")])
    func aSingleWordOrAnInitialStaysAsItIs(name: String, expected: String) {
        #expect(Salutation.of(name) == expected)
    }
}
