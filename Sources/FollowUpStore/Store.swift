import Foundation
import GRDB
import CrashPoint
import FollowUpCore

/// The daemon's and fuctl's one database: applications, their events and
/// replies, the outbox of drafts, mailbox cursors and the daemon's status.
///
/// Several processes may open the same file: every write is one
/// `BEGIN IMMEDIATE` transaction, so a draft moves from `approved` to
/// `sending` in exactly one of them. Safe to share between threads.
public final class Store: Sendable {
    /// The database file, or nil for an in-memory store.
    public let path: String?
    let db: DatabaseQueue

    /// How long a writer waits for another process's transaction.
    public static let busyTimeout: TimeInterval = 5

    /// Opens (creating when absent) the database at `path`: missing parent
    /// directories are made mode 0700 and the file 0600; migrations run.
    /// Processes that open a database at once (fuctl and the daemon at boot,
    /// or after an upgrade) take turns: the schema is set up or migrated
    /// once, under an exclusive lock, while the others wait for it.
    ///
    /// Refuses (`unusable`) a symbolic link, a file that is damaged or is
    /// another program's database, and a file that is missing or empty
    /// although its marker (`PATH.marker`) says it held followupd's data:
    /// recreating it empty would lose the send history that "never twice"
    /// rests on.
    public init(path: String) throws {
        let lock = try StoreFiles.lockDirectory(of: path)
        defer { lock.release() }
        try StoreFiles.refuseSymbolicLink(path)
        try StoreFiles.refuseIfEmptied(path)
        try StoreFiles.prepare(path)
        self.path = path
        do {
            db = try DatabaseQueue(path: path, configuration: Self.configuration(wal: true))
            try Self.refuseForeign(db, path: path)
            try Schema.migrator.migrate(db)
        } catch let error as DatabaseError {
            throw Self.openFailure(error, path: path)
        }
        try StoreFiles.mark(path)
    }

    /// Refuses (`superseded`) a database a newer version migrated: checked at
    /// each tick and in each send's own transaction.
    public func refuseIfSuperseded() throws {
        try db.read { try Self.refuseSuperseded($0) }
    }

    static func refuseSuperseded(_ db: Database) throws {
        guard try Schema.migrator.hasBeenSuperseded(db) else { return }
        throw StoreError(.superseded, "a newer followupd or fuctl has upgraded the database; this followupd is older and stops "
                         + "(systemd starts the installed one)")
    }

    /// SQLite's words ("disk I/O error - while executing PRAGMA journal_mode")
    /// name neither the cause nor the file: say both.
    static func openFailure(_ error: DatabaseError, path: String) -> StoreError {
        if let full = noSpace(error, path: path) { return full }
        if [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) { return damaged(path) }
        return StoreError(.fileSystem, "cannot open the database \(path): \(error.message ?? "\(error.resultCode)")")
    }

    /// A full disk in SQLite's words ("database or disk is full", or an I/O
    /// error when the file system has no block left), in the user's.
    static func noSpace(_ error: DatabaseError, path: String) -> StoreError? {
        var fs = statvfs()
        let full = error.resultCode == .SQLITE_FULL
            || (error.resultCode == .SQLITE_IOERR && statvfs((path as NSString).deletingLastPathComponent, &fs) == 0 && fs.f_bavail == 0)
        return full ? StoreError(.fileSystem, "no space left on the device holding \(path)") : nil
    }

    static func damaged(_ path: String) -> StoreError {
        StoreError(.unusable, "the database \(path) is damaged; stop followupd, keep the file (and \(path)-wal, if any) " +
                   "aside, and restore your last backup (fuctl backup): see the README, \"A damaged database\"")
    }

