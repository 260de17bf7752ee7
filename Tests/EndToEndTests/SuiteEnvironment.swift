import Foundation
import Testing

/// What the suite needs from the machine: its own mail stack and the two
/// built binaries; or why it cannot have them.
final class SuiteEnvironment: Sendable {
    let stack: OwnMailStack?
    let missing: String?

    @TaskLocal static var current: SuiteEnvironment?

    private init(stack: OwnMailStack?, missing: String?) {
        self.stack = stack
        self.missing = missing
    }

    static func prepare() -> SuiteEnvironment {
        for name in ["followupd", "fuctl"] where !FileManager.default.isExecutableFile(atPath: Paths.binary(name)) {
            return SuiteEnvironment(stack: nil, missing: "no \(name) binary at \(Paths.binary(name)); run swift build first")
        }
        for tool in ["/usr/bin/faketime", "/usr/sbin/dovecot", "/usr/sbin/postfix", "/usr/bin/doveadm", "/usr/bin/curl"]
            where !FileManager.default.isExecutableFile(atPath: tool) {
            return SuiteEnvironment(stack: nil, missing: "\(tool) is not installed (scripts/install-deps.sh)")
        }
        removeStaleFakeClocks()
        // The ports follow from the directory's name: a name whose ports are taken
        // (by the stack of scripts/test.sh, say) fails to start, and the next one is tried.
        var failure = ""
        for _ in 0..<3 {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-e2e-\(UUID().uuidString)").path
            do {
                return SuiteEnvironment(stack: try OwnMailStack(dir: dir), missing: nil)
            } catch {
                _ = try? Run.tool(Paths.script("mailstack.sh"), ["stop", dir])
                try? FileManager.default.removeItem(atPath: dir)
                failure = "\(error)"
            }
        }
        return SuiteEnvironment(stack: nil, missing: "the mail stack did not start: \(failure)")
    }

    /// A faketime wrapper that died without cleaning up (killed by anyone, in
    /// any earlier run) leaves its clock in /dev/shm under its pid; a later
    /// wrapper given that pid cannot start. Remove those whose process is gone.
    private static func removeStaleFakeClocks() {
        let shm = "/dev/shm"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: shm)) ?? [] {
            guard let prefix = ["faketime_shm_", "sem.faketime_sem_"].first(where: name.hasPrefix),
                  let pid = Int32(name.dropFirst(prefix.count)),
                  !FileManager.default.fileExists(atPath: "/proc/\(pid)") else { continue }
            try? FileManager.default.removeItem(atPath: "\(shm)/\(name)")
        }
    }
}

/// Starts the suite's mail stack once before its tests and stops it after them.
struct WithOwnMailStack: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let environment = SuiteEnvironment.prepare()
        defer { environment.stack?.stop() }
        try await SuiteEnvironment.$current.withValue(environment) { try await function() }
    }
}

extension Trait where Self == WithOwnMailStack {
    /// The suite's own Dovecot and Postfix, started for it and stopped after it.
    static var ownMailStack: Self { Self() }
}
