import Foundation

/// Files that hold secrets: a password file, a systemd credential.
enum SecretFile {
    /// Refuses a file others could read or that someone else owns (as msmtp does).
    static func checkPrivate(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw SecretError(message: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw SecretError(message: "\(path) is not a regular file")
        }
        guard st.st_uid == geteuid() else {
            throw SecretError(message: "\(path) is not owned by the user running followupd")
        }
        guard st.st_mode & 0o077 == 0 else {
            throw SecretError(message: String(format: "\(path) has mode %04o: others may read it; run chmod 600 \(path)", st.st_mode & 0o7777))
        }
    }

    /// The file's content without its final line break; an empty secret is an error.
    static func read(_ path: String, what: String) throws -> Secret {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SecretError(message: "\(what): cannot read \(path)")
        }
        let text = trimmingTrailingNewline(String(decoding: data, as: UTF8.self))
        guard !text.isEmpty else { throw SecretError(message: "\(what) is empty") }
        return Secret(text)
    }

    static func credentialPath(_ name: String, environment: [String: String]) -> String? {
        guard let dir = environment["CREDENTIALS_DIRECTORY"], !dir.isEmpty else { return nil }
        let path = (dir as NSString).appendingPathComponent(name)
        return FileManager.default.isReadableFile(atPath: path) ? path : nil
    }

    /// Only the final line break goes: a password may end in spaces.
    static func trimmingTrailingNewline(_ s: String) -> String {
        // By scalars: "\r\n" is one Character, which hasSuffix("\n") would not see.
        var scalars = Substring(s).unicodeScalars
        if scalars.last == "\n" { scalars.removeLast() }
        if scalars.last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