    /// Tables, but not ours: another program's database must not get our schema.
    private static func refuseForeign(_ db: DatabaseQueue, path: String) throws {
        let (tables, ours) = try db.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0,
             try db.tableExists("grdb_migrations"))
        }
        guard tables == 0 || ours else {
            throw StoreError(.unusable, "\(path) is another program's database, not followupd's: set daemon.database to another file")
        }
    }

    /// A warning when others may read the database's directory (the outbox
    /// holds the user's mail); nil when it is private.
    public var exposure: String? {
        guard let path else { return nil }
        let dir = (path as NSString).deletingLastPathComponent
        var st = stat()
        guard stat(dir.isEmpty ? "." : dir, &st) == 0, st.st_mode & 0o077 != 0 else { return nil }
        return "the directory \(dir) holding the database can be read by others (mode \(String(st.st_mode & 0o777, radix: 8))): " +
            "chmod 700 \(dir)"
    }

    /// SQLite's full consistency check (`PRAGMA quick_check`), for followupd
    /// at start-up: it reads every page, so fuctl does not run it, and
    /// `followupd --once` not again when one passed since `unlessPassedSince`.
    public func verify(unlessPassedSince: Date? = nil, now: Date = Date()) throws {
        let result: [String]
        do {
            if let since = unlessPassedSince,
               let passed = try db.read({ try Double.fetchOne($0, sql: "SELECT verified_at FROM daemon_status WHERE id = 1") }),
               Date(stored: passed) >= since, Date(stored: passed) <= now {
                return
            }
            result = try db.read { try String.fetchAll($0, sql: "PRAGMA quick_check") }
        } catch let error as DatabaseError {
            throw path.map { Self.openFailure(error, path: $0) } ?? error
        }
        guard result == ["ok"] else { throw Self.damaged(path ?? ":memory:") }
        // Not recording it costs only a check again next time.
        try? writeTransaction { db in
            try db.execute(sql: "UPDATE daemon_status SET verified_at = ? WHERE id = 1", arguments: [now.stored])
        }
    }

    /// A private in-memory store, for other modules' tests.
    public init() throws {
        path = nil
        db = try DatabaseQueue(configuration: Self.configuration(wal: false))
        try Schema.migrator.migrate(db)
    }

    private static func configuration(wal: Bool) -> Configuration {
        var c = Configuration()
        c.busyMode = .timeout(busyTimeout)
        c.foreignKeysEnabled = true
        c.prepareDatabase { db in
            // Set here, not with `journalMode = .wal`: GRDB's WAL set-up would
            // lower `synchronous` to NORMAL, and a committed send must survive
            // power loss (POLICY invariant 7).
            if wal { _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return c
    }

    /// Every write is one transaction through here, so the crash-point test
    /// can stop the process before and after each commit.
    func writeTransaction<T>(_ updates: (Database) throws -> T) throws -> T {
        CrashPoint.pass("database write")
        let result = try namingAFullDisk { try db.write(updates) }
        CrashPoint.pass("database committed")
        return result
    }

    /// For writes that open their own transaction (`BEGIN IMMEDIATE`).
    func writeSession<T>(_ updates: (Database) throws -> T) throws -> T {
        CrashPoint.pass("database write")
        let result = try namingAFullDisk { try db.writeWithoutTransaction(updates) }
        CrashPoint.pass("database committed")
        return result
    }

    private func namingAFullDisk<T>(_ write: () throws -> T) throws -> T {
        do {
            return try write()
        } catch let error as DatabaseError {
            throw path.flatMap { Self.noSpace(error, path: $0) } ?? error
        }
    }

    /// A consistent copy of the whole database in `target` (`VACUUM INTO`),
    /// taken while other processes go on; the copy is private (0600).
    /// Refuses a target that exists.
    public func backup(to target: String) throws {
        guard !FileManager.default.fileExists(atPath: target) else {
            throw StoreError(.fileSystem, "\(target) exists; name a new file")
        }
        let fd = open(target, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError(.fileSystem, "cannot create \(target): \(String(cString: strerror(errno)))") }
        close(fd)
        do {
            try db.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [target]) }
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: target)
            throw Self.openFailure(error, path: target)
        }
    }

    /// The schema versions applied, oldest first.
    func appliedMigrations() throws -> [String] {
        try db.read { try Schema.migrator.appliedMigrations($0) }
    }
}

/// The database file's directory and mode: the outbox holds the user's mail.
enum StoreFiles {
    static func prepare(_ path: String) throws {
        try makeDirectory((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot create \(path)") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw failure("cannot stat \(path)") }
        if st.st_mode & 0o077 != 0, fchmod(fd, 0o600) != 0 {
            throw failure("cannot make \(path) private")
        }
    }

    /// An exclusive `flock` on the database's directory, not on the file:
    /// closing any descriptor of the database file would drop SQLite's own
    /// POSIX locks on it.
    static func lockDirectory(of path: String) throws -> DirectoryLock {
        let dir = (path as NSString).deletingLastPathComponent
        try makeDirectory(dir)
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open \(dir.isEmpty ? "." : dir)") }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let error = failure("cannot lock \(dir)")
                close(fd)
                throw error
            }
        }
        return DirectoryLock(fd: fd)
    }

    struct DirectoryLock {
        let fd: Int32
        func release() { close(fd) }
    }

    /// A link would have its target made private and used blindly: refused
    /// before anything is touched.
    static func refuseSymbolicLink(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return }
        throw StoreError(.unusable, "the database \(path) is a symbolic link; set daemon.database to the file itself")
    }

    /// The marker beside a database that has held followupd's data.
    static func marker(_ path: String) -> String { path + ".marker" }

    static func refuseIfEmptied(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: marker(path)) else { return }
        var st = stat()
        let missing = lstat(path, &st) != 0
        guard missing || st.st_size == 0 else { return }
        throw StoreError(.unusable, "the database \(path) is \(missing ? "missing" : "empty"), but it held followupd's " +
                         "applications and send history (\(marker(path)) says so). Restore it from a backup (fuctl backup; " +
                         "see the README, \"A damaged database\"); to start afresh on purpose, delete \(marker(path))")
    }

    static func mark(_ path: String) throws {
        let marker = marker(path)
        guard !FileManager.default.fileExists(atPath: marker) else { return }
        let text = "followupd's database \((path as NSString).lastPathComponent) beside this file holds data: " +
            "followupd refuses to start on it missing or empty while this file exists.\n"
        guard FileManager.default.createFile(atPath: marker, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw failure("cannot create \(marker)")
        }
    }

    private static func makeDirectory(_ dir: String) throws {
        guard !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) else { return }
        try makeDirectory((dir as NSString).deletingLastPathComponent)
        guard mkdir(dir, 0o700) == 0 || errno == EEXIST else { throw failure("cannot create \(dir)") }
    }

    private static func failure(_ what: String) -> StoreError {
        StoreError(.fileSystem, "\(what): \(String(cString: strerror(errno)))")
    }
}
