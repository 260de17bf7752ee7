import Foundation
@testable import FollowUpConfig
import TestSupport

/// A minimal valid config; tests append or replace lines to break one thing.
let minimalConfig = """
[identity]
name = "Morgan Lee"
email = "morgan@example.com"
timezone = "Europe/Berlin"

[imap]
url = "imaps://imap.example.com"
password_command = "echo imap-secret"

[smtp]
url = "smtp://smtp.example.com"
password_command = "echo smtp-secret"
"""

let home = "/home/morgan"

func parse(_ text: String) throws -> Config {
    try Config.parse(text: text, path: "/etc/f.toml", home: home)
}

/// The ConfigError `text` produces, or nil when it parses.
func configError(_ text: String) -> ConfigError? {
    do {
        _ = try parse(text)
        return nil
    } catch let e as ConfigError {
        return e
    } catch {
        return ConfigError(file: "?", line: nil, key: "?", message: "not a ConfigError: \(error)")
    }
}

/// `minimalConfig` with `line` added at the end of `section`.
func adding(_ line: String, to section: String) -> String {
    var lines = minimalConfig.components(separatedBy: "\n")
    let start = lines.firstIndex(of: "[\(section)]")!
    let end = lines[(start + 1)...].firstIndex(where: { $0.hasPrefix("[") || $0.isEmpty }) ?? lines.count
    lines.insert(line, at: end)
    return lines.joined(separator: "\n")
}

/// The 1-based line of the first line of `text` that starts with `prefix`,
/// looking only after `section`'s header.
func lineNumber(of prefix: String, in text: String, section: String) -> Int {
    let lines = text.components(separatedBy: "\n")
    let start = lines.firstIndex(of: "[\(section)]")!
    return lines[start...].firstIndex(where: { $0.hasPrefix(prefix) })! + 1
}

func write(_ text: String, to path: String, mode: Int) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
}

/// The package root, for the sample config.
let packageRoot = TestEnvironment.packageRoot
