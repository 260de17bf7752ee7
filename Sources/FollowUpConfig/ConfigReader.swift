import Foundation
import TOMLKit

/// Typed access to the parsed TOML, turning every problem into a
/// `ConfigError` at the right line.
struct ConfigReader {
    let path: String
    let root: TOMLTable
    let lines: KeyLines

    init(text: String, path: String) throws {
        self.path = path
        try Self.refuseMalformedTableHeaders(text, path: path)
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: path, line: error.source.begin.line, key: "",
                              message: "TOML syntax: \(error.description)")
        }
        lines = KeyLines(text: text)
        try Self.refuseNUL(text, path: path)
    }

    /// The TOML parser underneath asserts (aborts the process) on a table
    /// header that starts with a character no key can start with, such as
    /// `[(`: found by scripts/fuzz.sh. Such a line is refused here first.
    /// Lines inside multi-line strings are text, not headers.
    private static func refuseMalformedTableHeaders(_ text: String, path: String) throws {
        var inString: String?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if inString == nil, trimmed.hasPrefix("[") {
                let afterBrackets = trimmed.drop { $0 == "[" }.drop { $0 == " " || $0 == "\t" }
                // A bare `[` line would open a nested array, which no key of this config takes.
                if afterBrackets.unicodeScalars.first.map({ !mayFollowABracket($0) }) ?? true {
                    throw ConfigError(file: path, line: index + 1, key: "",
                                      message: "TOML syntax: a table header must be [name] (letters, digits, _ and -, or quoted)")
                }
            }
            for delimiter in ["\"\"\"", "'''"] where inString == nil || inString == delimiter {
                if line.components(separatedBy: delimiter).count % 2 == 0 { inString = inString == nil ? delimiter : nil }
            }
        }
    }

    /// What may come after `[` at the start of a line: a key, or (in a
    /// multi-line array) any value.
    private static func mayFollowABracket(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || "_-\"'[]{}+.".unicodeScalars.contains(c) || c.value >= 0x80
    }

    /// TOML allows a NUL as `\u0000`, but the parser underneath cuts the
    /// string there (a username "morgan\u0000admin" became "morgan"): refuse it.
    private static func refuseNUL(_ text: String, path: String) throws {
        var section = ""
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
                section = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
                continue
            }
            guard !trimmed.hasPrefix("#"), trimmed.contains("\\u0000") || trimmed.contains("\\U00000000"),
                  let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            throw ConfigError(file: path, line: index + 1, key: section.isEmpty ? key : "\(section).\(key)",
                              message: "holds a NUL character (\\u0000), which cannot be used")
        }
    }

    func error(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: path, line: lines.line(of: key), key: key, message: message)
    }

    /// Refuses unknown sections and keys, suggesting the closest known name.
    func checkKnownKeys(_ known: [String: [String]]) throws {
        for section in root.keys.sorted() {
            guard let keys = known[section] else {
                throw error(section, "unknown section [\(section)]" + Suggestion.hint(for: section, among: known.keys, format: { "[\($0)]" }))
            }
            guard let table = root[section]?.tomlValue.table else {
                throw error(section, "expected a section [\(section)]")
            }
            for key in table.keys.sorted() where !keys.contains(key) {
                throw error("\(section).\(key)", "unknown key" + Suggestion.hint(for: key, among: keys, format: { $0 }))
            }
        }
    }

    private func value(_ key: String) -> TOMLValue? {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        return root[parts[0]]?.tomlValue.table?[parts[1]]?.tomlValue
    }

    func isSet(_ key: String) -> Bool { value(key) != nil }

    func string(_ key: String) throws -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.string else { throw error(key, "expected a string, found \(v.type)") }
        return s
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw error(key, "missing; this key is required") }
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, "must not be empty") }
        return s
    }

    func strings(_ key: String) throws -> [String]? {
        guard let v = value(key) else { return nil }
        guard let array = v.array else { throw error(key, "expected a list of strings, such as [\"INBOX\"], found \(v.type)") }
        return try array.map { element in
            guard let s = element.tomlValue.string else { throw error(key, "expected a list of strings, found a \(element.tomlValue.type) in it") }
            return s
        }
    }

    func line(of key: String) -> Int? { lines.line(of: key) }

    func int(_ key: String) throws -> Int? {
        guard let v = value(key) else { return nil }
        guard let n = v.int else { throw error(key, "expected an integer, found \(v.type)") }
        return n
    }

    func bool(_ key: String) throws -> Bool? {
        guard let v = value(key) else { return nil }
        guard let b = v.bool else { throw error(key, "expected true or false, found \(v.type)") }
        return b
    }

    func duration(_ key: String) throws -> TimeInterval? {
        guard let text = try string(key) else { return nil }
        guard let d = ConfigDuration.parse(text) else {
            throw error(key, "\"\(text)\" is not a duration (write e.g. \"90s\", \"5m\", \"24h\", \"7d\", \"1h30m\")")
        }
        return d
    }
}

/// "did you mean …?" for misspelt names.
enum Suggestion {
    static func hint<S: Sequence<String>>(for name: String, among candidates: S, format: (String) -> String) -> String {
        let scored = candidates.map { ($0, distance(name.lowercased(), $0)) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }),
              best.1 <= max(2, name.count / 3) else {
            return " (known: \(candidates.sorted().map(format).joined(separator: ", ")))"
        }
        return "; did you mean \(format(best.0))?"
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in a.indices {
            var previous = row[0]
            row[0] = i + 1
            for j in b.indices {
                let current = row[j + 1]
                row[j + 1] = min(row[j + 1] + 1, row[j] + 1, previous + (a[i] == b[j] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
