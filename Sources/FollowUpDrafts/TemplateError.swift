/// A template that cannot be used, reported as `file:line:column: reason`
/// so the user can fix the file (line and column when the parser knows them).
public struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    public var origin: String
    public var line: Int?
    public var column: Int?
    public var reason: String

    public init(origin: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.origin = origin
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var place = origin
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(reason)"
    }
}

/// A request the templates cannot turn into a sensible message
/// (a news draft without the news, an unknown time zone).
public struct DraftRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { reason }
}
