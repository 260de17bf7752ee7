import Foundation

/// Runs `password_command`. Its stdout is the secret, so no error message
/// ever includes it; stderr goes where followupd's own stderr goes.
enum SecretCommand {
    static func run(_ command: String, timeout: TimeInterval) throws -> Secret {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        // A command that asks for input must see EOF, not hang on ours.
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let stdout = Pipe()
        process.standardOutput = stdout
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw SecretError(message: "password_command `\(command)` could not start: \(error.localizedDescription)")
        }
        let output = OutputCollector(stdout.fileHandleForReading)
        let deadline = DispatchTime.now() + timeout
        // A background child left holding stdout counts as not finished too.
        guard exited.wait(timeout: deadline) == .success, let data = output.wait(until: deadline) else {
            process.terminate()
            throw SecretError(message: "password_command `\(command)` did not finish within \(Int(timeout)) s")
        }
        let text = SecretFile.trimmingTrailingNewline(String(decoding: data, as: UTF8.self))
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw SecretError(message: "password_command `\(command)` failed (exit status \(process.terminationStatus))")
        }
        guard !text.isEmpty else {
            throw SecretError(message: "password_command `\(command)` printed nothing")
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
