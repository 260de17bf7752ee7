import FollowUpCore

/// Checks a draft against POLICY.md "What a draft must be". Pure: the text,
/// the context and a speller in, the list of problems out (empty: the draft
/// may be approved). The daemon runs it after rendering; fuctl after `edit`.
public enum Lint {
    /// Every problem of the draft: whole-draft ones (length, missing
    /// elements) first, then the subject's and the body's in text order.
    public static func check(subject: String, body: String, context: LintContext,
                             speller: any Speller) -> [LintProblem] {
        let whole = Completeness.findings(body: body, context: context)
            .map { $0.problem(part: .body, in: body) }
        return whole
            + textFindings(subject, context: context, speller: speller).map { $0.problem(part: .subject, in: subject) }
            + textFindings(body, context: context, speller: speller).map { $0.problem(part: .body, in: body) }
    }

    /// Words as the limits count them: whitespace-separated pieces with a
    /// letter or digit in them (a lone "&" or "-" is not a word).
    public static func wordCount(_ text: String) -> Int {
        countedWords(in: text).count
    }

    static func countedWords(in text: String) -> [Range<String.Index>] {
        var pieces: [Range<String.Index>] = []
        var start: String.Index?
        var index = text.startIndex
        while index <= text.endIndex {
            let isSpace = index == text.endIndex || text[index].isWhitespace
            if isSpace, let begun = start {
                if text[begun..<index].contains(where: { $0.isLetter || $0.isNumber }) { pieces.append(begun..<index) }
                start = nil
            } else if !isSpace && start == nil {
                start = index
            }
            if index == text.endIndex { break }
            index = text.index(after: index)
        }
        return pieces
    }

    /// Problems with a place in the text. Word rules (shouting, spelling) skip
    /// what an earlier rule already flagged and the non-prose parts
    /// (addresses, URLs), so one mistake is reported once.
    static func textFindings(_ text: String, context: LintContext, speller: any Speller) -> [Finding] {
        let words = WordTokenizer.words(in: text)
        let nonProse = Typography.nonProseRanges(in: text)
        var findings = Placeholders.findings(in: text, words: words, skipping: nonProse)
        findings += Wording.findings(in: text, words: words, kind: context.kind)
        findings += Typography.emoji(in: text, skipping: nonProse)
        findings += Typography.repeatedPunctuation(in: text)
        let taken = findings.compactMap(\.range) + nonProse
        let free = words.filter { word in !taken.contains { $0.overlaps(word.range) } }
        let names = context.nameWords
        findings += Typography.shouting(free, in: text, names: names)
        findings += Proofreading.findings(free, names: names, speller: speller)
        return findings.sorted { ($0.range?.lowerBound ?? text.startIndex) < ($1.range?.lowerBound ?? text.startIndex) }
    }
}

/// A problem before its place is turned into line and column.
struct Finding {
    var kind: LintProblem.Kind
    var message: String
    var range: Range<String.Index>?

    func problem(part: LintProblem.Part, in text: String) -> LintProblem {
        LintProblem(kind: kind, message: message, part: part,
                    location: range.map { TextLocation(of: $0, in: text) },
                    excerpt: range.map { String(text[$0]) } ?? "")
    }
}
