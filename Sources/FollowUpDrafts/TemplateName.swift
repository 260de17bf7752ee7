import FollowUpCore

/// One template file per message kind and, where the kind says so, per kind
/// of event (`MessageKind.templateStem(after:)`). The file is `<rawValue>.mustache`.
public struct TemplateName: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// The template that renders `kind` for a round started by an event of `event`.
    public init(kind: MessageKind, event: EventKind) {
        rawValue = kind.templateStem(after: event)
    }

    /// Every template some kind and event need, in name order.
    public static let allCases: [TemplateName] = Array(Set(MessageKind.allCases.flatMap { kind in
        EventKind.allCases.map { TemplateName(kind: kind, event: $0) }
    })).sorted()

    public var fileName: String { rawValue + ".mustache" }
    public var description: String { rawValue }

    public static func < (a: TemplateName, b: TemplateName) -> Bool { a.rawValue < b.rawValue }
}
