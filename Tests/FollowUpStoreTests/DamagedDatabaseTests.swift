import Foundation
import TestSupport
import Testing
import GRDB
import FollowUpCore
@testable import FollowUpStore

/// A database that cannot be trusted stops followupd with a message naming
/// the file — never silently recreated, never another program's file
/// written to.
@Suite struct DamagedDatabaseTests {
    /// A store with one application, closed; its path.
    private func heldData(_ dir: String) throws -> String {
        let path = dir + "/state/followupd.sqlite"
        try Store(path: path).addApplication(sampleApplication())
        return path
    }

    private func refusal(_ path: String) -> StoreError? {
        do {
            _ = try Store(path: path)
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            Issue.record("not a StoreError: \(error)")
            return nil
        }
    }

    @Test(arguments: ["emptied", "deleted"])
    func aDatabaseThatHeldDataIsNeverRecreatedEmpty(how: String) throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try heldData(dir)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            if how == "emptied" { try Data().write(to: URL(fileURLWithPath: path + suffix)) }
            else { try FileManager.default.removeItem(atPath: path + suffix) }
        }
        let error = try #require(refusal(path))
        #expect(error.code == .unusable)
        #expect(error.message.contains(path) && error.message.contains(path + ".marker"), "\(error)")
        #expect(error.message.contains(how == "emptied" ? "is empty" : "is missing"), "\(error)")
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(size == 0, "nothing was created in its place")
        // The user starts afresh on purpose.
        try FileManager.default.removeItem(atPath: path + ".marker")
        #expect(try Store(path: path).applications().isEmpty)
    }

    /// `followupd --once` runs the full check at most daily: a passed one is remembered.
    @Test func aCheckThatPassedRecentlyIsNotRunAgainWhenAskedSo() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.verify(now: t0)
        // Damage that only the full check sees would not be found within the day…
        #expect(throws: Never.self) { try f.store.verify(unlessPassedSince: t0 - 86_400, now: t0 + 3600) }
        let readBack = try #require(try f.store.db.read { try Double.fetchOne($0, sql: "SELECT verified_at FROM daemon_status") })
        #expect(readBack == t0.stored)
        // …and is, once the day is over, or when the daemon starts (no `unlessPassedSince`).
        try f.store.verify(unlessPassedSince: t0 + 1, now: t0 + 90_000)
        #expect(try f.store.db.read { try Double.fetchOne($0, sql: "SELECT verified_at FROM daemon_status") } == (t0 + 90_000).stored)
        // A check recorded in the future (a clock set back) is no reason to skip.
        try f.store.verify(unlessPassedSince: t0 - 86_400, now: t0)
        #expect(try f.store.db.read { try Double.fetchOne($0, sql: "SELECT verified_at FROM daemon_status") } == t0.stored)
    }

    @Test(arguments: ["truncated", "garbage"])
    func aDamagedDatabaseIsNamedAndRefused(how: String) throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try heldData(dir)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        let damaged = how == "truncated" ? bytes.prefix(bytes.count / 2) : Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 131) })
        try damaged.write(to: URL(fileURLWithPath: path))
        var error = refusal(path)
        if error == nil {
            // A cut that leaves the first pages readable shows in the full check, which followupd runs at start.
            error = #expect(throws: StoreError.self) { try Store(path: path).verify() }
        }
        #expect(error?.code == .unusable, "\(String(describing: error))")
        #expect(error?.message.contains("the database \(path) is damaged") == true, "\(String(describing: error))")
        #expect(error?.message.contains("SQLite error") == false)
    }

    @Test func anotherProgramsDatabaseIsNotWrittenTo() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/other.sqlite"
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE photos (id INTEGER PRIMARY KEY)") }
        let error = try #require(refusal(path))
        #expect(error.code == .unusable && error.message.contains("another program's database"), "\(error)")
        let tables = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables == ["photos"])
    }

    @Test func aSymbolicLinkIsRefusedBeforeItsTargetIsTouched() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/shared.sqlite", link = dir + "/followupd.sqlite"
        _ = FileManager.default.createFile(atPath: target, contents: nil, attributes: [.posixPermissions: 0o644])
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let error = try #require(refusal(link))
        #expect(error.code == .unusable && error.message.contains("symbolic link"), "\(error)")
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o644, "the target's mode is untouched")
    }

    @Test func aBackupIsAConsistentPrivateCopyAndRestores() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try heldData(dir)
        let store = try Store(path: path)
        let backup = dir + "/backup.sqlite"
        try store.backup(to: backup)
        let mode = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: StoreError.self) { try store.backup(to: backup) }
        // Restored in place of a damaged file, as the README says.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.copyItem(atPath: backup, toPath: path)
        let restored = try Store(path: path)
        try restored.verify()
        #expect(try restored.applications().map(\.company) == [sampleApplication().company])
    }
}
