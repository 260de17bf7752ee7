import Foundation
import Testing

/// Finds the shared corpora, read in place: $FOLLOWUPD_CORPORA, else `<package root>/../shared/corpora`.
enum Corpora {
    static var root: URL? {
        if let env = ProcessInfo.processInfo.environment["FOLLOWUPD_CORPORA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // <package root>/../shared/corpora, from this file's location.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// The corpus sub-folder, or nil after printing why it is skipped; records a failure under CI=true.
    static func folder(_ name: String) -> URL? {
        if let root, FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path) {
            return root.appendingPathComponent(name)
        }
        let reason = "corpus \(name) not found (set FOLLOWUPD_CORPORA or place it at <package root>/../shared/corpora)"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record(Comment(rawValue: reason))
        } else {
            print("skipped: \(reason)")
        }
        return nil
    }

    /// Every regular file under `folder`, sorted.
    static func files(under folder: URL, extensions: Set<String>? = nil) -> [URL] {
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [URL] = []
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            if let extensions, !extensions.contains(url.pathExtension) { continue }
            out.append(url)
        }
        return out.sorted { $0.path < $1.path }
    }
}
