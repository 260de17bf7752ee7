/// One header field as it appeared.
public struct HeaderField: Hashable, Sendable {
    public var name: String
    /// The value as on the wire after the colon, folds included (bytes read as UTF-8, else ISO-8859-1).
    public var rawValue: String
    /// The value unfolded and trimmed, encoded words left as they are.
    public var unfoldedValue: String
    /// The unfolded value with RFC 2047 encoded words decoded.
    public var value: String

    public init(name: String, rawValue: String) {
        self.name = name
        self.rawValue = rawValue
        self.unfoldedValue = Self.unfold(rawValue)
        self.value = EncodedWords.decode(unfoldedValue)
    }

    static func unfold(_ raw: String) -> String {
        var s = raw
        if s.contains("\n") || s.contains("\r") {
            s = String(String.UnicodeScalarView(s.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }))
        }
        return s.trimmingWhitespace()
    }
}

/// The header fields of a message or part: in order, looked up case-insensitively.
public struct MessageHeaders: Hashable, Sendable {
    public var fields: [HeaderField]

    public init(fields: [HeaderField] = []) { self.fields = fields }

    /// The decoded value of the first field named `name`.
    public subscript(_ name: String) -> String? { field(name)?.value }

    /// The first field named `name` (case-insensitive).
    public func field(_ name: String) -> HeaderField? {
        fields.first { $0.name.caseInsensitiveEquals(name) }
    }

    /// Every field named `name`, in order.
    public func fields(named name: String) -> [HeaderField] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }

    func trimmingWhitespace() -> String {
        trimmingScalars { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    }
}

extension StringProtocol {
    /// Without the scalars `drop` names at either end: Foundation's
    /// `trimmingCharacters(in:)` for a set of ASCII characters, without the
    /// bridge to NSString it costs at every address and identifier compared.
    public func trimmingScalars(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !drop($0) }) ?? first
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
