import FollowUpCore

/// Finds phrases as runs of whole words, ignoring case, punctuation and
/// spacing between them ("Per my last e-mail" still matches "per my last").
enum Wording {
    /// One finding per place: where phrases overlap ("final response today",
    /// "response today") the one that starts first, then the longest, is kept.
    /// The message quotes the phrase as `text` has it ("ASAP", not "asap").
    static func findings(in text: String, words: [Word], kind: MessageKind) -> [Finding] {
        let all = matches(words: words, kind: kind).sorted { a, b in
            a.range.lowerBound != b.range.lowerBound ? a.range.lowerBound < b.range.lowerBound
                : a.range.upperBound > b.range.upperBound
        }
        var kept: [(range: Range<String.Index>, rule: WordingRule)] = []
        for match in all where !kept.contains(where: { $0.range.overlaps(match.range) }) {
            kept.append(match)
        }
        return kept.map { match in
            let shown = SubjectPrefix.oneLine(String(text[match.range]))
            return Finding(kind: match.rule.kind, message: "\"\(shown)\" \(match.rule.advice)", range: match.range)
        }
    }

    private static func matches(words: [Word], kind: MessageKind) -> [(range: Range<String.Index>, rule: WordingRule)] {
        let folded = words.map(\.folded)
        return WordingRule.rules(for: kind).flatMap { rule in
            occurrences(of: rule.phrase, in: folded).map { at in
                (words[at].range.lowerBound..<words[at + rule.phrase.count - 1].range.upperBound, rule)
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
