import Foundation

/// A word of a text and where it is.
public struct Word: Hashable, Sendable {
    public var text: String
    public var range: Range<String.Index>

    /// Lower-cased, typographic apostrophe made plain: the form rules compare.
    public var folded: String { WordTokenizer.fold(text) }
}

/// Splits text into words: runs of letters (any script, accents included),
/// digits and combining marks; an apostrophe between letters stays inside the
/// word ("O'Brien", "don't", "company’s"); everything else separates.
public enum WordTokenizer {
    public static func words(in text: String) -> [Word] {
        var words: [Word] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if isWordCharacter(character) {
                if start == nil { start = index }
            } else if let begun = start, !(isApostrophe(character) && next < text.endIndex && text[next].isLetter) {
                words.append(Word(text: String(text[begun..<index]), range: begun..<index))
                start = nil
            }
            index = next
        }
        if let begun = start {
            words.append(Word(text: String(text[begun...]), range: begun..<text.endIndex))
        }
        return words
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
            || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .nonspacingMark }
    }

    static func isApostrophe(_ character: Character) -> Bool {
        character == "'" || character == "\u{2019}"
    }

    static func fold(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
    }
}
