#if DEBUG
import Foundation
#endif

/// The moments of the send path where a crash would matter: each database
/// write and commit, each server line, each piece of a message handed to
/// libcurl. Test builds only (`DEBUG`): with `FOLLOWUPD_CRASH_AT=N` the
/// process kills itself with SIGKILL at the N-th point it passes, and with
/// `FOLLOWUPD_CRASH_TRACE=1` it names each point on stderr — which is how the
/// crash-point test learns how many points a tick has. A release build
/// compiles every call to nothing.
public enum CrashPoint {
    @inline(__always)
    public static func pass(_ label: StaticString) {
        #if DEBUG
        Counter.shared?.pass(label)
        #endif
    }
}

#if DEBUG
private final class Counter: @unchecked Sendable {
    static let shared: Counter? = {
        let environment = ProcessInfo.processInfo.environment
        let target = environment["FOLLOWUPD_CRASH_AT"].flatMap(Int.init)
        let trace = environment["FOLLOWUPD_CRASH_TRACE"] != nil
        return target != nil || trace ? Counter(target: target, trace: trace) : nil
    }()

    private let target: Int?
    private let trace: Bool
    private let lock = NSLock()
    private var passed = 0

    private init(target: Int?, trace: Bool) {
        self.target = target
        self.trace = trace
    }

    func pass(_ label: StaticString) {
        let n = lock.withLock { passed += 1; return passed }
        if trace { FileHandle.standardError.write(Data("crash-point \(n) \(label)\n".utf8)) }
        if n == target {
            FileHandle.standardError.write(Data("crash-point \(n) \(label): killed here\n".utf8))
            kill(getpid(), SIGKILL)
        }
    }
}
#endif
