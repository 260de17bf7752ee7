import Foundation

/// A case-insensitive regular expression over normalized text. Patterns are
/// constants of this module: a malformed one is a programming error that
/// every test run would expose at once.
struct Pattern: Sendable {
    let regex: NSRegularExpression

    init(_ pattern: String) {
        regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive, .anchorsMatchLines])
    }

    func matches(in text: String) -> [NSTextCheckingResult] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
    }

    func isFound(in text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

extension Array where Element == Pattern {
    func anyFound(in text: String) -> Bool { contains { $0.isFound(in: text) } }
}

extension NSTextCheckingResult {
    /// The text of capture group `group`, nil when it did not take part.
    func capture(_ group: Int, in text: String) -> String? {
        guard group < numberOfRanges, let range = Range(range(at: group), in: text) else { return nil }
        return String(text[range])
    }
}

/// Text as the classifiers read it: compatibility-normalized (full-width
/// digits become ASCII, "ſ" becomes "s"), lower case, straight quotes, plain
/// hyphens, single spaces.
enum PlainWords {
    static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(text) }
        return normalizeUnicode(text)
    }

    /// Most mail is ASCII: nothing to map or replace, only case and spaces (the same as `normalizeUnicode`, byte by byte).
    static func normalizeASCII(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var space = false
        for byte in text.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                space = !out.isEmpty
                continue
            }
            if space { out.append(0x20); space = false }
            out.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func normalizeUnicode(_ text: String) -> String {
        var out = text.precomposedStringWithCompatibilityMapping.lowercased()
        for (from, to) in [("\u{2019}", "'"), ("\u{2018}", "'"), ("\u{201C}", "\""), ("\u{201D}", "\""),
                           ("\u{2013}", "-"), ("\u{2014}", "-"), ("\u{00A0}", " ")] {
            out = out.replacingOccurrences(of: from, with: to)
        }
        return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Sentences of a text whose paragraphs are separated by blank lines and
    /// whose lines may be hard-wrapped.
    static func sentences(of text: String) -> [String] {
        let paragraphs = text.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
        return paragraphs.flatMap { paragraph -> [String] in
            let flat = normalize(paragraph)
            return sentenceEnd.regex
                .stringByReplacingMatches(in: flat, range: NSRange(flat.startIndex..., in: flat), withTemplate: "$1\n")
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
    }

    private static let sentenceEnd = Pattern(#"([.!?])\s+"#)
}
