import Foundation
import Testing

/// Finds the shared corpora, read in place: $FOLLOWUPD_CORPORA, else `<package root>/../shared/corpora`.
enum Corpora {
    static func folder(_ name: String) -> URL? {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let roots = [ProcessInfo.processInfo.environment["FOLLOWUPD_CORPORA"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) },
                     packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")]
        if let found = roots.compactMap({ $0?.appendingPathComponent(name) }).first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            return found
        }
        let reason = "corpus \(name) not found at $FOLLOWUPD_CORPORA or <package root>/../shared/corpora"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record(Comment(rawValue: reason))
        } else {
            print("skipped: \(reason)")
        }
        return nil
    }

    /// The regular files directly in `folder` whose names pass `keep`, sorted.
    static func files(in folder: URL, where keep: (String) -> Bool) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter(keep).sorted().map { folder.appendingPathComponent($0) }
    }
}
