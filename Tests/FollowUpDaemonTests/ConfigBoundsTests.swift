import FollowUpConfig
import FollowUpCore
import Foundation
import Testing
import TestSupport

/// Every bounded key of the config, just inside and just outside its bound,
/// through both binaries as a user runs them: outside is `file:line: key:`
/// and exit 78 from `followupd --once` and from `fuctl config check`; inside
/// is no config error at all. The rows come from `PolicySettings.Bounds`, so
/// a bound changed there is a bound tested here.
@Suite(.serialized) struct ConfigBoundsTests {
    struct Row: CustomStringConvertible {
        var setting: PolicySettings.Setting
        var value: String
        var inside: Bool
        var description: String { "\(setting.configKey) = \(value) (\(inside ? "inside" : "outside"))" }
    }

    static var rows: [Row] {
        typealias B = PolicySettings.Bounds
        var rows: [Row] = []
        for setting in PolicySettings.Setting.allCases {
            switch setting {
            case .maxFollowups:
                rows += [B.maxFollowups.lowerBound, B.maxFollowups.upperBound].map { Row(setting: setting, value: "\($0)", inside: true) }
                rows += [B.maxFollowups.lowerBound - 1, B.maxFollowups.upperBound + 1].map { Row(setting: setting, value: "\($0)", inside: false) }
            case .minGap:
                rows.append(Row(setting: setting, value: text(B.minGap.lowerBound), inside: true))
                rows.append(Row(setting: setting, value: text(B.minGap.lowerBound - 1), inside: false))
            case .sendWindow:
                rows.append(Row(setting: setting, value: "\"Sun 00:00-24:00\"", inside: true))
                rows.append(Row(setting: setting, value: "\"Sun 00:00-24:01\"", inside: false))
                rows.append(Row(setting: setting, value: "\"Mon 10:00-10:00\"", inside: false))
            case .freshCheck: rows += durationRows(setting, B.freshCheck)
            case .draftLead: rows += durationRows(setting, B.draftLead)
            case .pollInterval: rows += durationRows(setting, B.pollInterval)
            }
        }
        return rows
    }

    /// Both ends and a second past each; a negative duration cannot be written,
    /// so a range from 0s is only tested past its top.
    static func durationRows(_ setting: PolicySettings.Setting, _ range: ClosedRange<TimeInterval>) -> [Row] {
        return [range.lowerBound, range.upperBound].map { Row(setting: setting, value: text($0), inside: true) }
            + [range.lowerBound - 1, range.upperBound + 1].filter { $0 >= 0 }.map { Row(setting: setting, value: text($0), inside: false) }
    }

    static func text(_ t: TimeInterval) -> String { "\"\(ConfigDuration.format(t))\"" }

    @Test func everySettingHasARowInsideAndOutside() {
        for setting in PolicySettings.Setting.allCases {
            #expect(Self.rows.contains { $0.setting == setting && $0.inside }, "\(setting)")
            #expect(Self.rows.contains { $0.setting == setting && !$0.inside }, "\(setting)")
        }
    }

    @Test(arguments: rows) func bothBinariesAgreeOnTheBound(_ row: Row) throws {
        guard let followupd = TestEnvironment.binary("followupd"), let fuctl = TestEnvironment.binary("fuctl") else { return }
        let key = row.setting.configKey
        let name = String(key.split(separator: ".")[1])
        let line = "\(name) = \(row.value)"
        // The scratch config sets poll_interval itself, in [daemon].
        let (dir, config) = try row.setting == .pollInterval
            ? DaemonProcessTests.scratch(pollInterval: row.value.trimmingCharacters(in: ["\""]))
            : DaemonProcessTests.scratch(extra: key.hasPrefix("daemon.") ? line : "[policy]\n\(line)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try String(contentsOfFile: config, encoding: .utf8)
        let number = try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("\(name) =") }) + 1
        let place = "\(config):\(number): \(key): "

        let daemon = try ProcessResult.run(followupd, ["--config", config, "--once"])
        let check = try ProcessResult.run(fuctl, ["config", "check", "--config", config])
        if row.inside {
            #expect(daemon.status != 78 && !daemon.stderr.contains(key), "followupd: \(daemon.stderr)")
            #expect(check.status == 0, "fuctl: \(check.stderr)")
        } else {
            #expect(daemon.status == 78, "followupd: \(daemon.stderr)")
            #expect(daemon.stderr.contains(place), "followupd: \(daemon.stderr)")
            #expect(check.status == 78, "fuctl: \(check.stderr)")
            #expect(check.stderr.hasPrefix(place), "fuctl: \(check.stderr)")
        }
    }
}
