/// Text a template or a copied example left behind (POLICY: no leftover
/// placeholders such as "[Hiring Manager]", "{{name}}", "TODO").
enum Placeholders {
    nonisolated(unsafe) private static let patterns: [Regex<Substring>] = [
        /\[[^\[\]\n]{0,40}\p{L}[^\[\]\n]{0,40}\]/,   // [Hiring Manager], [Date]
        /\{\{[^{}\n]{0,60}\}?\}?|\}\}/,              // {{name}}, an unclosed {{ or a stray }}
        /\$\{[^{}\n]{0,60}\}?/,                      // ${name}
        /<[^<>@:\/\n]{0,40}\p{L}[^<>@:\/\n]{0,40}>/, // <name>, but not <a@b.com> or <https://…>
        /_{3,}/,                                     // a blank to fill in
    ]

    private static let words: Set<String> = ["todo", "tbd", "tbc", "fixme", "xxx", "lorem", "ipsum"]

    static func findings(in text: String, words tokens: [Word],
                         skipping nonProse: [Range<String.Index>]) -> [Finding] {
        var ranges = patterns.flatMap { text.ranges(of: $0) }
        ranges += tokens.filter { words.contains($0.folded) }.map(\.range)
        return ranges
            .filter { range in !nonProse.contains { $0.overlaps(range) } }
            .map { Finding(kind: .placeholder, message: "leftover placeholder \"\(text[$0])\": fill it in or remove it", range: $0) }
    }
}
