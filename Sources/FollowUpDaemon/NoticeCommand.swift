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

    init(logger: Logger) {
        self.logger = logger
        // A command that exits before reading its stdin must cost a failed
        // write, not the process (libcurl is already told not to use signals).
        signal(SIGPIPE, SIG_IGN)
    }

    /// Starts the command for `notice`: its facts in FOLLOWUPD_* variables, the
    /// whole notice as JSON on stdin. Its output goes to a file, of which the
    /// first KB is logged at debug level: no reader thread can be left behind
    /// by a child that keeps the output open. False when it could not start.
    @discardableResult
    func start(_ words: [String], for notice: Notice) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: words[0])
        process.arguments = Array(words.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(Self.variables(notice)) { $1 }
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-notice-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: outputPath, contents: nil, attributes: [.posixPermissions: 0o600]),
              let output = FileHandle(forWritingAtPath: outputPath) else {
            logger.error("notify.command: no room for its output", metadata: ["path": "\(outputPath)"])
            return false
        }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            try? output.close()
            unlink(outputPath)
            logger.error("notify.command could not start", metadata: ["program": "\(words[0])", "error": "\(error.localizedDescription)"])
            return false
        }
        try? output.close()
        let json = (try? Self.encoder.encode(notice)) ?? Data()
        let key = notice.key
        running.enter()
        // The JSON is written apart from the wait: a command that never reads
        // stdin blocks only this writer (SIGPIPE is ignored), and the limit still holds.
        Thread.detachNewThread {
            try? input.fileHandleForWriting.write(contentsOf: json)
            try? input.fileHandleForWriting.close()
        }
        DispatchQueue.global().async { [logger, running] in
            defer {
                unlink(outputPath)
                running.leave()
            }
            if exited.wait(timeout: .now() + Self.limit) == .timedOut {
                let pid = process.processIdentifier
                if getpgid(pid) == pid { kill(-pid, SIGKILL) }
                process.terminate()
                // Its stdin closes with it, which frees the writer.
                try? input.fileHandleForWriting.close()
                logger.error("notify.command did not finish within \(Int(Self.limit)) s and was stopped", metadata: ["notice": "\(key)"])
                return
            }
            if process.terminationStatus != 0 || process.terminationReason != .exit {
                logger.error("notify.command failed", metadata: ["notice": "\(key)", "status": "\(process.terminationStatus)"])
            }
            let said = FileHandle(forReadingAtPath: outputPath).flatMap { try? $0.read(upToCount: 1024) } ?? Data()
            let text = String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
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
