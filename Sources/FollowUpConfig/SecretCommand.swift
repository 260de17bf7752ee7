import Foundation

/// Runs `password_command`. The first line of its stdout is the secret (as
/// with msmtp's passwordeval and mbsync's PassCmd, so `pass show` entries with
/// more lines work). Neither its stdout nor its stderr is ever shown: a
/// command may echo what it handles.
enum SecretCommand {
    static func run(_ command: String, timeout: TimeInterval) throws -> Secret {
        let shown = "`\(SecretSource.shown(command: command))`"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        // A command that asks for input must see EOF, not hang on ours.
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw SecretError(message: "password_command \(shown) could not start: \(error.localizedDescription)")
        }
        let output = OutputCollector(stdout.fileHandleForReading)
        let errors = OutputCollector(stderr.fileHandleForReading)
        let deadline = DispatchTime.now() + timeout
        // A background child left holding stdout counts as not finished too.
        guard exited.wait(timeout: deadline) == .success, let data = output.wait(until: deadline) else {
            // Foundation starts the shell as the leader of a process group of
            // its own: stop the group, so that no child it started (`pass`
            // waiting on pinentry) outlives it, one more at every tick.
            let pid = process.processIdentifier
            if getpgid(pid) == pid { kill(-pid, SIGKILL) }
            process.terminate()
            throw SecretError(message: "password_command \(shown) did not finish within \(Int(timeout)) s")
        }
        let firstLine = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
        let text = SecretFile.trimmingTrailingNewline(String(firstLine))
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let said = errors.wait(until: .now() + 1).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let lines = said.split(separator: "\n").count
            let hint = lines == 0 ? "" : "; its error output (\(lines) line\(lines == 1 ? "" : "s")) is not shown: run it yourself to see why"
            throw SecretError(message: "password_command \(shown) failed (exit status \(process.terminationStatus))\(hint)")
        }
        guard !text.isEmpty else {
            throw SecretError(message: "password_command \(shown) printed nothing")
        }
        return Secret(text)
    }
}

/// Drains a pipe on its own thread so a chatty command cannot fill the pipe
/// and block while we wait for it to exit.
private final class OutputCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait(until deadline: DispatchTime) -> Data? {
        done.wait(timeout: deadline) == .success ? data : nil
    }
}
