/// Reduces HTML to readable plain text for messages with no text/plain part:
/// tags stripped, entities decoded, line breaks kept at block elements.
enum HTMLText {
    private static let blockTags: Set<String> = ["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                                                 "blockquote", "table", "ul", "ol", "hr", "pre", "section", "article",
                                                 "header", "footer", "dt", "dd", "title"]
    private static let hiddenTags: Set<String> = ["script", "style", "head"]
    private static let entities: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
                                                     "nbsp": " ", "copy": "©", "reg": "®", "hellip": "…", "mdash": "—",
                                                     "ndash": "–", "rsquo": "’", "lsquo": "‘", "rdquo": "”",
                                                     "ldquo": "“", "euro": "€", "bull": "•", "middot": "·"]

    static func text(_ html: String) -> String {
        let s = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var hiddenUntil: String?
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "<" {
                guard let close = s[i...].firstIndex(of: ">") else { break }
                let tag = tagName(s[(i + 1)..<close])
                i = close + 1
                if let hidden = hiddenUntil {
                    if tag == "/" + hidden { hiddenUntil = nil }
                    continue
                }
                let bare = tag.hasPrefix("/") ? String(tag.dropFirst()) : tag
                if hiddenTags.contains(bare), !tag.hasPrefix("/"), s[close - 1] != "/" { hiddenUntil = bare; continue }
                if blockTags.contains(bare) { out.append("\n") }
                continue
            }
            i += 1
            if hiddenUntil != nil { continue }
            if c == "&", let semicolon = s[i..<min(s.count, i + 10)].firstIndex(of: ";"),
               let decoded = entity(String(String.UnicodeScalarView(s[i..<semicolon]))) {
                out.append(contentsOf: decoded.unicodeScalars)
                i = semicolon + 1
                continue
            }
            out.append(c == "\r" || c == "\n" || c == "\t" ? " " : c)
        }
        return tidy(String(out))
    }

    private static func tagName(_ inside: ArraySlice<Unicode.Scalar>) -> String {
        var name = ""
        for c in inside {
            if c == " " || c == "\t" || c == "\r" || c == "\n" || c == ">" || (c == "/" && !name.isEmpty) { break }
            name.unicodeScalars.append(c)
        }
        return name.lowercased()
    }

    private static func entity(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String($0) }
        }
        return entities[name.lowercased()]
    }

    /// Collapses runs of spaces, trims each line, and keeps at most one blank line in a row.
    private static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
