/// Where a problem is in the subject or body: 1-based line and column (in
/// characters), and the character offset and length from the part's start.
public struct TextLocation: Hashable, Sendable, Codable {
    public var line: Int
    public var column: Int
    public var offset: Int
    public var length: Int

    public init(line: Int, column: Int, offset: Int, length: Int) {
        self.line = line
        self.column = column
        self.offset = offset
        self.length = length
    }

    init(of range: Range<String.Index>, in text: String) {
        let before = text[..<range.lowerBound]
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        self.init(line: before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 },
                  column: text[lineStart..<range.lowerBound].count + 1,
                  offset: before.count,
                  length: text[range].count)
    }
}

/// One way a draft breaks POLICY.md "What a draft must be".
public struct LintProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        case tooLong = "too-long"
        case notShorterThanCheckIn = "not-shorter-than-check-in"
        case missingContactName = "missing-contact-name"
        case missingRole = "missing-role"
        case missingCompany = "missing-company"
        case missingTalkingPoint = "missing-talking-point"
        case missingCallToAction = "missing-call-to-action"
        case missingGratitude = "missing-gratitude"
        case pushy
        case desperate
        case informal
        case ultimatum
        case emoji
        case repeatedPunctuation = "repeated-punctuation"
        case shouting
        case placeholder
        case spelling

        /// The user may approve a draft despite this problem (`--override-spelling`);
        /// every other kind must be fixed by editing.
        public var isOverridable: Bool { self == .spelling }
    }

    public enum Part: String, Hashable, Sendable, Codable {
        case subject, body
    }

    public var kind: Kind
    /// What is wrong and what to do, for the user.
    public var message: String
    public var part: Part
    /// Nil for a problem of the whole draft (too long, something missing).
    public var location: TextLocation?
    /// The offending text exactly as it appears; empty when `location` is nil.
    public var excerpt: String

    public init(kind: Kind, message: String, part: Part, location: TextLocation?, excerpt: String) {
        self.kind = kind
        self.message = message
        self.part = part
        self.location = location
        self.excerpt = excerpt
    }

    /// `body:3:14: pushy: …`, in the style of compiler diagnostics.
    public var description: String {
        let place = location.map { "\(part.rawValue):\($0.line):\($0.column)" } ?? part.rawValue
        return "\(place): \(kind.rawValue): \(message)"
    }
}
