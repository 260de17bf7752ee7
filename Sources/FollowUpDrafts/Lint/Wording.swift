import FollowUpCore

/// Finds phrases as runs of whole words, ignoring case, punctuation and
/// spacing between them ("Per my last e-mail" still matches "per my last").
enum Wording {
    static func findings(words: [Word], kind: MessageKind) -> [Finding] {
        let folded = words.map(\.folded)
        return WordingRule.rules(for: kind).flatMap { rule in
            occurrences(of: rule.phrase, in: folded).map { at in
                let range = words[at].range.lowerBound..<words[at + rule.phrase.count - 1].range.upperBound
                let shown = rule.phrase.joined(separator: " ")
                return Finding(kind: rule.kind, message: "\"\(shown)\" \(rule.advice)", range: range)
            }
        }
    }

    /// Indexes in `folded` where `phrase` starts.
    static func occurrences(of phrase: [String], in folded: [String]) -> [Int] {
        guard !phrase.isEmpty, folded.count >= phrase.count else { return [] }
        return (0...(folded.count - phrase.count)).filter { start in
            folded[start..<(start + phrase.count)].elementsEqual(phrase)
        }
    }

    static func contains(_ phrase: String, in folded: [String]) -> Bool {
        !occurrences(of: WordTokenizer.words(in: phrase).map(\.folded), in: folded).isEmpty
    }
}
