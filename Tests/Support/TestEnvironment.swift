import Foundation
import Testing

/// What a test may need from the machine, and the one rule for when it is
/// absent: outside CI the test is skipped with the reason printed; under
/// CI=true the absence is a failure, because CI must run every test.
public enum TestEnvironment {
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The package's root folder, from this file's place in it.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Reports that `reason` keeps a test from running: a recorded issue in
    /// CI, a printed "skipped:" line elsewhere. Returns nil for `guard let`.
    @discardableResult
    public static func missing<T>(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation) -> T? {
        if isCI {
            Issue.record(Comment(rawValue: reason), sourceLocation: sourceLocation)
        } else {
            print("skipped: \(reason)")
        }
        return nil
    }

    /// The built binary `name` (`followupd`, `fuctl`), or nil after `missing`.
    public static func binary(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let path = builtBinary(name)
        if FileManager.default.isExecutableFile(atPath: path) { return path }
        return missing("\(name) is not built at \(path) (run `swift build`)", sourceLocation: sourceLocation)
    }

    /// `.build/debug/NAME`, which `swift build` (and `swift test`) leave there.
    public static func builtBinary(_ name: String) -> String {
        packageRoot.appendingPathComponent(".build/debug/\(name)").path
    }
}
