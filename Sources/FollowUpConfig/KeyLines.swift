import Foundation

/// Where each key and section header sits in the config text. TOMLKit's
/// decoded values carry no position, so errors find their line here.
/// Section-aware: `smtp.url` and `imap.url` are different lines.
struct KeyLines {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var section = ""
        var openString: Substring?  // the delimiter of a multi-line string we are inside
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if let delimiter = openString {
                if raw.contains(delimiter) { openString = nil }
                continue
            }
            let line = raw.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("[") {
                let name = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
                section = Self.dotted(name)
                if lines[section] == nil { lines[section] = number }
                continue
            }
            guard !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { continue }
            let key = Self.dotted(line[..<eq])
            let path = section.isEmpty ? key : "\(section).\(key)"
            if lines[path] == nil { lines[path] = number }
            let value = line[line.index(after: eq)...]
            for delimiter in ["\"\"\"", "'''"] where value.contains(delimiter) {
                // Opened and not closed on this line: skip until it closes.
                if value.components(separatedBy: delimiter).count == 2 { openString = Substring(delimiter) }
            }
        }
    }

    /// The line of `key` (a dotted path), or of its section when the key is absent.
    func line(of key: String) -> Int? {
        if let n = lines[key] { return n }
        guard let dot = key.lastIndex(of: ".") else { return nil }
        return line(of: String(key[..<dot]))
    }

    /// `"imap" . url` → `imap.url`: trims blanks and quotes around each part.
    private static func dotted(_ s: Substring) -> String {
        s.split(separator: ".").map {
            $0.trimmingCharacters(in: [" ", "\t", "\"", "'"])
        }.joined(separator: ".")
    }
}
