/// One value of an IMAP response: an atom (numbers and flags are atoms), a
/// string (quoted or literal, as raw bytes), NIL, or a parenthesised list.
public indirect enum IMAPValue: Hashable, Sendable {
    case atom(String)
    case string([UInt8])
    case `nil`
    case list([IMAPValue])

    /// The atom as a number, when it is one.
    public var number: UInt32? {
        if case .atom(let text) = self { return UInt32(text) }
        return nil
    }

    /// An atom's text or a string's bytes as UTF-8 text; nil for NIL and lists.
    public var text: String? {
        switch self {
        case .atom(let text): return text
        case .string(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .nil, .list: return nil
        }
    }

    /// The bytes of a string (or of an atom's text).
    public var bytes: [UInt8]? {
        switch self {
        case .atom(let text): return Array(text.utf8)
        case .string(let bytes): return bytes
        case .nil, .list: return nil
        }
    }

    public var list: [IMAPValue]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

/// A status line: `OK`, `NO`, `BAD`, `BYE` or `PREAUTH`, with its optional
/// response code (`[UIDVALIDITY 3]` gives code "UIDVALIDITY", values [3]).
public struct IMAPStatus: Hashable, Sendable {
    public var kind: String
    public var code: String?
    public var codeValues: [IMAPValue]
    public var text: String

    public init(kind: String, code: String? = nil, codeValues: [IMAPValue] = [], text: String) {
        self.kind = kind
        self.code = code
        self.codeValues = codeValues
        self.text = text
    }
}

/// One response from an IMAP server.
public enum IMAPResponse: Hashable, Sendable {
    /// The completion of a command: `A003 OK [READ-ONLY] Examine completed`.
    case tagged(tag: String, status: IMAPStatus)
    /// An untagged status: `* OK [UIDNEXT 9] Predicted next UID`, `* BYE`.
    case status(IMAPStatus)
    /// Untagged data: `* 8 EXISTS` (number 8), `* SEARCH 2 5`,
    /// `* 1 FETCH (UID 1 …)` (number 1, values [the list]). Names are upper-case.
    case data(number: UInt32?, name: String, values: [IMAPValue])
    /// `+ text`: the server waits for more from the client.
    case continuation(String)
}
