import Foundation

/// Where a password or token comes from. Resolved at use time, so a rotated
/// password is picked up and the secret never sits in the config value.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    /// `password_command`: run with `/bin/sh -c`, stdin closed, stdout is the secret.
    case command(String)
    /// `password_file`: must be mode 0600 or stricter and owned by the user.
    case file(String)
    /// A systemd credential by name (`imap-password`), read from `$CREDENTIALS_DIRECTORY`.
    case systemdCredential(String)
    /// `password` written in the config file itself (allowed only when that file is 0600).
    case inline(Secret)

    public var description: String {
        switch self {
        case .command(let c): return "password_command \(Self.shown(command: c))"
        case .file(let p): return "password_file \(p)"
        case .systemdCredential(let n): return "systemd credential \(n)"
        case .inline: return "password \(Secret.mask)"
        }
    }

    /// A command as errors and `fuctl config check` show it: its program
    /// only, since the rest may hold the secret itself (`echo hunter2`).
    public static func shown(command: String) -> String {
        let words = command.split(whereSeparator: \.isWhitespace)
        guard let program = words.first else { return "" }
        return words.count > 1 ? "\(program) …" : String(program)
    }

    /// Fetches the secret now.
    /// - Parameter environment: where `CREDENTIALS_DIRECTORY` is looked up.
    /// - Throws: `SecretError`, whose text names the source but never its output.
    public func resolve(environment: [String: String] = ProcessInfo.processInfo.environment,
                        timeout: TimeInterval = 30) throws -> Secret {
        switch self {
        case .command(let command):
            return try SecretCommand.run(command, timeout: timeout)
        case .file(let path):
            try SecretFile.checkPrivate(path)
            return try SecretFile.read(path, what: "password_file \(path)")
        case .systemdCredential(let name):
            guard let path = SecretFile.credentialPath(name, environment: environment) else {
                throw SecretError(message: "systemd credential \(name) is not present ($CREDENTIALS_DIRECTORY unset or no such file)")
            }
            return try SecretFile.read(path, what: "systemd credential \(name)")
        case .inline(let secret):
            return secret
        }
    }
}

/// Why a secret could not be fetched. Names the source, never its content.
public struct SecretError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
