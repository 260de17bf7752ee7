import Foundation

/// The user's editor on a private temporary file.
enum Editor {
    /// Writes `text` to a 0600 file, runs `$VISUAL` or `$EDITOR` (else `vi`) on
    /// it through `/bin/sh -c`, and returns what the file holds afterwards.
    static func edit(_ text: String, environment: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fuctl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("draft.txt")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(.edit, "cannot write the temporary file for the editor")
        }
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        // Looked up first, so that a missing editor gets one line of ours, not the shell's.
        guard let program = editor.split(whereSeparator: \.isWhitespace).first.map(String.init),
              Self.isRunnable(program, path: environment["PATH"] ?? "/usr/bin:/bin") else {
            throw CommandFailure(.edit, "the editor \"\(editor)\" was not found; set $VISUAL or $EDITOR to one that is installed; draft unchanged")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The path is passed as "$1", never pasted into the script, so no file name can be misread by the shell;
        // the editor setting itself is a command line (e.g. "code --wait"), as git and crontab read it.
        process.arguments = ["-c", editor + " \"$1\"", "fuctl-edit", file.path]
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit else {
            throw CommandFailure(.edit, "the editor (\(editor)) was stopped by signal \(process.terminationStatus); draft unchanged")
        }
        guard process.terminationStatus == 0 else {
            throw CommandFailure(.edit, "the editor (\(editor)) failed with status \(process.terminationStatus); draft unchanged")
        }
        guard let data = FileManager.default.contents(atPath: file.path), let edited = String(data: data, encoding: .utf8) else {
            throw CommandFailure(.edit, "the edited file is not UTF-8 text; draft unchanged")
        }
        return edited
    }

    /// An executable at `program` (a path) or in one of `path`'s folders.
    static func isRunnable(_ program: String, path: String) -> Bool {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) }
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }
}
