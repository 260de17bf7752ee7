import Foundation
import Testing
import FollowUpCore
@testable import FollowUpConfig

@Suite struct ParseTests {
    @Test func defaultsFillEveryOptionalKey() throws {
        let c = try parse(minimalConfig)
        #expect(c.identity.signature == "Morgan Lee")
        #expect(c.imap.account.username == "morgan@example.com")
        #expect(c.imap.account.auth == .password)
        #expect(c.imap.folders == [.named("INBOX"), .specialUse("\\Junk")] && !c.imap.foldersGiven)
        #expect(c.imap.sent == "Sent")
        #expect(c.imap.appendSent)
        #expect(c.imap.account.url.absoluteString == "imaps://imap.example.com:993")
        #expect(c.smtp.url.absoluteString == "smtp://smtp.example.com:587")
        #expect(c.daemon.database == "/home/morgan/.local/state/followupd/followupd.sqlite")
        #expect(c.settings.pollInterval == 300)
        #expect(c.settings.freshCheck == 600)
        #expect(c.settings.draftLead == 86_400)
        #expect(c.settings.maxFollowups == 2)
        #expect(c.settings.minGap == 72 * 3600)
        #expect(c.settings.sendWindow == .standard)
        #expect(c.settings.askForFeedback)
        #expect(c.templates.dir == "/home/morgan/.config/followupd/templates")
    }

    @Test func durationsAcceptUnitsAndCombinations() {
        #expect(ConfigDuration.parse("90s") == 90)
        #expect(ConfigDuration.parse("5m") == 300)
        #expect(ConfigDuration.parse("24h") == 86_400)
        #expect(ConfigDuration.parse("7d") == 604_800)
        #expect(ConfigDuration.parse("1h30m") == 5_400)
        #expect(ConfigDuration.parse("1d2h3m4s") == 93_784)
    }

    @Test func durationsRefuseMalformedText() {
        for bad in ["", "5", "m", "5x", "30m1h", "1h1h", "-5m", "5 m", "1.5h", "h5"] {
            #expect(ConfigDuration.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func durationsFormatInHours() {
        #expect(ConfigDuration.format(72 * 3600) == "72h")
        #expect(ConfigDuration.format(5_400) == "1h30m")
        #expect(ConfigDuration.format(90) == "1m30s")
    }

    @Test func tildeExpandsAgainstTheGivenHome() throws {
        let c = try parse(adding("database = \"~/db/f.sqlite\"", to: "imap")
            .replacingOccurrences(of: "database", with: "ca_file"))
        #expect(c.imap.account.caFile == "/home/morgan/db/f.sqlite")
    }

    @Test func relativePathsAreRelativeToTheConfigFile() throws {
        let c = try parse(adding("ca_file = \"ca.pem\"", to: "smtp"))
        #expect(c.smtp.caFile == "/etc/ca.pem")
    }

    @Test func sendWindowGoesThroughSendWindowParsing() throws {
        let c = try parse(minimalConfig + "\n[policy]\nsend_window = \"Mon,Wed 10:00-16:30\"\n")
        #expect(c.settings.sendWindow == SendWindow(weekdays: [2, 4], opens: 600, closes: 990))
    }

    @Test func maxFollowupsAcceptsZeroToThree() throws {
        for n in 0...3 {
            #expect(try parse(minimalConfig + "\n[policy]\nmax_followups = \(n)\n").settings.maxFollowups == n)
        }
    }

    @Test func minGapMayBeRaised() throws {
        #expect(try parse(minimalConfig + "\n[policy]\nmin_gap = \"4d\"\n").settings.minGap == 96 * 3600)
    }

    @Test func passwordSourcesAreTyped() throws {
        let c = try parse(minimalConfig
            .replacingOccurrences(of: "password_command = \"echo smtp-secret\"", with: "password_file = \"~/pw\"")
            .replacingOccurrences(of: "password_command = \"echo imap-secret\"", with: "auth = \"xoauth2\"\npassword_command = \"oauth-token\""))
        #expect(c.imap.account.password == .command("oauth-token"))
        #expect(c.imap.account.auth == .xoauth2)
        #expect(c.smtp.password == .file("/home/morgan/pw"))
    }

    @Test func noPasswordKeyMeansTheSystemdCredential() throws {
        let c = try parse(minimalConfig.replacingOccurrences(of: "password_command = \"echo smtp-secret\"", with: ""))
        #expect(c.smtp.password == .systemdCredential("smtp-password"))
    }

    @Test func multiLineSignatureKeepsItsLines() throws {
        let c = try parse(adding("signature = \"\"\"\nMorgan\n+49 30\"\"\"", to: "identity"))
        #expect(c.identity.signature == "Morgan\n+49 30")
    }
}
