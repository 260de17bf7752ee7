import Foundation
import Testing
import TestSupport

/// The system unit must stay hardened: `systemd-analyze security` scores it
/// 2.0 or lower (0 = locked down, 10 = fully exposed).
@Suite struct SystemdUnitTests {
    static let repo = TestEnvironment.packageRoot

    @Test func systemUnitExposureScoreIsAtMostTwo() throws {
        let analyze = "/usr/bin/systemd-analyze"
        guard FileManager.default.isExecutableFile(atPath: analyze) else {
            TestEnvironment.missing("systemd-analyze is not installed (scripts/install-deps.sh --test installs it)") as Void?
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: analyze)
        process.arguments = ["security", "--offline=yes", Self.repo.appendingPathComponent("systemd/followupd.service").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = output.split(separator: "\n").first { $0.contains("Overall exposure level") }
        let score = line.flatMap { $0.split(separator: ":").last?.split(separator: " ").first }.flatMap { Double($0) }
        #expect(score != nil, "no score in: \(output.suffix(300))")
        if let score { #expect(score <= 2.0, "exposure \(score)") }
    }
}
