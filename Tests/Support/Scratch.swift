import Foundation

/// An instant from an ISO 8601 UTC string: "2027-01-13T19:00:00Z".
public func utc(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else { preconditionFailure("bad instant \(text)") }
    return date
}

/// A new empty directory under the system's temporary one, named after
/// `prefix`; the caller removes it.
public func scratchDirectory(_ prefix: String = "followupd-test") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}
