import Foundation
import TestSupport
import Testing
@testable import FollowUpConfig

/// Secrets never leak, and each source's rules hold.
@Suite struct SecretTests {
    let marker = "MARKER-s3cr3t-4242"

    @Test func secretPrintsMaskedEverywhere() {
        let s = Secret(marker)
        var dumped = ""
        dump(s, to: &dumped)
        for text in ["\(s)", String(describing: s), String(reflecting: s), dumped, "\(Mirror(reflecting: s).children.map { $0.value })"] {
            #expect(!text.contains(marker), "\(text)")
        }
        #expect(s.description == "••••")
        #expect(s.reveal() == marker)
    }

    @Test func aPasswordCommandIsShownByItsProgramOnly() throws {
        let c = try parse(minimalConfig.replacingOccurrences(of: "password_command = \"echo imap-secret\"",
                                                             with: "password_command = \"echo \(marker)\""))
        for text in [c.effectiveDescription(), "\(c.imap.account.password)"] {
            #expect(!text.contains(marker), "\(text)")
        }
        #expect(c.effectiveDescription().contains("password_command = \"echo …\""))
        let failing = SecretSource.command("echo \(marker); exit 3")
        let error = #expect(throws: SecretError.self) { try failing.resolve(timeout: 10) }
        #expect(error?.message.contains(marker) == false, "\(String(describing: error))")
        #expect(error?.message.contains("`echo …`") == true)
    }

    @Test func aHungCommandIsStoppedWithEveryChildItStarted() throws {
        let tag = "\(Int.random(in: 100_000...999_999))"
        #expect(throws: SecretError.self) { try SecretSource.command("sleep \(tag) | cat; echo never").resolve(timeout: 0.5) }
        Thread.sleep(forTimeInterval: 0.5)
        let survivors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { pid in
            guard Int(pid) != nil, let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: cmdline, as: UTF8.self).replacingOccurrences(of: "\0", with: " ").hasPrefix("sleep \(tag)")
        } ?? []
        #expect(survivors.isEmpty, "still running: \(survivors)")
    }

    @Test func inlinePasswordNeverAppearsInDescriptions() throws {
        let c = try parse(minimalConfig.replacingOccurrences(of: "password_command = \"echo imap-secret\"",
                                                             with: "password = \"\(marker)\""))
        var dumped = ""
        dump(c, to: &dumped)
        for text in ["\(c)", String(reflecting: c), dumped, c.effectiveDescription(), "\(c.imap.account.password)"] {
            #expect(!text.contains(marker), "\(text)")
        }
        #expect(try c.imap.account.password.resolve().reveal() == marker)
    }

    @Test func inlinePasswordNeverAppearsInParseErrors() {
        // The error is on the line after the password.
        let text = minimalConfig.replacingOccurrences(of: "password_command = \"echo imap-secret\"",
                                                      with: "password = \"\(marker)\"\ninbox = 3")
        let e = configError(text)
        #expect(e != nil)
        #expect(e.map { !$0.description.contains(marker) } == true)
    }

    @Test func passwordCommandTrimsOneTrailingNewline() throws {
        #expect(try SecretSource.command("printf '%s\\n' '\(marker) '").resolve().reveal() == "\(marker) ")
    }

    @Test func passwordCommandUsesTheFirstLineLikePassShow() throws {
        #expect(try SecretSource.command("printf '%s\\nlogin: morgan\\nurl: imap\\n' '\(marker)'").resolve().reveal() == marker)
    }

    @Test func passwordCommandStderrIsNeverShownOnlyCounted() {
        do {
            _ = try SecretSource.command("printf 'MARKER-s3cr3t-%s\\n' 4242 >&2; echo second line >&2; exit 2").resolve()
            Issue.record("a failing command resolved")
        } catch {
            #expect(!"\(error)".contains(marker))
            #expect("\(error)".contains("error output (2 lines) is not shown"))
        }
    }

    @Test func passwordCommandSeesStdinClosed() throws {
        // `cat` copies stdin: with stdin at EOF it prints nothing and exits 0, so
        // the command prints only what follows.
        let s = try SecretSource.command("cat; echo \"eof:$?\"").resolve(timeout: 10)
        #expect(s.reveal() == "eof:0")
    }

    @Test func failingPasswordCommandErrorOmitsItsOutput() {
        do {
            // printf assembles the marker, so only its output contains it.
            _ = try SecretSource.command("printf 'MARKER-s3cr3t-%s' 4242; exit 3").resolve()
            Issue.record("a failing command resolved")
        } catch {
            #expect(!"\(error)".contains(marker))
            #expect("\(error)".contains("exit status 3"))
            #expect("\(error)".contains("`printf …`"), "the program, not the rest: it may hold the secret")
        }
    }

    @Test func emptyPasswordCommandOutputIsAnError() {
        #expect(throws: SecretError.self) { try SecretSource.command("printf '\\n'").resolve() }
    }

    @Test func hangingPasswordCommandTimesOut() {
        let start = Date()
        #expect(throws: SecretError.self) { try SecretSource.command("sleep 5").resolve(timeout: 0.5) }
        #expect(Date().timeIntervalSince(start) < 4)
    }

    @Test func passwordFileMustBePrivate() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/pw"
        try write(marker + "\n", to: path, mode: 0o640)
        do {
            _ = try SecretSource.file(path).resolve()
            Issue.record("a group-readable password file was used")
        } catch {
            #expect("\(error)".contains("0640"))
            #expect(!"\(error)".contains(marker))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try SecretSource.file(path).resolve().reveal() == marker)
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        #expect(try SecretSource.file(path).resolve().reveal() == marker)
    }

    @Test func passwordFileLosesOnlyItsFinalLineBreakCRLFIncluded() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (content, expected) in [(marker + "\r\n", marker), (marker + "  \n", marker + "  "), (marker, marker)] {
            let path = dir + "/pw-\(UUID().uuidString)"
            try write(content, to: path, mode: 0o600)
            #expect(try SecretSource.file(path).resolve().reveal() == expected)
        }
    }

    @Test func systemdCredentialIsReadFromCredentialsDirectory() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(marker, to: dir + "/smtp-password", mode: 0o400)
        let source = SecretSource.systemdCredential("smtp-password")
        #expect(try source.resolve(environment: ["CREDENTIALS_DIRECTORY": dir]).reveal() == marker)
        #expect(throws: SecretError.self) { try source.resolve(environment: [:]) }
    }
}
