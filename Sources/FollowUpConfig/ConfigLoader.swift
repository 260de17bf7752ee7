import Foundation

extension Config {
    /// Where the config is looked for, in order: `$XDG_CONFIG_HOME/followupd/config.toml`
    /// (or `~/.config/followupd/config.toml`), then `/etc/followupd/config.toml`.
    public static func candidatePaths(environment: [String: String]) -> [String] {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (home(environment) as NSString).appendingPathComponent(".config")
        return [(configHome as NSString).appendingPathComponent("followupd/config.toml"),
                "/etc/followupd/config.toml"]
    }

    /// Reads, parses and checks the config: the file's own mode when it holds
    /// a password, password files' modes and owners, and (when asked) that a
    /// systemd credential stands behind each account with no password key.
    /// - Parameters:
    ///   - path: the file; nil looks in `candidatePaths(environment:)`.
    ///   - requireCredentials: false for commands that never log in (most of fuctl).
    /// - Throws: `ConfigError`.
    public static func load(path: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            requireCredentials: Bool = true) throws -> Config {
        let candidates = path.map { [$0] } ?? candidatePaths(environment: environment)
        guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ConfigError(file: candidates[0], line: nil, key: "",
                              message: "no config file (looked at \(candidates.joined(separator: ", ")))")
        }
        guard let data = FileManager.default.contents(atPath: file),
              let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: file, line: nil, key: "", message: "cannot read the file as UTF-8 text")
        }
        let config = try parse(text: text, path: file, home: home(environment))
        let lines = KeyLines(text: text)
        for (section, account) in [("imap", config.imap.account), ("smtp", config.smtp)] {
            func fail(_ key: String, _ message: String) -> ConfigError {
                ConfigError(file: file, line: lines.line(of: key), key: key, message: message)
            }
            if let ca = account.caFile {
                var st = stat()
                guard stat(ca, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
                    throw fail("\(section).ca_file", "\(ca) is not a readable file")
                }
            }
            switch account.password {
            case .inline:
                var st = stat()
                guard stat(file, &st) == 0, st.st_mode & 0o077 == 0 else {
                    throw fail("\(section).password", String(format: "a password in the config needs the file to be mode 0600 (it is %04o); chmod 600 it, or use password_command or password_file", st.st_mode & 0o7777))
                }
            case .file(let secretPath):
                do { try SecretFile.checkPrivate(secretPath) } catch let e as SecretError {
                    throw fail("\(section).password_file", e.message)
                }
            case .systemdCredential(let name) where requireCredentials:
                guard SecretFile.credentialPath(name, environment: environment) != nil else {
                    throw fail(section, "no password: set password_command, password_file or password, or pass the systemd credential \(name)")
                }
            case .systemdCredential, .command:
                break
            }
        }
        return config
    }

    private static func home(_ environment: [String: String]) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }
}
