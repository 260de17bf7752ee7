import Foundation
import TestSupport
import Testing
import GRDB
import FollowUpCore
@testable import FollowUpStore

@Suite struct OpenTests {
    @Test func aFullDiskIsNamedWithThePathNotSQLitesWords() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard let disk = try SmallDisk(dir, size: "64k") else { return }
        defer { disk.unmount() }
        disk.fill()
        let path = dir + "/state/followupd.sqlite"
        do {
            _ = try Store(path: path)
            Issue.record("a store opened on a full disk")
        } catch {
            print("measured: on a full disk the store says: \(error)")
            #expect("\(error)".contains("no space left on the device holding \(path)"), "\(error)")
            #expect(!"\(error)".contains("SQLite error"), "\(error)")
        }
    }

    @Test func migrationsRunOnAnEmptyFile() throws {
        let f = try Fixture()
        defer { f.remove() }
        #expect(try f.store.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12"])
        // Opening again finds the schema in place.
        #expect(try Store(path: f.store.path!).appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12"])
    }

    @Test func inMemoryStoreIsMigratedAndPrivate() throws {
        let a = try Store()
        let b = try Store()
        try a.addApplication(sampleApplication())
        #expect(a.path == nil)
        #expect(try a.applications().count == 1)
        #expect(try b.applications().isEmpty)
    }

    @Test func databaseFileIs0600AndNewDirectories0700() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let old = umask(0o022)
        defer { umask(old) }
        let store = try Store(path: dir + "/a/b/f.sqlite")
        try store.addApplication(sampleApplication())
        func mode(_ p: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as! NSNumber).intValue
        }
        #expect(try mode(dir + "/a") == 0o700)
        #expect(try mode(dir + "/a/b") == 0o700)
        #expect(try mode(dir + "/a/b/f.sqlite") == 0o600)
        #expect(try mode(dir + "/a/b/f.sqlite-wal") == 0o600)
    }

    @Test func existingWorldReadableFileIsMadePrivate() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(FileManager.default.createFile(atPath: dir + "/f.sqlite", contents: nil, attributes: [.posixPermissions: 0o644]))
        _ = try Store(path: dir + "/f.sqlite")
        let mode = (try FileManager.default.attributesOfItem(atPath: dir + "/f.sqlite")[.posixPermissions] as! NSNumber).intValue
        #expect(mode == 0o600)
    }

    @Test func connectionUsesWALFullSyncForeignKeysAndABusyTimeout() throws {
        let f = try Fixture()
        defer { f.remove() }
        let pragmas = try f.store.db.read { db in
            [try String.fetchOne(db, sql: "PRAGMA journal_mode"), try String.fetchOne(db, sql: "PRAGMA synchronous"),
             try String.fetchOne(db, sql: "PRAGMA foreign_keys"), try String.fetchOne(db, sql: "PRAGMA busy_timeout")]
        }
        #expect(pragmas == ["wal", "2", "1", "5000"])
    }
}

@Suite struct ApplicationTests {
    @Test func applicationRoundTripsWithItsParts() throws {
        let f = try Fixture()
        defer { f.remove() }
        var expected = sampleApplication()
        expected.id = f.app.id
        expected.events[0].id = f.app.events[0].id
        expected.events[0].revision = f.app.events[0].revision
        expected.revision = 1
        expected.companyDomains = ["acme-jobs.example", "acme.example"]
        #expect(try f.store.application(id: f.app.id) == expected)
        #expect(try f.store.applications() == [expected])
    }

    @Test func eventsAreOrderedByStartAndCanChange() throws {
        let f = try Fixture()
        defer { f.remove() }
        let early = try f.store.addEvent(Event(id: 0, kind: .networking, start: t0 - 86_400, end: t0 - 80_000), to: f.app.id)
        var later = f.app.events[0]
        later.decisionDate = nil
        try f.store.updateEvent(later)
        #expect(try f.store.application(id: f.app.id)?.events == [early, later])
    }

