import Foundation
import TestSupport
import Testing
@testable import FollowUpConfig

/// The I/O side: finding, reading and checking the file.
@Suite struct LoadTests {
    @Test func defaultPathPrefersXDGConfigHomeThenEtc() {
        #expect(Config.candidatePaths(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"])
            == ["/x/followupd/config.toml", "/etc/followupd/config.toml"])
        #expect(Config.candidatePaths(environment: ["HOME": "/h"])
            == ["/h/.config/followupd/config.toml", "/etc/followupd/config.toml"])
    }

    @Test func loadFindsTheFileUnderXDGConfigHome() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/followupd", withIntermediateDirectories: true)
        try write(minimalConfig, to: dir + "/followupd/config.toml", mode: 0o644)
        let c = try Config.load(environment: ["XDG_CONFIG_HOME": dir, "HOME": "/h"])
        #expect(c.path == dir + "/followupd/config.toml")
        #expect(c.daemon.database.hasPrefix("/h/"))
    }

    @Test func inlinePasswordNeedsAPrivateConfigFile() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = minimalConfig.replacingOccurrences(of: "password_command = \"echo smtp-secret\"", with: "password = \"pw\"")
        let path = dir + "/config.toml"
        try write(text, to: path, mode: 0o644)
        do {
            _ = try Config.load(path: path, environment: ["HOME": dir])
            Issue.record("an inline password in a world-readable file was accepted")
        } catch let e as ConfigError {
            #expect(e.key == "smtp.password")
            #expect(e.line == lineNumber(of: "password =", in: text, section: "smtp"))
            #expect(e.message.contains("0644"))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try Config.load(path: path, environment: ["HOME": dir]).smtp.password == .inline(Secret("pw")))
    }

    @Test func aMissingCAFileOrAPasswordFileThatIsAFolderIsAnErrorAtLoad() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/pw", withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        let cases = [
            (minimalConfig.replacingOccurrences(of: "password_command = \"echo imap-secret\"",
                                                with: "password_command = \"echo imap-secret\"\nca_file = \"no-such-ca.pem\""), "imap.ca_file", "ca_file"),
            (minimalConfig.replacingOccurrences(of: "password_command = \"echo imap-secret\"", with: "password_file = \"pw\""),
             "imap.password_file", "password_file"),
        ]
        for (text, key, prefix) in cases {
            try write(text, to: dir + "/config.toml", mode: 0o600)
            do {
                _ = try Config.load(path: dir + "/config.toml", environment: ["HOME": dir])
                Issue.record("\(key) was accepted")
            } catch let e as ConfigError {
                #expect(e.key == key, "\(e)")
                #expect(e.line == lineNumber(of: prefix, in: text, section: "imap"), "\(e)")
            }
        }
    }

    @Test func passwordFileModeIsCheckedAtLoad() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("pw", to: dir + "/pw", mode: 0o644)
        let text = minimalConfig.replacingOccurrences(of: "password_command = \"echo imap-secret\"", with: "password_file = \"pw\"")
        try write(text, to: dir + "/config.toml", mode: 0o644)
        do {
            _ = try Config.load(path: dir + "/config.toml", environment: ["HOME": dir])
            Issue.record("a world-readable password file was accepted")
        } catch let e as ConfigError {
            #expect(e.key == "imap.password_file")
            #expect(e.line == lineNumber(of: "password_file", in: text, section: "imap"))
        }
    }

    @Test func missingSystemdCredentialIsAnErrorWhenCredentialsAreRequired() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = minimalConfig.replacingOccurrences(of: "password_command = \"echo smtp-secret\"", with: "")
        try write(text, to: dir + "/config.toml", mode: 0o644)
        #expect(throws: ConfigError.self) { try Config.load(path: dir + "/config.toml", environment: ["HOME": dir]) }
        _ = try Config.load(path: dir + "/config.toml", environment: ["HOME": dir], requireCredentials: false)
        try write("pw", to: dir + "/smtp-password", mode: 0o400)
        _ = try Config.load(path: dir + "/config.toml", environment: ["HOME": dir, "CREDENTIALS_DIRECTORY": dir])
    }

    @Test func missingFileNamesWhereItLooked() {
        do {
            _ = try Config.load(environment: ["XDG_CONFIG_HOME": "/nonexistent-fu", "HOME": "/nonexistent-fu"])
            Issue.record("loaded without a file")
        } catch {
            #expect("\(error)".contains("/nonexistent-fu/followupd/config.toml"))
        }
    }
}
