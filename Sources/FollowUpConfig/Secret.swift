/// A password or token. Prints as "••••" through `description`,
/// `debugDescription`, string interpolation, `dump` and `Mirror`, so it cannot
/// leak into logs by accident; only `reveal()` hands out the text.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let text: String

    public init(_ text: String) {
        self.text = text
    }

    /// The secret's text, for the one place that needs it (the login).
    public func reveal() -> String { text }

    public static let mask = "••••"

    public var description: String { Self.mask }
    public var debugDescription: String { Self.mask }
    public var customMirror: Mirror { Mirror(reflecting: Self.mask) }
}