    @Test func bounceMarksTheAddressUndeliverableEverywhere() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.markUndeliverable(email: "DANA@acme.example")
        let contacts = try #require(try f.store.application(id: f.app.id)).contacts
        #expect(contacts.map(\.undeliverable) == [true, false])
    }

    @Test func historyHoldsDraftsAndRepliesOfItsApplicationOnly() throws {
        let f = try Fixture()
        defer { f.remove() }
        let other = try f.store.addApplication(sampleApplication())
        try f.store.insertDraft(sampleDraft(other))
        let reply = RecordedReply(id: 0, applicationID: f.app.id, receivedAt: t0 + 10, replyClass: .needMoreTime,
                                  until: LocalDate(year: 2027, month: 2, day: 1), messageID: "<r1@acme>",
                                  from: "dana@acme.example", subject: "Re: Thank you")
        let stored = try f.store.recordReply(reply, at: MailboxPosition(mailbox: "INBOX", uid: 42)).reply
        let h = try #require(try f.store.history(for: f.app.id))
        #expect(h.application == f.app)
        #expect(h.drafts == [f.draft])
        #expect(h.replies == [stored])
        #expect(try f.store.histories().count == 2)
        #expect(try f.store.history(for: 999) == nil)
    }
}

@Suite struct ReplyTests {
    @Test func recordingAReplyIsIdempotentOnMessageID() throws {
        let f = try Fixture()
        defer { f.remove() }
        let reply = RecordedReply(id: 0, applicationID: f.app.id, receivedAt: t0, replyClass: .rejection, messageID: "<same@acme>")
        let first = try f.store.recordReply(reply)
        let again = try f.store.recordReply(reply)
        #expect(first.inserted)
        #expect(!again.inserted)
        #expect(again.reply == first.reply)
        #expect(try f.store.history(for: f.app.id)?.replies.count == 1)
    }

    @Test func oneMessageIsRecordedOnceForEachApplicationItBelongsTo() throws {
        let f = try Fixture()
        defer { f.remove() }
        let other = try f.store.addApplication(sampleApplication())
        var reply = RecordedReply(id: 0, applicationID: f.app.id, receivedAt: t0, replyClass: .unclear, messageID: "<shared@acme>")
        #expect(try f.store.recordReply(reply).inserted)
        reply.applicationID = other.id
        #expect(try f.store.recordReply(reply).inserted)
        #expect(try !f.store.recordReply(reply).inserted)
        #expect(try f.store.history(for: f.app.id)?.replies.count == 1)
        #expect(try f.store.history(for: other.id)?.replies.count == 1)
    }

    @Test func aMailWithoutMessageIDReadAgainIsRecordedOnce() throws {
        let f = try Fixture()
        defer { f.remove() }
        let mail = RecordedReply(id: 0, applicationID: f.app.id, receivedAt: t0, replyClass: .unclear,
                                 from: "dana@acme.example", subject: "Next steps")
        #expect(try f.store.recordReply(mail).inserted)
        #expect(try !f.store.recordReply(mail).inserted)
        var later = mail
        later.receivedAt = t0 + 60
        #expect(try f.store.recordReply(later).inserted, "another mail with the same subject, a minute later")
    }

    @Test func phoneRepliesWithoutMessageIDAreEachRecorded() throws {
        let f = try Fixture()
        defer { f.remove() }
        let call = RecordedReply(id: 0, applicationID: f.app.id, receivedAt: t0, replyClass: .nextStep, source: .phone)
        try f.store.recordReply(call)
        try f.store.recordReply(call)
        #expect(try f.store.history(for: f.app.id)?.replies.count == 2)
    }
}

@Suite struct CursorAndStatusTests {
    @Test func cursorRoundTripsAndIsReplaced() throws {
        let f = try Fixture()
        defer { f.remove() }
        #expect(try f.store.bookmark(mailbox: "INBOX") == nil)
        try f.store.setBookmark(MailboxBookmark(mailbox: "INBOX", uidValidity: 4_000_000_000, highestUID: 7))
        try f.store.setBookmark(MailboxBookmark(mailbox: "INBOX", uidValidity: 4_000_000_000, highestUID: 9))
        try f.store.setBookmark(MailboxBookmark(mailbox: "Sent", uidValidity: 1, highestUID: 3, uidNext: 4))
        #expect(try f.store.bookmark(mailbox: "INBOX") == MailboxBookmark(mailbox: "INBOX", uidValidity: 4_000_000_000, highestUID: 9))
        #expect(try f.store.bookmark(mailbox: "Sent")?.uidNext == 4)
    }

