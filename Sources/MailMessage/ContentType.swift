/// A `Content-Type` (or `Content-Disposition`) value: type/subtype and parameters.
public struct ContentType: Hashable, Sendable {
    /// Lowercased, e.g. "text".
    public var type: String
    /// Lowercased, e.g. "plain".
    public var subtype: String
    /// Lowercased names; values decoded (RFC 2231 continuations and charsets joined).
    public var parameters: [String: String]

    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// "type/subtype".
    public var mimeType: String { "\(type)/\(subtype)" }
    public var charset: String? { parameters["charset"] }

    /// RFC 2045's default for a part with no (or an unreadable) Content-Type.
    public static let defaultPlainText = ContentType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"])

    /// Parses an unfolded value; nil when there is no "type/subtype" (a Content-Disposition has no subtype: pass `requireSubtype: false`).
    public static func parse(_ value: String, requireSubtype: Bool = true) -> ContentType? {
        var pieces = splitOutsideQuotes(value)
        guard var head = pieces.first?.trimmingWhitespace() else { return nil }
        // "text/plain\r\n charset=..." (a fold that lost its ";"): the media type ends at the space.
        if let space = head.firstIndex(where: \.isWhitespace) {
            let media = head[..<space], rest = String(head[space...]).trimmingWhitespace()
            if media.contains("/"), !media.hasSuffix("/"), rest.contains("=") {
                head = String(media)
                pieces.insert(rest, at: 1)
            }
        }
        let media = head.lowercased()
        let slash = media.firstIndex(of: "/")
        let type = slash.map { String(media[..<$0]) } ?? media
        let subtype = slash.map { String(media[media.index(after: $0)...]).trimmingWhitespace() } ?? ""
        if type.isEmpty || (requireSubtype && subtype.isEmpty) { return nil }
        return ContentType(type: type.trimmingWhitespace(), subtype: subtype, parameters: parameters(Array(pieces.dropFirst())))
    }

    private static func splitOutsideQuotes(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var inQuotes = false, escaped = false
        for c in value {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" && inQuotes { current.append(c); escaped = true; continue }
            if c == "\"" { inQuotes.toggle() }
            if c == ";" && !inQuotes { pieces.append(current); current = ""; continue }
            current.append(c)
        }
        pieces.append(current)
        return pieces
    }

    /// RFC 2045 parameters with RFC 2231 extensions: `name*=charset'lang'%XX` and `name*0*=`, `name*1=` continuations.
    private static func parameters(_ pieces: [String]) -> [String: String] {
        var plain: [String: String] = [:]
        var sections: [String: [Int: (value: String, encoded: Bool)]] = [:]
        for piece in pieces {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            var name = String(piece[..<eq]).trimmingWhitespace().lowercased()
            var value = String(piece[piece.index(after: eq)...]).trimmingWhitespace()
            if value.hasPrefix("\"") {
                value = unquote(value)
            }
            guard !name.isEmpty else { continue }
            var encoded = false
            if name.hasSuffix("*") { encoded = true; name.removeLast() }
            if let star = name.firstIndex(of: "*"), let index = Int(name[name.index(after: star)...]), index < 1000 {
                let base = String(name[..<star])
                sections[base, default: [:]][index] = (value, encoded)
            } else if encoded {
                sections[name, default: [:]][0] = (value, true)
            } else if plain[name] == nil {
                plain[name] = EncodedWords.decode(value)
            }
        }
        for (name, parts) in sections {
            var charset: String?
            var bytes: [UInt8] = []
            for index in parts.keys.sorted() {
                guard let part = parts[index] else { continue }
                var text = Substring(part.value)
                if part.encoded {
                    if index == 0 {
                        let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if fields.count == 3 {
                            charset = fields[0].isEmpty ? nil : String(fields[0])
                            text = fields[2]
                        }
                    }
                    bytes += percentDecode(text)
                } else {
                    bytes += Array(text.utf8)
                }
            }
            plain[name] = Charset.decode(bytes, charset: charset).text
        }
        return plain
    }

    private static func unquote(_ quoted: String) -> String {
        var out = ""
        var escaped = false
        for c in quoted.dropFirst() {
            if escaped { out.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "\"" { break }
            out.append(c)
        }
        return out
    }

    private static func percentDecode(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
               let hi = TransferEncoding.hexValue(bytes[i + 1]), let lo = TransferEncoding.hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }
}
