import Foundation
import Testing
@testable import FollowUpConfig

/// config/followupd.toml documents every key and parses as it is.
@Suite struct SampleConfigTests {
    let path = packageRoot.appendingPathComponent("config/followupd.toml").path

    @Test func sampleConfigParses() throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let c = try Config.parse(text: text, path: path, home: home)
        #expect(c.policy.maxFollowups == Config.Defaults.maxFollowups)
    }

    @Test func sampleConfigMentionsEveryKnownKey() throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for (section, keys) in Config.knownKeys {
            #expect(text.contains("[\(section)]"), "[\(section)]")
            let body = text.components(separatedBy: "[\(section)]")[1].components(separatedBy: "\n[")[0]
            for key in keys {
                #expect(body.contains("\n\(key) =") || body.contains("\n# \(key) ="), "\(section).\(key)")
            }
        }
    }

    @Test func effectiveDescriptionParsesBackToTheSameConfig() throws {
        let c = try parse(minimalConfig + "\n[policy]\nmin_gap = \"4d\"\nsend_window = \"Sat-Mon 10:00-12:00\"\n")
        let again = try Config.parse(text: c.effectiveDescription(), path: c.path, home: home)
        #expect(again == c)
    }
}
