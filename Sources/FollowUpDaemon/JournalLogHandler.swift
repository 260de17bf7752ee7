import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// A swift-log handler for stderr that reads well in journald: under systemd
/// (`JOURNAL_STREAM` set) each line starts with a syslog priority prefix
/// (`<3>`) and carries no timestamp, since the journal adds its own; on a
/// terminal it prints a timestamp and the level instead.
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let underJournal: Bool
    private let sink: @Sendable (String) -> Void

    public init(label: String, level: Logger.Level, underJournal: Bool,
                sink: @escaping @Sendable (String) -> Void = JournalLogHandler.writeToStderr) {
        self.label = label
        self.logLevel = level
        self.underJournal = underJournal
        self.sink = sink
    }

    public static func bootstrap(level: Logger.Level, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let journal = stderrIsJournal(environment["JOURNAL_STREAM"])
        LoggingSystem.bootstrap { label in JournalLogHandler(label: label, level: level, underJournal: journal) }
    }

    /// systemd sets JOURNAL_STREAM to "device:inode" of the journal's stream;
    /// it is ours only if stderr is still that stream (not redirected by a
    /// script that inherited the variable).
    static func stderrIsJournal(_ stream: String?) -> Bool {
        let parts = stream?.split(separator: ":").compactMap { UInt64($0) } ?? []
        var st = stat()
        guard parts.count == 2, fstat(2, &st) == 0 else { return false }
        return UInt64(st.st_dev) == parts[0] && UInt64(st.st_ino) == parts[1]
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let explicit = event.metadata { all.merge(explicit) { $1 } }
        let level = event.level
        let message = event.message
        let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = fields.isEmpty ? "\(message)" : "\(message) \(fields)"
        // One record per line: a newline inside a message would forge a record.
        let flat = text.replacingOccurrences(of: "\n", with: "\\n")
        if underJournal {
            sink("<\(Self.syslogPriority(level))>\(flat)")
        } else {
            let stamp = Date().formatted(.iso8601)
            sink("\(stamp) \(level.rawValue.uppercased()) \(flat)")
        }
    }

    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    public static let writeToStderr: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
