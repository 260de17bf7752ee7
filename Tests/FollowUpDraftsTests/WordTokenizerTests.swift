import FollowUpDrafts
import Testing

@Suite struct WordTokenizerTests {
    @Test func wordsKeepInnerApostrophesAndAccents() {
        let words = WordTokenizer.words(in: "O'Brien’s team—don't worry, Zoë & José-Luis 'quoted' naïve 42nd")
        #expect(words.map(\.text) == ["O'Brien’s", "team", "don't", "worry", "Zoë", "José", "Luis", "quoted", "naïve", "42nd"])
        #expect(words[0].folded == "o'brien's")
    }

    @Test func decomposedAccentsStayInTheWord() {
        let words = WordTokenizer.words(in: "Zoe\u{308} Mu\u{308}ller")
        #expect(words.count == 2)
        #expect(words.map(\.text) == ["Zoe\u{308}", "Mu\u{308}ller"])
    }

    @Test func wordCountIgnoresLonePunctuation() {
        #expect(Lint.wordCount("O'Brien & Sons - a firm,\n\nwith 42 people.") == 7)
    }
}