    @Test func statusRoundTripsAndUpdatesInPlace() throws {
        let f = try Fixture()
        defer { f.remove() }
        #expect(try f.store.status() == DaemonStatus())
        try f.store.setStatus(DaemonStatus(pid: 42, heartbeat: t0, lastCheckAt: t0, lastCheckResult: "ok"))
        let s = try f.store.updateStatus {
            $0.lastError = "IMAP login failed"
            $0.lastErrorAt = t0 + 60
        }
        #expect(s == DaemonStatus(pid: 42, heartbeat: t0, lastCheckAt: t0, lastCheckResult: "ok", lastError: "IMAP login failed",
                                  lastErrorAt: t0 + 60))
        #expect(try f.store.status() == s)
    }
}

/// The application's revision: a draft written from facts that changed meanwhile is refused,
/// and an event recorded or moved is read for again.
@Suite struct RevisionTests {
    @Test func aDraftWrittenFromAnOlderRevisionIsRefused() throws {
        let f = try Fixture()
        defer { f.remove() }
        let read = try #require(try f.store.application(id: f.app.id)).revision
        var correction = Store.Correction()
        correction.role = "Staff Engineer"
        try f.store.correct(f.app.id, correction, at: t0)
        #expect(throws: StoreError(.changedMeanwhile, "application \(f.app.id) changed while its thank_you was written")) {
            try f.store.insertDraft(sampleDraft(f.app), writtenFrom: read)
        }
        let now = try #require(try f.store.application(id: f.app.id)).revision
        #expect(now > read)
        #expect(try f.store.insertDraft(sampleDraft(f.app), writtenFrom: now).id > 0)
    }

    @Test func aMovedOrCancelledEventOutranksEveryOtherEvent() throws {
        let f = try Fixture()
        defer { f.remove() }
        let first = try #require(f.app.events.first)
        let second = try f.store.addEvent(Event(id: 0, start: t0 + 7 * 86400, end: t0 + 7 * 86400 + 3600), to: f.app.id)
        #expect(second.revision > first.revision)
        let moved = try f.store.moveEvent(first.id, start: first.start + 3600, end: first.end + 3600, at: t0)
        #expect(moved.revision > second.revision)
        let cancelled = try f.store.cancelEvent(second.id, uid: "int@acme.example", sequence: 3, at: t0)
        #expect(cancelled.revision > moved.revision && cancelled.invitationUID == "int@acme.example" && cancelled.invitationSequence == 3)
        // Invited again: no longer cancelled.
        #expect(throws: StoreError.self, "cancelled meanwhile: not moved by hand") {
            try f.store.moveEvent(second.id, start: second.start + 60, end: second.end + 60, at: t0 + 60)
        }
        let restored = try f.store.moveEvent(second.id, start: second.start, end: second.end, sequence: 4, restoring: true, at: t0 + 60)
        #expect(restored.cancelledAt == nil && restored.invitationSequence == 4)
    }
}

@Suite struct SupersededTests {
    /// fuctl of a newer version migrated the database while this daemon runs: it stops before it sends.
    @Test func aDatabaseANewerVersionMigratedIsRefusedAtEachTickAndEachSend() throws {
        let f = try Fixture(approved: true)
        defer { f.remove() }
        try f.store.refuseIfSuperseded()
        try f.store.db.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        #expect(throws: StoreError.self) { try f.store.refuseIfSuperseded() }
        do {
            _ = try f.store.beginSend(draftID: f.draft.id, now: t0) { _, _, _ in .send }
            Issue.record("a send began on a database this version does not know")
        } catch let error as StoreError {
            #expect(error.code == .superseded, "\(error)")
        }
        #expect(try f.store.draft(id: f.draft.id)?.state == .approved)
    }
}
