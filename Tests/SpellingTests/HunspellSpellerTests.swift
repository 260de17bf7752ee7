import Foundation
import FollowUpDrafts
import Spelling
import Testing
import TestSupport

/// The dictionary is a Debian package; without it these tests skip with a
/// reason, except under CI=true, where its absence is a failure.
func realSpeller() -> HunspellSpeller? {
    do {
        return try HunspellSpeller()
    } catch {
        return TestEnvironment.missing("\(error)")
    }
}

@Suite struct HunspellSpellerTests {
    @Test func knowsEnglishWordsContractionsAndPossessives() throws {
        guard let speller = realSpeller() else { return }
        for word in ["interview", "opportunities", "Thank", "don't", "don’t", "I'm", "company's", "January", "Tuesday"] {
            #expect(speller.isCorrect(word), "\(word)")
        }
    }

    @Test func flagsMisspellingsAndSuggestsCorrections() throws {
        guard let speller = realSpeller() else { return }
        #expect(!speller.isCorrect("recieve"))
        #expect(speller.suggestions(for: "recieve").contains("receive"))
        #expect(!speller.isCorrect("oppurtunity"))
    }

    @Test func missingDictionaryIsAnErrorNotAnEmptyDictionary() {
        #expect { try HunspellSpeller(dictionary: "/nonexistent/xx_XX") } throws: { error in
            "\(error)" == "/nonexistent/xx_XX.aff: spelling dictionary not found (Debian package hunspell-en-us)"
        }
    }

    @Test func oneSpellerServesManyThreads() async throws {
        guard let speller = realSpeller() else { return }
        let verdicts = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                group.addTask { speller.isCorrect(index.isMultiple(of: 2) ? "interview" : "intervew") }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(verdicts.filter { $0 }.count == 100)
    }
}

/// The speller opened at its first word: what can be checked at start is.
@Suite struct LazyHunspellSpellerTests {
    func dictionary(aff: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lazy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try aff.write(toFile: dir + "/xx.aff", atomically: true, encoding: .utf8)
        try "1\nhello\n".write(toFile: dir + "/xx.dic", atomically: true, encoding: .utf8)
        return dir + "/xx"
    }

    @Test func theEncodingIsReadAsHunspellReadsIt() throws {
        for line in ["SET UTF-8", "\u{FEFF}SET UTF-8", "SET\tUTF-8", "SET UTF-8 # comment"] {
            let speller = try LazyHunspellSpeller(dictionary: try dictionary(aff: line + "\n"))
            #expect(speller.isCorrect("hello") && !speller.isCorrect("helo"), "\(line.debugDescription)")
        }
        #expect(throws: SpellerError.self) { try LazyHunspellSpeller(dictionary: try dictionary(aff: "SET ISO8859-1\n")) }
        #expect(throws: SpellerError.self) { try LazyHunspellSpeller(dictionary: try dictionary(aff: "TRY abc\n")) }
        #expect(throws: SpellerError.self) { try LazyHunspellSpeller(dictionary: "/nonexistent/xx_XX") }
    }

    /// Closed between the daemon's ticks, the dictionary opens again at the next word.
    @Test func aClosedDictionaryOpensAgainWhenAsked() throws {
        let speller = try LazyHunspellSpeller(dictionary: try dictionary(aff: "SET UTF-8\n"))
        #expect(speller.isCorrect("hello"))
        speller.close()
        #expect(speller.isCorrect("hello") && !speller.isCorrect("helo"))
    }

    @Test func theRealDictionaryAnswersAsTheEagerOne() throws {
        guard realSpeller() != nil else { return }
        let lazy = try LazyHunspellSpeller()
        #expect(lazy.isCorrect("interview") && !lazy.isCorrect("recieve") && lazy.suggestions(for: "recieve").contains("receive"))
    }
}
