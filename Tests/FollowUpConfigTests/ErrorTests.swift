import Foundation
import Testing
@testable import FollowUpConfig

/// Every error names file, line and key; each rule of the config refuses its bad value.
@Suite struct ErrorTests {
    /// Asserts `text` fails at the line of `prefix` in `section`, naming `key`.
    func expectError(_ text: String, key: String, at prefix: String, in section: String,
                     saying fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let e = configError(text) else {
            Issue.record("parsed without error", sourceLocation: sourceLocation)
            return
        }
        #expect(e.file == "/etc/f.toml", sourceLocation: sourceLocation)
        #expect(e.key == key, sourceLocation: sourceLocation)
        #expect(e.line == lineNumber(of: prefix, in: text, section: section), sourceLocation: sourceLocation)
        #expect(e.message.contains(fragment), "\(e)", sourceLocation: sourceLocation)
        #expect(e.description.hasPrefix("/etc/f.toml:\(e.line ?? 0): \(key): "), sourceLocation: sourceLocation)
    }

    @Test(arguments: ["imaps://morgan:hunter2-secret@mail.example.test:993", "imaps://morgan:hunter2-secret@mail.example.test:99999",
                      "imap://morgan:hunter2-secret@mail.example.test"])
    func aPasswordInTheURLIsNeverEchoed(url: String) throws {
        let text = minimalConfig.replacingOccurrences(of: #"url = "imaps://imap.example.com""#, with: "url = \"\(url)\"")
        #expect(text != minimalConfig)
        let e = try #require(configError(text))
        #expect(e.key == "imap.url")
        #expect(!e.description.contains("hunter2"), "\(e)")
    }

    @Test func syntaxErrorsCarryTheirLine() {
        let text = minimalConfig + "\n[policy]\nmax_followups = = 2\n"
        let e = configError(text)
        #expect(e?.line == text.components(separatedBy: "\n").firstIndex(of: "max_followups = = 2")! + 1)
        #expect(e?.message.contains("TOML syntax") == true)
    }

    /// Found by scripts/fuzz.sh: the TOML parser underneath aborted the
    /// process on these headers. A header-looking line in a multi-line
    /// string is text, and parses.
    @Test func aTableHeaderNoKeyCanStartIsASyntaxErrorNotACrash() throws {
        for header in ["[(see P", "[[ (x)]]", "[ !]", "[", "[# x]"] {
            let text = minimalConfig + "\n" + header + "\n"
            let e = configError(text)
            #expect(e?.line == text.components(separatedBy: "\n").firstIndex(of: header)! + 1, "\(header)")
            #expect(e?.message.contains("TOML syntax") == true, "\(header): \(String(describing: e))")
        }
        let inText = minimalConfig.replacingOccurrences(of: "[identity]\n", with: "[identity]\nsignature = \"\"\"\n[(see P\n\"\"\"\n")
        #expect(inText != minimalConfig)
        #expect(configError(inText) == nil)
    }

    /// Every input the fuzzer ever crashed the config parser with, kept in
    /// Fuzz/Regressions/FuzzConfig, is now a config error or a config.
    @Test func everyFuzzRegressionParsesWithoutACrash() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/Regressions/FuzzConfig")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(!files.isEmpty)
        for name in files {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            _ = try? Config.parse(text: text, path: "/etc/f.toml", home: "/home/morgan")
        }
    }

    @Test func unknownKeyIsRefusedWithTheClosestKnownKey() {
        expectError(adding("pasword_command = \"x\"", to: "smtp"), key: "smtp.pasword_command",
                    at: "pasword_command", in: "smtp", saying: "did you mean password_command?")
    }

    @Test func unknownSectionIsRefusedWithTheClosestKnownSection() {
        let text = minimalConfig + "\n[polcy]\nmax_followups = 1\n"
        expectError(text, key: "polcy", at: "[polcy]", in: "polcy", saying: "did you mean [policy]?")
    }

    @Test func unknownKeyFarFromAnyKnownOneListsTheKnownKeys() {
        expectError(minimalConfig + "\n[policy]\nzzzzzzzz = 1\n", key: "policy.zzzzzzzz",
                    at: "zzzzzzzz", in: "policy", saying: "known: ask_for_feedback")
    }

    @Test func errorLineIsTheKeyInItsOwnSection() {
        // Both sections have a url; the bad one is under [smtp].
        let text = minimalConfig.replacingOccurrences(of: "smtp://smtp.example.com", with: "http://smtp.example.com")
        expectError(text, key: "smtp.url", at: "url", in: "smtp", saying: "smtp://")
    }

    @Test func missingRequiredKeyPointsAtItsSection() {
        let text = minimalConfig.replacingOccurrences(of: "email = \"morgan@example.com\"\n", with: "")
        expectError(text, key: "identity.email", at: "[identity]", in: "identity", saying: "required")
    }

    @Test func wrongTypeIsRefused() {
        expectError(minimalConfig + "\n[policy]\nmax_followups = \"two\"\n", key: "policy.max_followups",
                    at: "max_followups", in: "policy", saying: "expected an integer")
    }

