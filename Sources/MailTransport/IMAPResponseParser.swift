/// A line the parser could not read: where it starts in the input and why.
public struct IMAPParseError: Error, Hashable, Sendable {
    public var offset: Int
    public var reason: String
}

/// Parses what an IMAP server sends (RFC 3501/9051): tagged and untagged
/// responses, literals `{n}` and `~{n}`, quoted strings with escapes, NIL,
/// atoms (including `BODY[HEADER.FIELDS (…)]<0>`), nested lists, response
/// codes. Pure: bytes in, values out. A line it cannot read is skipped and
/// reported, so one odd server line never hides the rest.
public struct IMAPResponseParser {
    private let input: [UInt8]
    private var at = 0

    private init(_ input: [UInt8]) {
        self.input = input
    }

    /// Every response in `bytes`, in order, and the lines that could not be read.
    public static func parse(_ bytes: [UInt8]) -> (responses: [IMAPResponse], errors: [IMAPParseError]) {
        var parser = IMAPResponseParser(bytes)
        var responses: [IMAPResponse] = []
        var errors: [IMAPParseError] = []
        while parser.at < bytes.count {
            let start = parser.at
            if parser.skipEndOfLine() { continue }
            do {
                responses.append(try parser.response())
            } catch let error as IMAPParseError {
                errors.append(error)
                parser.at = start
                parser.skipLine()
            } catch {
                parser.skipLine()
            }
        }
        return (responses, errors)
    }

    /// Parses text, for tests and transcripts.
    public static func parse(_ text: String) -> (responses: [IMAPResponse], errors: [IMAPParseError]) {
        parse(Array(text.utf8))
    }

    // MARK: - Responses

    private mutating func response() throws -> IMAPResponse {
        if peek == UInt8(ascii: "+") {
            at += 1
            if peek == space { at += 1 }
            return .continuation(restOfLine())
        }
        if peek == UInt8(ascii: "*") {
            at += 1
            try expect(space)
            let first = try atom(inBrackets: true)
            if let number = UInt32(first) {
                try expect(space)
                let name = try atom(inBrackets: true).uppercased()
                return .data(number: number, name: name, values: try valuesToEndOfLine())
            }
            let name = first.uppercased()
            if Self.statusKinds.contains(name) {
                return .status(try status(kind: name))
            }
            return .data(number: nil, name: name, values: try valuesToEndOfLine())
        }
        let tag = try atom(inBrackets: true)
        try expect(space)
        let kind = try atom(inBrackets: true).uppercased()
        return .tagged(tag: tag, status: try status(kind: kind))
    }

    private static let statusKinds: Set<String> = ["OK", "NO", "BAD", "BYE", "PREAUTH"]

    private mutating func status(kind: String) throws -> IMAPStatus {
        var result = IMAPStatus(kind: kind, text: "")
        guard peek == space else {
            _ = skipEndOfLine()
            return result
        }
        at += 1
        if peek == UInt8(ascii: "[") {
            at += 1
            result.code = try atom(inBrackets: true).uppercased()
            while peek == space {
                at += 1
                if peek == UInt8(ascii: "]") { break }
                result.codeValues.append(try value(inBrackets: true))
            }
            try expect(UInt8(ascii: "]"))
            if peek == space { at += 1 }
        }
        result.text = restOfLine()
        return result
    }

    private mutating func valuesToEndOfLine() throws -> [IMAPValue] {
        var values: [IMAPValue] = []
        while true {
            while peek == space { at += 1 }
            if skipEndOfLine() || at >= input.count { return values }
            values.append(try value(inBrackets: false))
        }
    }

    // MARK: - Values

