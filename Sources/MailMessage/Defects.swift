/// Something wrong with a parsed message that parsing worked around. Real mail is
/// full of these; the parser collects them instead of failing.
public struct Defect: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case continuationWithoutField
        case headerFieldTooLarge
        case headerTooLarge
        case tooManyHeaderFields
        case missingHeaderBodySeparator
        case missingBoundary
        case missingClosingBoundary
        case partsTooDeep
        case tooManyParts
        case charsetFallback
        case unparsableDate
        case textTruncated
    }

    public var kind: Kind
    /// A short, human-readable note (a header name, a charset), never message content.
    public var detail: String

    public init(_ kind: Kind, _ detail: String = "") {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(detail)" }
}

/// Bounds on the work parsing may do, so hostile input costs bounded time and memory.
public struct ParseLimits: Hashable, Sendable {
    /// Header bytes read per header block; the rest of an oversized block is skipped.
    public var maxHeaderBytes: Int
    /// Bytes kept of a single header field.
    public var maxFieldBytes: Int
    public var maxHeaderFields: Int
    /// Nesting depth of multiparts and attached messages.
    public var maxDepth: Int
    /// MIME parts visited in the whole message.
    public var maxParts: Int
    /// Characters of decoded text kept.
    public var maxTextCharacters: Int

    public init(maxHeaderBytes: Int = 256 * 1024, maxFieldBytes: Int = 64 * 1024, maxHeaderFields: Int = 1000,
                maxDepth: Int = 12, maxParts: Int = 200, maxTextCharacters: Int = 1024 * 1024) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxFieldBytes = maxFieldBytes
        self.maxHeaderFields = maxHeaderFields
        self.maxDepth = maxDepth
        self.maxParts = maxParts
        self.maxTextCharacters = maxTextCharacters
    }

    public static let standard = ParseLimits()
}
