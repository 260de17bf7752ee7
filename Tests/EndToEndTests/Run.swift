import Foundation
import TestSupport

/// Where the package's scripts and built binaries are.
enum Paths {
    static var packageRoot: URL { TestEnvironment.packageRoot }

    static func script(_ name: String) -> String { packageRoot.appendingPathComponent("scripts/" + name).path }

    static func binary(_ name: String) -> String { TestEnvironment.builtBinary(name) }
}

/// What a finished process left.
struct Finished {
    var status: Int32
    var stdout: String
    var stderr: String
    var peakMemoryKB = 0
    var output: String { stdout + stderr }
}

/// Runs programs with their output in files (a pipe left unread would block them).
enum Run {
    /// The application's and the candidate's zone: no daylight saving, so a
    /// wall-clock time is one instant whatever the season.
    static let zone = "Asia/Tokyo"

    /// A helper tool (the mail stack script, doveadm, curl), at the real time.
    static func tool(_ path: String, _ arguments: [String]) throws -> Finished {
        let running = try Running(path, arguments, fakeTime: nil, environment: [:])
        return running.wait(seconds: 60)
    }
}

/// A process started by a test, spawned with posix_spawn: the test runner's
/// threads block signals (SIGTERM, SIGCHLD among them) and Foundation's
/// Process would pass that mask on, leaving mail daemons deaf to `stop` and
/// children unreaped. Under faketime the program is faketime's child
/// (faketime forks and waits), so its own pid is looked up to kill it.
final class Running {
    private let pid: pid_t
    private let underFakeTime: Bool
    private var exitStatus: Int32?
    private let out: String
    private let err: String

    /// Starts `path arguments`; `fakeTime` (local time in `Run.zone`, "YYYY-MM-DD HH:MM:SS")
    /// moves its clock there, running on from it.
    init(_ path: String, _ arguments: [String], fakeTime: String?, environment: [String: String]) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-out-\(UUID().uuidString)").path
        out = scratch + ".out"
        err = scratch + ".err"
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FAKETIME") && $0.key != "LD_PRELOAD" }
        env["TZ"] = Run.zone
        env.merge(environment) { _, new in new }
        underFakeTime = fakeTime != nil
        let argv = fakeTime.map { ["/usr/bin/faketime", $0, path] } ?? [path]
        pid = try Self.spawn(argv + arguments, environment: env.map { "\($0.key)=\($0.value)" }, stdout: out, stderr: err)
    }

    private static func spawn(_ argv: [String], environment: [String], stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        guard result == 0 else { throw SpawnFailure(argv: argv, error: result) }
        return pid
    }

    struct SpawnFailure: Error { let argv: [String]; let error: Int32 }

    var isRunning: Bool { reap(blocking: false) == nil }

    /// The process's peak resident memory (KB), its VmHWM sampled while
    /// `wait` waits (every 10 ms); under faketime, the wrapper's. Not
    /// wait4's ru_maxrss: a process spawned from this one starts life in the
    /// test runner's memory, and exec keeps that high-water mark (100-200 MB).
    private(set) var peakMemoryKB = 0

    private func sampleMemory() {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return }
        peakMemoryKB = max(peakMemoryKB, kb)
    }

    /// The exit status (128 + signal when killed), once the process ended.
    private func reap(blocking: Bool) -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, blocking ? 0 : WNOHANG) == pid else { return nil }
        let signal = status & 0x7F
        exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return exitStatus
    }

    /// Waits for the end; past `seconds` the process is killed (a hung program
    /// must fail its test, not the whole run).
    func wait(seconds: Double) -> Finished {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning, Date() < deadline {
            sampleMemory()
            Thread.sleep(forTimeInterval: 0.01)
        }
        if isRunning { killProgram() }
        let status = reap(blocking: true) ?? -1
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        return Finished(status: status,
                        stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                        stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
                        peakMemoryKB: peakMemoryKB)
    }

    /// SIGKILL to the program itself. Under faketime that is the wrapper's
    /// child, and the wrapper is left to see it die: it then removes its clock
    /// (/dev/shm/faketime_shm_PID, sem.faketime_sem_PID) and exits. A wrapper
    /// killed too leaves them behind, and a later faketime that gets the same
    /// pid fails to start ("shm_open: File exists").
    func killProgram() {
        // A reaped pid may already belong to someone else.
        guard isRunning else { return }
        guard underFakeTime else {
            for child in Self.children(of: pid) { kill(child, SIGKILL) }
            kill(pid, SIGKILL)
            return
        }
        // The wrapper may not have forked yet.
        let deadline = Date().addingTimeInterval(2)
        var program = Self.children(of: pid)
        while program.isEmpty, isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            program = Self.children(of: pid)
        }
        for child in program { kill(child, SIGKILL) }
        let exited = Date().addingTimeInterval(5)
        while isRunning, Date() < exited { Thread.sleep(forTimeInterval: 0.01) }
        if isRunning { kill(pid, SIGKILL) }
    }

    /// The processes whose parent is `pid`, from /proc.
    static func children(of pid: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                  let close = stat.range(of: ")", options: .backwards) else { return false }
            // "pid (comm) state ppid …": the command may hold spaces, so read after its ")".
            let fields = stat[close.upperBound...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == pid
        }
    }
}
