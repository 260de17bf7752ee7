import Foundation
import Testing
#if canImport(Glibc)
import Glibc
import TestSupport
#endif

/// followupd as systemd runs it: a process that says READY, reloads its
/// config on SIGHUP, stops with status 0 on SIGTERM, and exits 78 on a
/// broken config. Its mail servers are unreachable here on purpose: a tick
/// that fails must not bring the daemon down.
@Suite(.serialized) struct DaemonProcessTests {
    static let repo = TestEnvironment.packageRoot

    static func binary() -> String? { TestEnvironment.binary("followupd") }

    /// A scratch directory with a config whose servers refuse connections.
    static func scratch(pollInterval: String = "30s", extra: String = "") throws -> (dir: String, config: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let config = dir + "/config.toml"
        try """
            [identity]
            name = "Morgan Lee"
            email = "morgan@example.com"
            timezone = "Europe/Berlin"
            [imap]
            url = "imaps://127.0.0.1:1"
            password_command = "echo not-a-real-password"
            [smtp]
            url = "smtps://127.0.0.1:1"
            password_command = "echo not-a-real-password"
            [daemon]
            database = "\(dir)/state.sqlite"
            poll_interval = "\(pollInterval)"
            \(extra)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return (dir, config)
    }

    /// A datagram socket standing in for systemd's notify socket.
    final class NotifySocket {
        let path: String
        let fd: Int32

        init(dir: String) {
            path = dir + "/notify"
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (i, b) in path.utf8.enumerated() { raw[i] = b }
            }
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        }

        deinit { close(fd) }

        /// The next message, waiting up to `timeout` seconds.
        func next(timeout: Double = 10) -> String? {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(timeout * 1000)) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &buffer, buffer.count, 0)
            return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : nil
        }

        /// Messages until one contains `marker`.
        func await(_ marker: String, timeout: Double = 10) -> [String] {
            var seen: [String] = []
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline, let m = next(timeout: deadline.timeIntervalSinceNow) {
                seen.append(m)
                if m.contains(marker) { break }
            }
            return seen
        }
    }

    /// Starts followupd; `journal` makes its stderr look like journald's stream.
    static func start(_ binary: String, _ arguments: [String], environment: [String: String] = [:],
                      journal: Bool = false) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let stderr = Pipe()
        var environment = environment
        var st = stat()
        if journal, fstat(stderr.fileHandleForWriting.fileDescriptor, &st) == 0 {
            environment["JOURNAL_STREAM"] = "\(st.st_dev):\(st.st_ino)"
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, stderr)
    }

    @Test func itSaysReadyReloadsOnSIGHUPAndStopsWithZeroOnSIGTERM() throws {
        guard let binary = Self.binary() else { return }
        let (dir, config) = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let notify = NotifySocket(dir: dir)
        let (process, stderr) = try Self.start(binary, ["--config", config],
                                               environment: ["NOTIFY_SOCKET": notify.path], journal: true)
        #expect(notify.await("READY=1").last?.contains("READY=1") == true)
        #expect(notify.await("STATUS=last tick failed").last?.hasPrefix("STATUS=last tick failed") == true)

        kill(process.processIdentifier, SIGHUP)
        let reload = notify.await("READY=1")
        #expect(reload.first == "RELOADING=1")
        #expect(reload.last?.contains("READY=1") == true)

        kill(process.processIdentifier, SIGTERM)
        #expect(notify.await("STOPPING=1").last == "STOPPING=1")
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)

        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("<3>"), "the failed ticks are logged at error priority: \(log)")
        #expect(log.contains("<5>config reloaded"))
        #expect(!log.contains("not-a-real-password"))
    }

    @Test func onceExitsNonZeroWhenTheInboxCannotBeChecked() throws {
        guard let binary = Self.binary() else { return }
        let (dir, config) = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (process, _) = try Self.start(binary, ["--config", config, "--once"])
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
    }

    @Test func aBrokenConfigExits78NamingFileLineAndKey() throws {
        guard let binary = Self.binary() else { return }
        let (dir, config) = try Self.scratch(extra: "[policy]\nmax_followups = 7")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (process, stderr) = try Self.start(binary, ["--config", config, "--once"])
        process.waitUntilExit()
        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 78)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("max_followups") }) + 1
        #expect(log.contains("\(config):\(line): policy.max_followups:"), "\(log)")
    }
}

extension DaemonProcessTests {
    @Test func aSecondDaemonOnTheSameDatabaseRefusesToStart() throws {
        guard let binary = Self.binary() else { return }
        let (dir, config) = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let notify = NotifySocket(dir: dir)
        let (first, _) = try Self.start(binary, ["--config", config], environment: ["NOTIFY_SOCKET": notify.path])
        defer { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() }
        #expect(notify.await("READY=1").last?.contains("READY=1") == true)
        let (second, stderr) = try Self.start(binary, ["--config", config, "--once"])
        second.waitUntilExit()
        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(second.terminationStatus == 1)
        #expect(log.contains("another followupd is running"), "\(log)")
    }
}

extension DaemonProcessTests {
    @Test func aBrokenTemplateOverrideIsAConfigErrorExit78() throws {
        guard let binary = Self.binary() else { return }
        let templates = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: templates) }
        try "{{% CONTENT_TYPE: TEXT}}\nSubject: Hi\n\n{{#role}}never closed\n".write(toFile: templates + "/check_in.mustache", atomically: true, encoding: .utf8)
        let (dir, config) = try Self.scratch(extra: "[templates]\ndir = \"\(templates)\"")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (process, stderr) = try Self.start(binary, ["--config", config, "--once"])
        process.waitUntilExit()
        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 78)
        #expect(log.contains("check_in.mustache"), "\(log)")
    }
}

extension DaemonProcessTests {
    /// systemd restarts on exit 1, not on 78: a database a person must look at stops the loop.
    @Test(arguments: ["garbage", "emptied"])
    func anUnusableDatabaseExits78NamingTheFile(how: String) throws {
        guard let binary = Self.binary() else { return }
        let (dir, config) = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let database = dir + "/state.sqlite"
        if how == "emptied" {
            // A first run makes the database and its marker; then the file is emptied.
            let (first, _) = try Self.start(binary, ["--config", config, "--once"])
            first.waitUntilExit()
            try Data().write(to: URL(fileURLWithPath: database))
        } else {
            try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: database))
        }
        let (process, stderr) = try Self.start(binary, ["--config", config, "--once"])
        process.waitUntilExit()
        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 78, "\(log)")
        #expect(log.contains(database), "\(log)")
        #expect(!log.contains("SQLite error"), "\(log)")
        let size = try FileManager.default.attributesOfItem(atPath: database)[.size] as? Int
        #expect(size == (how == "emptied" ? 0 : 8192), "the file is left as it was, for the user to restore")
    }
}
