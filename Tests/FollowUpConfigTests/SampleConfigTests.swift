import Foundation
import Testing
import FollowUpCore
@testable import FollowUpConfig

/// config/followupd.toml documents every key and parses as it is.
@Suite struct SampleConfigTests {
    let path = packageRoot.appendingPathComponent("config/followupd.toml").path

    @Test func sampleConfigParses() throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let c = try Config.parse(text: text, path: path, home: home)
        #expect(c.settings.maxFollowups == PolicySettings.Defaults.maxFollowups)
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

    /// The comments state the bounds the core enforces, not a copy that drifted.
    @Test func sampleConfigStatesTheCoresBounds() throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        typealias B = PolicySettings.Bounds
        func between(_ r: ClosedRange<TimeInterval>) -> String {
            "Between \(ConfigDuration.format(r.lowerBound)) and \(ConfigDuration.format(r.upperBound))"
        }
        for setting in PolicySettings.Setting.allCases {
            let stated: String? = switch setting {
            case .maxFollowups: "\(B.maxFollowups.lowerBound) to \(B.maxFollowups.upperBound)."
            case .minGap: "May only be raised above \(ConfigDuration.format(B.minGap.lowerBound))."
            case .freshCheck: between(B.freshCheck)
            case .draftLead: between(B.draftLead)
            case .pollInterval: between(B.pollInterval)
            case .sendWindow: nil
            }
            guard let stated else { continue }
            let lines = text.components(separatedBy: "\n")
            let at = try #require(lines.firstIndex { $0.hasPrefix("\(setting.rawValue) =") })
            let comment = lines[..<at].reversed().prefix { $0.hasPrefix("#") }.reversed().joined(separator: " ")
            #expect(comment.contains(stated), "\(setting.configKey): \(comment)")
        }
    }

    @Test func effectiveDescriptionParsesBackToTheSameConfig() throws {
        // Commands of one word: a longer one is shown by its program only (SecretTests).
        let text = minimalConfig.replacingOccurrences(of: "echo imap-secret", with: "imap-pass")
            .replacingOccurrences(of: "echo smtp-secret", with: "smtp-pass")
        let c = try parse(text + "\n[policy]\nmin_gap = \"4d\"\nsend_window = \"Sat-Mon 10:00-12:00\"\n")
        let again = try Config.parse(text: c.effectiveDescription(), path: c.path, home: home)
        #expect(again == c)
    }
}
