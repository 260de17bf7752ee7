import Foundation
import Testing

/// A small tmpfs to fill, for the full-disk tests (mounting needs root;
/// elsewhere the test says why it cannot run). The caller unmounts it.
public struct SmallDisk {
    public let path: String
    /// Where `fill` writes (and `faultsmtp.py --fill` too), removed by `free`.
    public var filler: String { path + "/faultsmtp-filler" }

    /// Mounts `size` (as mount's `size=` takes it) at `path`, or nil after saying why not.
    public init?(_ path: String, size: String = "4m") throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mounted = try ProcessResult.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", path])
        guard mounted.status == 0 else {
            _ = TestEnvironment.missing("cannot mount a small tmpfs to fill (needs root): \(mounted.stderr)") as Bool?
            return nil
        }
    }

    /// Writes until the file system has no block left.
    public func fill() {
        FileManager.default.createFile(atPath: filler, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: filler) else { return }
        while (try? handle.write(contentsOf: Data(count: 4096))) != nil {}
        try? handle.close()
    }

    public func free() { try? FileManager.default.removeItem(atPath: filler) }

    public func unmount() { _ = try? ProcessResult.run("/bin/umount", ["-l", path]) }
}
