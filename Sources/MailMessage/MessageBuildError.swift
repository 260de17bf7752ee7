/// Why a message could not be built. Carries the field name, never its content.
public struct MessageBuildError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// A CR, LF or NUL in a header value (or NUL in the body): refused, never stripped.
        case controlCharacter
        case invalidAddress
        case invalidMessageID
        case noRecipients
        case notEnoughRandomness
    }

    public var code: Code
    /// The header field (or "body") at fault.
    public var field: String

    public init(_ code: Code, field: String) {
        self.code = code
        self.field = field
    }

    public var description: String { "\(field): \(code.rawValue)" }
}
