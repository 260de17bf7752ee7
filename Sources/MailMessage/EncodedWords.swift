/// RFC 2047 encoded words: `=?charset?Q|B?text?=`.
public enum EncodedWords {
    private enum Segment {
        case text([UInt8])
        case encoded(charset: String, bytes: [UInt8])
    }

    /// Decodes every encoded word in an unfolded header value. Whitespace between
    /// two encoded words is dropped, and adjacent words in one charset are joined
    /// before decoding, so a character split across words survives.
    public static func decode(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard bytes.count >= 8, value.contains("=?") else { return value }
        var segments: [Segment] = []
        var literal: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "?"),
               let (word, end) = encodedWord(in: bytes, at: i) {
                if !literal.isEmpty { segments.append(.text(literal)); literal = [] }
                segments.append(word)
                i = end
            } else {
                literal.append(bytes[i])
                i += 1
            }
        }
        if !literal.isEmpty { segments.append(.text(literal)) }
        return render(segments)
    }

    private static func render(_ segments: [Segment]) -> String {
        var out = ""
        var pending: (charset: String, bytes: [UInt8])?
        func flush() {
            if let p = pending { out += Charset.decode(p.bytes, charset: p.charset).text }
            pending = nil
        }
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .encoded(let charset, let bytes):
                if let p = pending, p.charset == charset {
                    pending = (charset, p.bytes + bytes)
                } else {
                    flush()
                    pending = (charset, bytes)
                }
            case .text(let bytes):
                let isSpace = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
                let betweenWords: Bool = {
                    guard index > 0, index + 1 < segments.count else { return false }
                    if case .encoded = segments[index - 1], case .encoded = segments[index + 1] { return true }
                    return false
                }()
                if isSpace && betweenWords { continue }
                flush()
                out += String(decoding: bytes, as: UTF8.self)
            }
        }
        flush()
        return out
    }

    /// Parses one encoded word starting at `start` ("=?"); returns it and the index after "?=".
    private static func encodedWord(in bytes: [UInt8], at start: Int) -> (Segment, Int)? {
        var i = start + 2
        let charsetStart = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "?") {
            if bytes[i] <= 0x20 || bytes[i] >= 0x7F || i - charsetStart > 40 { return nil }
            i += 1
        }
        guard i + 2 < bytes.count, i > charsetStart, bytes[i + 2] == UInt8(ascii: "?") else { return nil }
        var charset = String(decoding: bytes[charsetStart..<i], as: UTF8.self)
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
        let mode = bytes[i + 1] | 0x20
        guard mode == UInt8(ascii: "q") || mode == UInt8(ascii: "b") else { return nil }
        let textStart = i + 3
        var j = textStart
        while j + 1 < bytes.count {
            if bytes[j] == UInt8(ascii: "?"), bytes[j + 1] == UInt8(ascii: "=") { break }
            if bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { return nil }
            j += 1
        }
        guard j + 1 < bytes.count else { return nil }
        let text = bytes[textStart..<j]
        let decoded = mode == UInt8(ascii: "q")
            ? TransferEncoding.decodeQuotedPrintable(text, underscoreIsSpace: true)
            : TransferEncoding.decodeBase64(text)
        return (.encoded(charset: charset.lowercased(), bytes: decoded), j + 2)
    }

    /// Encodes `text` as UTF-8 "B" encoded words of at most 75 characters each,
    /// never splitting a character, joined by `separator` (a fold for headers).
    public static func encode(_ text: String, firstLineBudget: Int = 75, separator: String = "\r\n ") -> String {
        let prefix = "=?utf-8?b?", suffix = "?="
        var words: [String] = []
        var chunk: [UInt8] = []
        var budget = max(firstLineBudget, prefix.count + suffix.count + 8)
        func encodedLength(_ n: Int) -> Int { prefix.count + suffix.count + (n + 2) / 3 * 4 }
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty, encodedLength(chunk.count + bytes.count) > budget {
                words.append(prefix + TransferEncoding.encodeBase64(chunk) + suffix)
                chunk = []
                budget = 75
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(prefix + TransferEncoding.encodeBase64(chunk) + suffix) }
        return words.joined(separator: separator)
    }
}
