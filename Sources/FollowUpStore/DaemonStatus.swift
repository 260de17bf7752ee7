import Foundation
import GRDB

/// What the daemon last reported about itself, for `fuctl status`.
public struct DaemonStatus: Hashable, Sendable {
    public var pid: Int32?
    /// Written every tick: a stale heartbeat means the daemon is not running.
    public var heartbeat: Date?
    /// When the last inbox check finished, and how ("ok", or what failed).
    public var lastCheckAt: Date?
    public var lastCheckResult: String?
    /// The last error, without secrets.
    public var lastError: String?
    /// When `lastError` happened, so `fuctl status` can tell an error that
    /// later successful checks left behind from one still current.
    public var lastErrorAt: Date?

    public init(pid: Int32? = nil, heartbeat: Date? = nil, lastCheckAt: Date? = nil,
                lastCheckResult: String? = nil, lastError: String? = nil, lastErrorAt: Date? = nil) {
        self.pid = pid
        self.heartbeat = heartbeat
        self.lastCheckAt = lastCheckAt
        self.lastCheckResult = lastCheckResult
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
    }
}

extension Store {
    public func status() throws -> DaemonStatus {
        try db.read(Self.status)
    }

    /// Replaces the whole status row (tests; the daemon changes fields with `updateStatus`).
    func setStatus(_ status: DaemonStatus) throws {
        try writeTransaction { try Self.write(status, $0) }
    }

    /// Changes some fields in one transaction (e.g. the heartbeat alone) and returns the result.
    @discardableResult
    public func updateStatus(_ change: (inout DaemonStatus) -> Void) throws -> DaemonStatus {
        try writeTransaction { db in
            var status = try Self.status(db)
            change(&status)
            try Self.write(status, db)
            return status
        }
    }

    private static func status(_ db: Database) throws -> DaemonStatus {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM daemon_status WHERE id = 1") else { return DaemonStatus() }
        return DaemonStatus(pid: (row["pid"] as Int64?).map { Int32($0) }, heartbeat: row.optionalDate("heartbeat"),
                            lastCheckAt: row.optionalDate("last_check_at"), lastCheckResult: row["last_check_result"],
                            lastError: row["last_error"], lastErrorAt: row.optionalDate("last_error_at"))
    }

    private static func write(_ status: DaemonStatus, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE daemon_status SET pid = ?, heartbeat = ?, last_check_at = ?, last_check_result = ?, last_error = ?,
            last_error_at = ? WHERE id = 1
            """, arguments: [status.pid.map { Int64($0) }, status.heartbeat?.stored, status.lastCheckAt?.stored,
                             status.lastCheckResult, status.lastError, status.lastErrorAt?.stored])
    }
}
