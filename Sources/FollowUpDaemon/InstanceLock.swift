import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One followupd per database: the lock file beside it is held with flock
/// for the life of the process. A second daemon (or a `--once` run next to
/// the service) would otherwise take the first one's send in flight for an
/// interrupted one at its start-up recovery.
public final class InstanceLock {
    private let fd: Int32
    public let path: String

    public struct Held: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "another followupd is running on this database (\(path) is locked); stop it first"
        }
    }

    public init(database: String) throws {
        path = database + ".lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Held(path: path)
        }
    }

    deinit { close(fd) }
}