    private mutating func value(inBrackets: Bool) throws -> IMAPValue {
        switch peek {
        case UInt8(ascii: "("):
            return .list(try list())
        case UInt8(ascii: "\""):
            return .string(try quoted())
        case UInt8(ascii: "{"):
            return .string(try literal())
        case UInt8(ascii: "~") where peek(1) == UInt8(ascii: "{"):
            at += 1
            return .string(try literal())
        default:
            let text = try atom(inBrackets: inBrackets)
            return text.uppercased() == "NIL" ? .nil : .atom(text)
        }
    }

    private mutating func list() throws -> [IMAPValue] {
        at += 1
        var items: [IMAPValue] = []
        while true {
            while peek == space { at += 1 }
            guard let byte = peek else { throw failure("unterminated list") }
            if byte == UInt8(ascii: ")") {
                at += 1
                return items
            }
            items.append(try value(inBrackets: false))
        }
    }

    private mutating func quoted() throws -> [UInt8] {
        at += 1
        var bytes: [UInt8] = []
        while let byte = peek {
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                return bytes
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { break }
                bytes.append(escaped)
                at += 1
            case cr, lf:
                throw failure("line break inside a quoted string")
            default:
                bytes.append(byte)
            }
        }
        throw failure("unterminated quoted string")
    }

    private mutating func literal() throws -> [UInt8] {
        at += 1
        var count = 0
        var digits = 0
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            count = count &* 10 &+ Int(byte - UInt8(ascii: "0"))
            digits += 1
            at += 1
            guard digits <= 12 else { throw failure("literal size too large") }
        }
        if peek == UInt8(ascii: "+") { at += 1 }
        guard digits > 0 else { throw failure("literal without a size") }
        try expect(UInt8(ascii: "}"))
        guard skipEndOfLine() else { throw failure("literal size not at the end of a line") }
        guard count <= input.count - at else { throw failure("literal longer than the input") }
        defer { at += count }
        return Array(input[at..<at + count])
    }

    /// An atom; a `[` inside one (a FETCH section such as
    /// `BODY[HEADER.FIELDS (FROM TO)]`) runs to its matching `]`, spaces included.
    private mutating func atom(inBrackets: Bool) throws -> String {
        let start = at
        scan: while let byte = peek {
            switch byte {
            case space, cr, lf, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: "{"):
                break scan
            case UInt8(ascii: "]") where inBrackets:
                break scan
            case UInt8(ascii: "["):
                try skipSection()
            default:
                at += 1
            }
        }
        guard at > start else { throw failure("expected an atom") }
        return String(decoding: input[start..<at], as: UTF8.self)
    }

    private mutating func skipSection() throws {
        var depth = 0
        while let byte = peek, byte != cr, byte != lf {
            at += 1
            if byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return }
            }
        }
        throw failure("unterminated section")
    }

    // MARK: - Bytes

    private let space = UInt8(ascii: " ")
    private let cr = UInt8(ascii: "\r")
    private let lf = UInt8(ascii: "\n")

    private var peek: UInt8? { at < input.count ? input[at] : nil }

    private func peek(_ ahead: Int) -> UInt8? {
        at + ahead < input.count ? input[at + ahead] : nil
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek == byte else {
            throw failure("expected \"\(Character(Unicode.Scalar(byte)))\"")
        }
        at += 1
    }

    /// Consumes CRLF (or a bare LF); false when not at the end of a line.
    private mutating func skipEndOfLine() -> Bool {
        if peek == cr && peek(1) == lf {
            at += 2
            return true
        }
        if peek == lf {
            at += 1
            return true
        }
        return false
    }

    private mutating func restOfLine() -> String {
        let start = at
        while let byte = peek, byte != cr, byte != lf { at += 1 }
        let text = String(decoding: input[start..<at], as: UTF8.self)
        _ = skipEndOfLine()
        return text
    }

    private mutating func skipLine() {
        while let byte = peek, byte != lf { at += 1 }
        if peek == lf { at += 1 }
    }

    private func failure(_ reason: String) -> IMAPParseError {
        IMAPParseError(offset: at, reason: reason)
    }
}
