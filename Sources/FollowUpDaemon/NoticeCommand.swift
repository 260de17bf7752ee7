import Foundation
import Logging
import FollowUpCore

/// Runs `[notify] command` for notices, each in the background: a command
/// that fails or hangs is logged and killed after `limit`, and never delays
/// a tick. No shell: the words are the program and its arguments.
final class NoticeCommands: @unchecked Sendable {
    static let limit: TimeInterval = 10
    private let running = DispatchGroup()
    private let logger: Logger

    init(logger: Logger) { self.logger = logger }

    /// Starts the command for `notice`: its facts in FOLLOWUPD_* variables, the
    /// whole notice as JSON on stdin. False when it could not even start.
    @discardableResult
    func start(_ words: [String], for notice: Notice) -> Bool {
        guard let program = Self.resolve(words[0]) else {
            logger.error("notify.command: no such program", metadata: ["program": "\(words[0])"])
            return false
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(words.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(Self.variables(notice)) { $1 }
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            logger.error("notify.command could not start", metadata: ["program": "\(program)", "error": "\(error.localizedDescription)"])
            return false
        }
        running.enter()
        let json = (try? Self.encoder.encode(notice)) ?? Data()
        let key = notice.key
        DispatchQueue.global().async { [logger, running] in
            defer { running.leave() }
            // A command that never reads its stdin must not block us: write, then close, off the tick.
            try? input.fileHandleForWriting.write(contentsOf: json)
            try? input.fileHandleForWriting.close()
            let said = OutputTail(output.fileHandleForReading)
            if exited.wait(timeout: .now() + Self.limit) == .timedOut {
                let pid = process.processIdentifier
                if getpgid(pid) == pid { kill(-pid, SIGKILL) }
                process.terminate()
                logger.error("notify.command did not finish within \(Int(Self.limit)) s and was stopped", metadata: ["notice": "\(key)"])
                return
            }
            let text = said.text(within: 1)
            if process.terminationStatus != 0 || process.terminationReason != .exit {
                logger.error("notify.command failed", metadata: ["notice": "\(key)", "status": "\(process.terminationStatus)"])
            }
            if !text.isEmpty { logger.debug("notify.command said", metadata: ["notice": "\(key)", "output": "\(text)"]) }
        }
        return true
    }

    /// Waits for the commands still running (at most their limit): `--once` exits after this.
    func waitForAll() { _ = running.wait(timeout: .now() + Self.limit + 2) }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func variables(_ notice: Notice) -> [String: String] {
        var env = ["FOLLOWUPD_EVENT": notice.kind.rawValue, "FOLLOWUPD_SUMMARY": notice.summary, "FOLLOWUPD_KEY": notice.key]
        env["FOLLOWUPD_APPLICATION"] = notice.applicationID.map(String.init)
        env["FOLLOWUPD_COMPANY"] = notice.company
        env["FOLLOWUPD_CONTACT"] = notice.contact
        env["FOLLOWUPD_DRAFT"] = notice.draftID.map(String.init)
        env["FOLLOWUPD_DUE"] = notice.due.map { $0.formatted(.iso8601) }
        return env
    }

    /// A program name found on PATH, as a shell would find it.
    static func resolve(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// The first KB of what a command printed: enough for a log line, never all of it.
private final class OutputTail: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while let chunk = try? handle.read(upToCount: 4096), !chunk.isEmpty {
                lock.withLock { if data.count < 1024 { data.append(chunk.prefix(1024 - data.count)) } }
            }
            done.signal()
        }
    }

    func text(within seconds: Double) -> String {
        _ = done.wait(timeout: .now() + seconds)
        return lock.withLock { String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
