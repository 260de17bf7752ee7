import Foundation

/// Words the speller does not know (POLICY "Proofread"; 003, 004 "Failure to
/// Proofread"). Names of the contact, company, role and sender, the user's
/// known words, numbers and all-capital words (acronyms; shouting covers
/// emphasis) are not asked about.
enum Proofreading {
    static func findings(_ words: [Word], names: Set<String>, speller: any Speller) -> [Finding] {
        var verdicts: [String: Bool] = [:]
        return words.compactMap { word in
            guard needsChecking(word, names: names) else { return nil }
            let spelled = word.text.replacingOccurrences(of: "\u{2019}", with: "'")
            let known = verdicts[spelled] ?? speller.isCorrect(spelled)
            verdicts[spelled] = known
            guard !known else { return nil }
            let hints = speller.suggestions(for: spelled).prefix(3)
            let advice = hints.isEmpty ? "" : " (did you mean: \(hints.joined(separator: ", "))?)"
            return Finding(kind: .spelling, message: "unknown word \"\(word.text)\"\(advice)", range: word.range)
        }
    }

    private static func needsChecking(_ word: Word, names: Set<String>) -> Bool {
        let folded = word.folded
        let letters = word.text.filter(\.isLetter)
        if letters.count < 2 || word.text.contains(where: \.isNumber) { return false }
        if !letters.contains(where: \.isLowercase) { return false }
        if names.contains(folded) { return false }
        if folded.hasSuffix("'s"), names.contains(String(folded.dropLast(2))) { return false }
        return true
    }
}
