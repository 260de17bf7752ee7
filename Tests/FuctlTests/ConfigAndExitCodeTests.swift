import Foundation
import Testing
@testable import FuctlCommands
import TestSupport

/// config check, exit codes, help and completions, human times.
@Suite struct ConfigAndExitCodeTests {
    @Test func configCheckPrintsTheEffectiveConfigWithSecretsMasked() throws {
        let f = try Fixture { $0.replacingOccurrences(of: "password_command = \"echo x\"\n\n[daemon]", with: "password = \"hunter2\"\n\n[daemon]") }
        defer { f.remove() }
        chmod(f.configPath, 0o600)
        let r = f.run(["config", "check"])
        #expect(r.code == 0, "\(r.errors)")
        #expect(r.output.contains("[policy]"))
        #expect(r.output.contains("max_followups = 2"))
        #expect(!r.output.contains("hunter2"))
        #expect(r.output.contains("password = \"••••\""))
    }

    @Test func configMayComeBeforeOrAfterTheSubcommand() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        for arguments in [["--config", f.configPath, "list", "--json"], ["--config=" + f.configPath, "list", "--json"],
                          ["list", "--json", "--config", f.configPath], ["list", "--config=" + f.configPath, "--json"]] {
            let r = f.runBare(arguments)
            #expect(r.code == 0, "\(arguments): \(r.errors)")
            #expect((try? json(r.output) as? [[String: Any]])?.first?["id"] as? Int == Int(app), "\(arguments)")
        }
        for arguments in [["--config", f.configPath, "config", "check"], ["--config=" + f.configPath, "config", "check"],
                          ["config", "check", "--config", f.configPath]] {
            let r = f.runBare(arguments)
            #expect(r.code == 0, "\(arguments): \(r.errors)")
            #expect(r.output.contains("# effective configuration of \(f.configPath)"), "\(arguments)")
        }
        let status = f.runBare(["--config", f.configPath, "status"])
        #expect(!status.errors.contains("Unknown option"), "\(status.errors)")
        #expect(FuctlMain.movingConfigAfterSubcommand(["--config", "c.toml", "show", "3"]) == ["show", "--config", "c.toml", "3"])
        #expect(FuctlMain.movingConfigAfterSubcommand(["--config", "c.toml", "config", "check", "--secrets"])
                == ["config", "check", "--config", "c.toml", "--secrets"])
        #expect(FuctlMain.movingConfigAfterSubcommand(["--help"]) == ["--help"])
    }

    @Test func configCheckRefusesATemplateTheDaemonWouldRefuseWithExit78() throws {
        let f = try Fixture()
        defer { f.remove() }
        try FileManager.default.createDirectory(atPath: f.templatesDir, withIntermediateDirectories: true)
        let broken = f.templatesDir + "/check_in.mustache"
        try "{{% CONTENT_TYPE: TEXT}}\nSubject: Checking in\n\nDear {{contact_name}\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let r = f.run(["config", "check"])
        #expect(r.code == FuctlMain.configError)
        #expect(r.errors.hasPrefix(broken), "\(r.errors)")
        #expect(r.output.isEmpty)
        try FileManager.default.removeItem(atPath: broken)
        let misnamed = f.templatesDir + "/checkin.mustache"
        try "{{% CONTENT_TYPE: TEXT}}\nSubject: Hi\n\nHi\n".write(toFile: misnamed, atomically: true, encoding: .utf8)
        let named = f.run(["config", "check"])
        #expect(named.code == FuctlMain.configError)
        #expect(named.errors.hasPrefix(misnamed), "\(named.errors)")
        try FileManager.default.removeItem(atPath: misnamed)
        let fine = f.run(["config", "check"])
        #expect(fine.code == 0, "\(fine.errors)")
        #expect(fine.output.contains("# templates: ok"))
    }

    /// fuctl compiles the templates when it first writes a draft: a listing
    /// does not read them; a command that writes names the broken one.
    @Test func aBrokenTemplateStopsOnlyTheCommandsThatWrite() throws {
        let f = try Fixture()
        defer { f.remove() }
        let app = try f.addApplication()
        let thanks = try f.queueThankYou(app)
        try f.send(thanks.id, at: utc("2027-01-13T19:00:00Z"))
        try FileManager.default.createDirectory(atPath: f.templatesDir, withIntermediateDirectories: true)
        let broken = f.templatesDir + "/news.mustache"
        try "{{% CONTENT_TYPE: TEXT}}\nSubject: News\n\nDear {{contact_name}\n".write(toFile: broken, atomically: true, encoding: .utf8)
        for listing in [["list"], ["queue"], ["status"]] { #expect(f.run(listing).code != FuctlMain.configError, "\(listing)") }
        let news = f.run(["news", "\(app)", "--text", "I passed the CKA exam."], now: utc("2027-01-15T16:00:00Z"))
        #expect(news.code != 0)
        #expect(news.errors.contains(broken), "\(news.errors)")
        #expect(try f.workspace().store.drafts(in: [.drafted]).isEmpty)
    }

    @Test func configCheckSecretsReportsEachSourceWithoutTheSecretOrTheCommandsOutput() throws {
        let f = try Fixture {
            $0.replacingOccurrences(of: "url = \"imap://127.0.0.1:1143\"\npassword_command = \"echo x\"",
                                    with: "url = \"imap://127.0.0.1:1143\"\npassword_command = \"printf hunter2-imap\"")
                .replacingOccurrences(of: "url = \"smtp://127.0.0.1:1587\"\npassword_command = \"echo x\"",
                                      with: "url = \"smtp://127.0.0.1:1587\"\npassword_command = \"echo leaked-output; exit 3\"")
        }
        defer { f.remove() }
        let plain = f.run(["config", "check"])
        #expect(plain.code == 0, "without --secrets no source is run: \(plain.errors)")
        let r = f.run(["config", "check", "--secrets"])
        #expect(r.code == FuctlMain.configError)
        #expect(r.output.contains("# imap password (password_command printf …): ok"), "\(r.output)")
        #expect(r.errors.contains("smtp password: password_command `echo …` failed (exit status 3)"), "\(r.errors)")
        for text in [r.output, r.errors] {
            #expect(!text.contains("hunter2-imap"))
            #expect(!text.contains("leaked-output"))
        }
    }

    @Test func configErrorsExit78WithFileLineKeyMessage() throws {
        let f = try Fixture { $0 + "\n\n[policy]\nmax_followups = 9\n" }
        defer { f.remove() }
        let line = try f.configLine(startingWith: "max_followups")
        for command in [["config", "check"], ["list"], ["queue", "--json"]] {
            let r = f.run(command)
            #expect(r.code == FuctlMain.configError)
            #expect(r.errors.hasPrefix("\(f.configPath):\(line): policy.max_followups: "), "\(r.errors)")
            #expect(r.output.isEmpty)
        }
    }

    @Test func usageErrorsExit2AndHelpExits0() throws {
        let f = try Fixture()
        defer { f.remove() }
        #expect(f.runBare(["frobnicate"]).code == FuctlMain.usage)
        #expect(f.run(["show"]).code == FuctlMain.usage)
        #expect(f.run(["show", "one"]).code == FuctlMain.usage)
        let help = f.runBare(["--help"])
        #expect(help.code == 0)
        #expect(help.output.contains("--generate-completion-script"))
        let approveHelp = f.runBare(["help", "approve"])
        #expect(approveHelp.code == 0)
        #expect(approveHelp.output.contains("--override-spelling"))
        #expect(f.runBare([]).code == FuctlMain.usage)
    }

    @Test func completionScriptsAreGenerated() throws {
        let f = try Fixture()
        defer { f.remove() }
        for shell in ["bash", "zsh", "fish"] {
            let r = f.runBare(["--generate-completion-script", shell])
            #expect(r.code == 0)
            #expect(r.output.contains("approve"), "\(shell)")
        }
    }

    @Test func humanTimesAreInTheUsersZoneWithARelativeHint() {
        let now = utc("2027-01-17T19:00:00Z")
        let times = TimeText(zoneIdentifier: "America/Los_Angeles", now: now)
        #expect(times.human(utc("2027-01-19T19:00:00Z")) == "Tue 19 Jan 11:00 (in 2 days)")
        #expect(times.human(utc("2027-01-17T16:00:00Z")) == "Sun 17 Jan 08:00 (3 hours ago)")
        #expect(times.human(utc("2028-01-17T19:00:00Z")) == "Mon 17 Jan 2028 11:00 (in 365 days)")
        #expect(times.relative(now) == "now")
    }

    @Test func theBinaryExitsWith78OnAConfigErrorAnd2OnAUsageError() throws {
        guard let binary = TestEnvironment.binary("fuctl") else { return }
        let f = try Fixture { $0 + "\n\n[polcy]\n" }
        defer { f.remove() }
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.environment = f.environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let (config, message) = try run(["list", "--config", f.configPath])
        #expect(config == 78)
        #expect(message.hasPrefix("\(f.configPath):\(try f.configLine(startingWith: "[polcy]")): polcy: "), "\(message)")
        #expect(try run(["list", "--bogus"]).0 == 2)
    }
}
