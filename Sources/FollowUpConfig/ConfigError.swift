/// A config problem a person can act on: `file:line: key: message`, like
/// msmtp and isync report theirs. Never carries a secret or a command's output.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The config file's path as given to the parser or loader.
    public var file: String
    /// 1-based line of the offending key or section; nil when the problem has
    /// no place in the text (a required key that is missing from its section
    /// and the section too, an unreadable file).
    public var line: Int?
    /// Dotted key path, e.g. `policy.max_followups`; a section name for section-wide problems.
    public var key: String
    public var message: String

    public init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}
