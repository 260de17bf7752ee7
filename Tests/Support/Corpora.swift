import Foundation
import Testing

/// The shared corpora, read in place and never copied: $FOLLOWUPD_CORPORA,
/// else `<package root>/../shared/corpora`.
public enum Corpora {
    public static var root: URL {
        if let env = ProcessInfo.processInfo.environment["FOLLOWUPD_CORPORA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return TestEnvironment.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    }

    /// The corpus sub-folder (`name` may be a path inside it), or nil after
    /// `TestEnvironment.missing`.
    public static func folder(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        let url = root.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        return TestEnvironment.missing("corpus \(name) not found at \(url.path) (set FOLLOWUPD_CORPORA or place shared/ beside the package)",
                                       sourceLocation: sourceLocation)
    }

    /// The regular files directly in `folder` whose names pass `keep`, sorted.
    public static func files(in folder: URL, where keep: (String) -> Bool) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter(keep).sorted().map { folder.appendingPathComponent($0) }
    }

    /// Every regular file under `folder`, sorted by path.
    public static func files(under folder: URL, extensions: Set<String>? = nil) -> [URL] {
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [URL] = []
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            if let extensions, !extensions.contains(url.pathExtension) { continue }
            out.append(url)
        }
        return out.sorted { $0.path < $1.path }
    }
}
