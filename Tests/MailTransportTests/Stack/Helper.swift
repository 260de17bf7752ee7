import Foundation
import TestSupport

/// A process a test starts (smtp-sink, the fault proxy), ended when the test ends.
final class Helper {
    private let process = Process()

    /// Starts `arguments` and waits until `port` accepts connections, or
    /// until `readyFile` exists when probing the port would disturb the helper.
    init(_ arguments: [String], port: Int, readyFile: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if let readyFile {
                if (try? FileManager.default.removeItem(atPath: readyFile)) != nil { return }
            } else if Helper.accepts(port) {
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw HelperDidNotStart(arguments: arguments)
    }

    struct HelperDidNotStart: Error { let arguments: [String] }

    func stop() {
        guard process.isRunning else { return }
        // SIGKILL: the test runner's children inherit a mask that blocks SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The fault proxy in front of `target` on `port`.
    static func proxy(port: Int, target: Int, fault: String = "pass", extra: [String] = []) throws -> Helper {
        let ready = NSTemporaryDirectory() + "faultproxy-\(port)-\(UUID().uuidString)"
        let script = packageRoot.appendingPathComponent("scripts/faultproxy.py").path
        return try Helper(["/usr/bin/python3", script, "--listen", "\(port)", "--target", "\(target)",
                           "--fault", fault, "--ready", ready] + extra, port: port, readyFile: ready)
    }

    /// Probes from 127.0.0.2: the test ports lie in the ephemeral range, and a
    /// probe from 127.0.0.1 to a port nobody listens on yet can connect to
    /// itself (source port = target port), which fakes a listener and then
    /// holds the port in TIME-WAIT for a minute.
    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var source = sockaddr_in()
        source.sin_family = sa_family_t(AF_INET)
        source.sin_addr.s_addr = inet_addr("127.0.0.2")
        let bound = withUnsafePointer(to: &source) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard bound else { return false }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// The package root, for scripts/.
    static var packageRoot: URL { TestEnvironment.packageRoot }
}