    @Test func maxFollowupsAboveThreeIsRefused() {
        expectError(minimalConfig + "\n[policy]\nmax_followups = 4\n", key: "policy.max_followups",
                    at: "max_followups", in: "policy", saying: "between 0 and 3")
    }

    @Test func minGapBelow72HoursIsRefused() {
        expectError(minimalConfig + "\n[policy]\nmin_gap = \"71h59m\"\n", key: "policy.min_gap",
                    at: "min_gap", in: "policy", saying: "may only be raised")
    }

    @Test func malformedDurationIsRefused() {
        expectError(minimalConfig + "\n[daemon]\npoll_interval = \"5 minutes\"\n", key: "daemon.poll_interval",
                    at: "poll_interval", in: "daemon", saying: "not a duration")
    }

    @Test func freshCheckAboveAnHourIsRefused() {
        expectError(minimalConfig + "\n[daemon]\nfresh_check = \"2h\"\n", key: "daemon.fresh_check",
                    at: "fresh_check", in: "daemon", saying: "between")
    }

    /// Values that passed the check once and failed every send later (From:
    /// with a line break, a cut username, a zone without daylight saving).
    @Test(arguments: [
        (#"name = "Morgan Lee""#, #"name = "Morgan\r\nBcc: all@example.com""#, "identity.name", "name", "identity", "one line"),
        (#"timezone = "Europe/Berlin""#, #"timezone = "EST""#, "identity.timezone", "timezone", "identity", "abbreviation or a fixed offset"),
        (#"timezone = "Europe/Berlin""#, #"timezone = "Etc/GMT+1""#, "identity.timezone", "timezone", "identity", "abbreviation or a fixed offset"),
        (#"url = "imaps://imap.example.com""#, #"url = "imaps://imap.example.com:99999""#, "imap.url", "url", "imap", "port 99999"),
        (#"url = "imaps://imap.example.com""#, "url = \"imaps://imap.example.com\"\nusername = \"morgan\\u0000admin\"",
         "imap.username", "username", "imap", "NUL character"),
    ])
    func valuesThatWouldFailEverySendAreRefusedAtLoad(old: String, new: String, key: String, at prefix: String,
                                                      section: String, fragment: String) {
        let text = minimalConfig.replacingOccurrences(of: old, with: new)
        #expect(text != minimalConfig)
        expectError(text, key: key, at: prefix, in: section, saying: fragment)
    }

    @Test func anEmptyDatabasePathIsRefused() {
        expectError(minimalConfig + "\n[daemon]\ndatabase = \"\"\n", key: "daemon.database",
                    at: "database", in: "daemon", saying: "must name a file")
    }

    @Test func unknownTimeZoneIsRefused() {
        let text = minimalConfig.replacingOccurrences(of: "Europe/Berlin", with: "Europe/Berlinn")
        expectError(text, key: "identity.timezone", at: "timezone", in: "identity", saying: "unknown time zone")
    }

    @Test func badSendWindowIsRefused() {
        expectError(minimalConfig + "\n[policy]\nsend_window = \"Mon-Fry 09:00-17:00\"\n", key: "policy.send_window",
                    at: "send_window", in: "policy", saying: "unknown day")
    }

    @Test func plainTextAndSchemeLessURLsAreRefused() {
        for bad in ["http://imap.example.com", "imap.example.com", "smtp://imap.example.com", "pop3://x.example"] {
            let text = minimalConfig.replacingOccurrences(of: "imaps://imap.example.com", with: bad)
            expectError(text, key: "imap.url", at: "url", in: "imap", saying: "imap://")
        }
    }

    @Test func credentialsInTheURLAreRefused() {
        let text = minimalConfig.replacingOccurrences(of: "imaps://imap.example.com", with: "imaps://me:pw@imap.example.com")
        expectError(text, key: "imap.url", at: "url", in: "imap", saying: "username")
    }

    @Test func insaneEmailAddressIsRefused() {
        for bad in ["morgan", "morgan@localhost", "a b@example.com", "m@example.com>\r\nRCPT TO:<x@y.z", "@example.com"] {
            let text = minimalConfig.replacingOccurrences(of: "email = \"morgan@example.com\"",
                                                          with: "email = \"\(bad.replacingOccurrences(of: "\r\n", with: "\\r\\n"))\"")
            expectError(text, key: "identity.email", at: "email", in: "identity", saying: "not a mail address")
        }
    }

    @Test func twoPasswordSourcesAreRefused() {
        expectError(adding("password_file = \"/x\"", to: "imap"), key: "imap.password_file",
                    at: "password_file", in: "imap", saying: "only one of")
    }

    @Test func unknownAuthIsRefused() {
        expectError(adding("auth = \"plain\"", to: "smtp"), key: "smtp.auth",
                    at: "auth", in: "smtp", saying: "xoauth2")
    }

    @Test func keysInsideAMultiLineStringAreNotMistakenForKeys() {
        // "url = ..." inside the signature must not be taken as the line of identity's problem.
        let text = adding("signature = \"\"\"\nurl = x\nmax_followups = 9\"\"\"", to: "identity") + "\n[policy]\nmax_followups = 9\n"
        expectError(text, key: "policy.max_followups", at: "max_followups", in: "policy", saying: "between 0 and 3")
    }
}
