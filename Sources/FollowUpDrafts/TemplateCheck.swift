import Foundation

/// Checks a template's tags before Mustache compiles it: every variable must
/// be a `TemplateVariable` (Mustache renders an unknown name as nothing), and
/// every section must be closed by its own name. Errors point at the tag:
/// an unclosed section at the line that opens it, not at the end of the file.
enum TemplateCheck {
    /// One `{{…}}` tag: its sigil ("#", "/", "!", … or "" for a variable),
    /// its trimmed name and where it starts.
    struct Tag {
        var sigil: Character?
        var name: String
        var line: Int
        var column: Int

        var written: String { "{{\(sigil.map(String.init) ?? "")\(name)}}" }
    }

    static func validate(_ source: String, origin: String) throws {
        var open: [Tag] = []
        for tag in try tags(in: source, origin: origin) {
            func fail(_ reason: String) -> TemplateError {
                TemplateError(origin: origin, line: tag.line, column: tag.column, reason: reason)
            }
            switch tag.sigil {
            case "!", "%":
                continue
            case "#", "^":
                try checkName(tag, fail)
                open.append(tag)
            case "/":
                guard let opened = open.popLast() else {
                    throw fail("\(tag.written) closes no open section")
                }
                guard opened.name == tag.name else {
                    throw fail("\(tag.written) closes \(opened.written), which was opened on line \(opened.line); close it with {{/\(opened.name)}}")
                }
            case ">", "<", "$", "=":
                throw fail("\(tag.written): partials, blocks and new delimiters are not supported in these templates")
            default:
                try checkName(tag, fail)
            }
        }
        if let unclosed = open.last {
            throw TemplateError(origin: origin, line: unclosed.line, column: unclosed.column,
                                reason: "section \(unclosed.written) opened here is never closed; close it with {{/\(unclosed.name)}}")
        }
    }

    /// A variable, `.` (the section's own value), `name.key` or a Mustache
    /// transform `lowercased(name)`: the name inside must be a known one.
    private static func checkName(_ tag: Tag, _ fail: (String) -> TemplateError) throws {
        var name = Substring(tag.name)
        while let inner = transformArgument(name) { name = inner }
        name = name.prefix { $0 != "." }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || TemplateVariable(rawValue: trimmed) != nil { return }
        let hint = closest(to: trimmed).map { " (did you mean {{\($0)}}?)" } ?? ""
        throw fail("unknown variable {{\(trimmed)}}\(hint); the variables are: \(TemplateVariable.names.joined(separator: ", "))")
    }

    /// What a transform call `lowercased(name)` is applied to, spaces around
    /// it allowed; nil when `text` is no such call. By hand, not by regular
    /// expression: this runs for every tag of every template at each start.
    static func transformArgument(_ text: Substring) -> Substring? {
        var trimmed = text.drop { $0.isWhitespace }
        while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
        guard trimmed.last == ")", let open = trimmed.firstIndex(of: "("), open > trimmed.startIndex,
              trimmed[..<open].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        return inner.contains { $0.isNewline } ? nil : inner
    }

    /// The known name within two edits of `name`, if there is one.
    private static func closest(to name: String) -> String? {
        TemplateVariable.names
            .map { ($0, editDistance(name.lowercased(), $0)) }
            .filter { $0.1 <= 2 }
            .min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let b = Array(b)
        var row = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var next = [i + 1]
            for (j, y) in b.enumerated() {
                next.append(min(row[j + 1] + 1, next[j] + 1, row[j] + (x == y ? 0 : 1)))
            }
            row = next
        }
        return row[b.count]
    }

    /// The tags in text order. `{{{name}}}` is a variable like `{{name}}`;
    /// a `{{` without its `}}` is an error at the `{{`.
    static func tags(in source: String, origin: String) throws -> [Tag] {
        let characters = Array(source)
        var tags: [Tag] = []
        var line = 1, column = 1, index = 0
        func advance(to end: Int) {
            while index < end {
                if characters[index].isNewline { line += 1; column = 1 } else { column += 1 }
                index += 1
            }
        }
        while index < characters.count {
            guard characters[index] == "{", index + 1 < characters.count, characters[index + 1] == "{" else {
                advance(to: index + 1)
                continue
            }
            let triple = index + 2 < characters.count && characters[index + 2] == "{"
            let closer: [Character] = triple ? ["}", "}", "}"] : ["}", "}"]
            let contentStart = index + (triple ? 3 : 2)
            guard let contentEnd = firstIndex(of: closer, in: characters, from: contentStart) else {
                throw TemplateError(origin: origin, line: line, column: column,
                                    reason: "this {{ is never closed with \(String(closer))")
            }
            var content = String(characters[contentStart..<contentEnd]).trimmingCharacters(in: .whitespaces)
            var sigil: Character?
            if !triple, let first = content.first, "#^/!>&%<$=".contains(first) {
                content = String(content.dropFirst()).trimmingCharacters(in: .whitespaces)
                sigil = first == "&" ? nil : first
            }
            tags.append(Tag(sigil: sigil, name: content, line: line, column: column))
            advance(to: contentEnd + closer.count)
        }
        return tags
    }

    private static func firstIndex(of needle: [Character], in haystack: [Character], from start: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
