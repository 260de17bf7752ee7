import Foundation
import GRDB
import FollowUpCore

extension Store {
    /// Stores a new application with its events; ids in `application` and its
    /// events are ignored and assigned. Returns it as stored.
    @discardableResult
    public func addApplication(_ application: Application) throws -> Application {
        try writeTransaction { db in try Self.insert(application, db) }
    }

    static func insert(_ application: Application, _ db: Database) throws -> Application {
        try db.execute(sql: "INSERT INTO applications (company, role, time_zone, pace, notes, outcome, country, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [application.company, application.role, application.timeZone,
                                   application.pace.rawValue, application.notes, application.outcome?.rawValue,
                                   application.country, application.region])
        let id = db.lastInsertedRowID
        try writeParts(of: application, id: id, db)
        for event in application.events { _ = try insert(event, applicationID: id, db) }
        return try Self.application(id, db)
    }

    public func application(id: ApplicationID) throws -> Application? {
        try db.read { db in try? Self.application(id, db) }
    }

    /// Every application, in id order.
    public func applications() throws -> [Application] {
        try db.read { db in try Self.applications(db) }
    }

    /// The highest revision of any event: what a bookmark's `eventsSeen` is compared with.
    public func newestEventRevision() throws -> Int64 {
        try db.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(revision) FROM events") ?? 0 }
    }

    /// Adds an event (a new round) to an application; its id is assigned.
    @discardableResult
    public func addEvent(_ event: Event, to applicationID: ApplicationID) throws -> Event {
        try writeTransaction { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM applications WHERE id = ?", arguments: [applicationID]) != nil else {
                throw StoreError.notFound("application", applicationID)
            }
            return try Self.insert(event, applicationID: applicationID, db)
        }
    }

    /// Rewrites an event in place. Only tests do: the product adds rounds and never edits history.
    func updateEvent(_ event: Event) throws {
        try writeTransaction { db in
            try db.execute(sql: "UPDATE events SET kind = ?, start = ?, \"end\" = ?, decision_date = ? WHERE id = ?",
                           arguments: [event.kind.rawValue, event.start.stored, event.end.stored,
                                       event.decisionDate?.description, event.id])
            guard db.changesCount == 1 else { throw StoreError.notFound("event", event.id) }
        }
    }

    /// The interview moved: its new start and end, from `now` on (a newer
    /// invitation's SEQUENCE with it). Kept for the audit.
    @discardableResult
    /// `restoring`: an invitation sent again after a cancellation; otherwise a
    /// cancelled interview is not moved (it was cancelled meanwhile).
    public func moveEvent(_ id: EventID, start: Date, end: Date, sequence: Int? = nil, restoring: Bool = false,
                          at now: Date) throws -> Event {
        try writeTransaction { db in
            let before = try Self.event(id, db)
            if before.cancelledAt != nil && !restoring { throw StoreError(.invalidTransition, "event \(id) is cancelled") }
            try db.execute(sql: """
                UPDATE events SET start = ?, "end" = ?, moved_at = ?, cancelled_at = NULL,
                    invitation_sequence = COALESCE(?, invitation_sequence) WHERE id = ?
                """, arguments: [start.stored, end.stored, now.stored, sequence, id])
            if before.cancelledAt != nil { try Self.recordChange(id, "invited again: no longer cancelled", at: now, db) }
            try Self.raiseRevision(ofEvent: id, db)
            try Self.recordChange(id, "moved from \(ISO8601DateFormatter().string(from: before.start)) to \(ISO8601DateFormatter().string(from: start))", at: now, db)
            return try Self.event(id, db)
        }
    }

    /// The invitation of an interview recorded by hand: linked to it, its
    /// time taken when it differs (then the interview moved). Kept for the audit.
    @discardableResult
    public func adoptInvitation(_ id: EventID, uid: String, sequence: Int, start: Date, end: Date, at now: Date) throws -> Event {
        try writeTransaction { db in
            let before = try Self.event(id, db)
            try db.execute(sql: "UPDATE events SET invitation_uid = ?, invitation_sequence = ? WHERE id = ?",
                           arguments: [uid, sequence, id])
            try Self.recordChange(id, "linked to its invitation", at: now, db)
            if before.start != start || before.end != end {
                try db.execute(sql: "UPDATE events SET start = ?, \"end\" = ?, moved_at = ? WHERE id = ?",
                               arguments: [start.stored, end.stored, now.stored, id])
                try Self.recordChange(id, "moved to its invitation's time, from \(ISO8601DateFormatter().string(from: before.start)) to \(ISO8601DateFormatter().string(from: start))", at: now, db)
            }
            if before.cancelledAt != nil {
                // Invited again after a cancellation (the usual way to reschedule).
                try db.execute(sql: "UPDATE events SET cancelled_at = NULL, moved_at = ? WHERE id = ?", arguments: [now.stored, id])
                try Self.recordChange(id, "invited again: no longer cancelled", at: now, db)
            }
            try Self.raiseRevision(ofEvent: id, db)
            return try Self.event(id, db)
        }
    }

    /// The interview will not take place: nothing of its round goes out. Kept for the audit.
    @discardableResult
    public func cancelEvent(_ id: EventID, uid: String? = nil, sequence: Int? = nil, at now: Date) throws -> Event {
        try writeTransaction { db in
            _ = try Self.event(id, db)
            // A cancellation's UID links a meeting recorded by hand; its SEQUENCE outranks older invitations.
            try db.execute(sql: """
                UPDATE events SET cancelled_at = COALESCE(cancelled_at, ?), invitation_uid = COALESCE(invitation_uid, ?),
                    invitation_sequence = MAX(COALESCE(invitation_sequence, 0), COALESCE(?, 0)) WHERE id = ?
                """, arguments: [now.stored, uid, sequence, id])
            try Self.recordChange(id, "cancelled", at: now, db)
            try Self.raiseRevision(ofEvent: id, db)
            return try Self.event(id, db)
        }
    }

    /// What happened to the application's events since they were recorded, oldest first.
    public func eventChanges(application: ApplicationID) throws -> [(event: EventID, at: Date, change: String)] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.* FROM event_changes c JOIN events e ON e.id = c.event_id WHERE e.application_id = ? ORDER BY c.id
                """, arguments: [application]).map { ($0["event_id"], $0.date("changed_at"), $0["change"]) }
        }
    }

    private static func event(_ id: EventID, _ db: Database) throws -> Event {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("event", id)
        }
        return try Event(row: row)
    }

    private static func recordChange(_ id: EventID, _ change: String, at now: Date, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO event_changes (event_id, changed_at, change) VALUES (?, ?, ?)",
                       arguments: [id, now.stored, change])
    }

    /// Sets or clears how the hiring process ended.
    public func setOutcome(_ outcome: Outcome?, for applicationID: ApplicationID) throws {
        try writeTransaction { db in
            try db.execute(sql: "UPDATE applications SET outcome = ?, revision = revision + 1 WHERE id = ?",
                           arguments: [outcome?.rawValue, applicationID])
            guard db.changesCount == 1 else { throw StoreError.notFound("application", applicationID) }
        }
    }

    /// Marks `email` undeliverable in every application that lists it (after a bounce).
    public func markUndeliverable(email: String) throws {
        try writeTransaction { db in
            try db.execute(sql: "UPDATE contacts SET undeliverable = 1 WHERE email = ? COLLATE NOCASE", arguments: [email])
        }
    }

    // MARK: rows

    static func application(_ id: ApplicationID, _ db: Database) throws -> Application {
        guard let found = try applications(db, .one(id)).first else { throw StoreError.notFound("application", id) }
        return found
    }

    /// The applications `selection` takes, in id order, with their parts:
    /// one query per table, whatever their number.
    static func applications(_ db: Database, _ selection: ApplicationSelection = .all) throws -> [Application] {
        let filter = selection.filter("application_id")
        let arguments = selection.arguments
        func grouped<T>(_ sql: String, _ make: (Row) throws -> T) throws -> [ApplicationID: [T]] {
            var parts: [ApplicationID: [T]] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { parts[row["application_id"], default: []].append(try make(row)) }
            return parts
        }
        let contacts = try grouped("SELECT * FROM contacts \(filter) ORDER BY application_id, position") {
            Contact(name: $0["name"], email: $0["email"], undeliverable: $0["undeliverable"])
        }
        let domains = try grouped("SELECT application_id, domain FROM company_domains \(filter) ORDER BY application_id, domain") {
            $0["domain"] as String
        }
        let points = try grouped("SELECT application_id, text FROM talking_points \(filter) ORDER BY application_id, position") {
            $0["text"] as String
        }
        let events = try grouped("SELECT * FROM events \(filter) ORDER BY application_id, start, id", Event.init(row:))
        return try Row.fetchAll(db, sql: "SELECT * FROM applications \(selection.filter("id")) ORDER BY id",
                                arguments: arguments).map { row in
            let id: ApplicationID = row["id"]
            return Application(id: id, company: row["company"], role: row["role"], contacts: contacts[id] ?? [],
                               companyDomains: domains[id] ?? [], timeZone: row["time_zone"], pace: try row.value("pace"),
                               talkingPoints: points[id] ?? [], notes: row["notes"], events: events[id] ?? [],
                               outcome: try (row["outcome"] as String?).map {
                                   guard let o = Outcome(rawValue: $0) else { throw StoreError(.invalidTransition, "unknown outcome \($0)") }
                                   return o
                               }, changedAt: row.optionalDate("changed_at"), country: row["country"], region: row["region"],
                               revision: row["revision"], timingChangedAt: row.optionalDate("timing_changed_at"))
        }
    }

    /// Which drafts written before a correction it withdraws.
    public enum Withdrawal: Sendable {
        case everyDraft
        /// The thank-you and the check-ins: their words name the interview's day as seen from their due time.
        case scheduledDrafts
    }

    /// What the user corrects about an application (`fuctl update`). Nil fields stay as they are.
    public struct Correction: Sendable {
        public var company, role, timeZone: String?
        /// Where its holidays are: `.some(nil)` keeps none.
        public var country: String??
        public var region: String??
        public var pace: Pace?
        /// The first contact's name and address.
        public var contact: Contact?
        /// A further contact, after the first.
        public var addedContact: Contact?
        public var removedDomains: [String] = []
        /// The current round's decision date: `.some(nil)` removes it.
        public var decisionDate: LocalDate??

        public init() {}
    }

    /// Applies `correction` in one transaction, each change kept for the
    /// audit; a change to what a draft says or who it goes to marks the
    /// application changed (`Application.changedAt`). Returns the changes, in
    /// words, and which drafts written before are withdrawn.
    @discardableResult
    public func correct(_ applicationID: ApplicationID, _ correction: Correction, at now: Date) throws
        -> (changes: [String], withdraws: Withdrawal?) {
        try writeTransaction { db in
            let before = try Self.application(applicationID, db)
            // `rewords`: what a draft says or who it goes to changed (company, role,
            // zone, contact): every draft written before is withdrawn. `retimes`: only
            // when they are due (pace, holidays, the decision date): the thank-you and
            // check-ins, worded from their due time, are; news and offers stand.
            var changes: [String] = [], rewords = false, retimes = false
            func set(_ column: String, _ value: String??, _ old: String?, _ label: String, rewording: Bool) throws {
                guard let value, value != old else { return }
                try db.execute(sql: "UPDATE applications SET \(column) = ? WHERE id = ?", arguments: [value, applicationID])
                changes.append("\(label): \(old ?? "none") → \(value ?? "none")")
                if rewording { rewords = true } else { retimes = true }
            }
            // nil: not given; `.some(nil)`: cleared (only the holidays' place may be).
            try set("company", correction.company.map(Optional.some), before.company, "company", rewording: true)
            try set("role", correction.role.map(Optional.some), before.role, "role", rewording: true)
            try set("time_zone", correction.timeZone.map(Optional.some), before.timeZone, "time zone", rewording: true)
            try set("pace", correction.pace.map { .some($0.rawValue) }, before.pace.rawValue, "pace", rewording: false)
            try set("country", correction.country, before.country, "holidays country", rewording: false)
            try set("region", correction.region, before.region, "holidays region", rewording: false)
            if let contact = correction.contact, let first = before.contacts.first, contact.name != first.name || contact.email != first.email {
                try db.execute(sql: "UPDATE contacts SET name = ?, email = ?, undeliverable = 0 WHERE application_id = ? AND position = 0",
                               arguments: [contact.name, contact.email, applicationID])
                changes.append("contact: \(first.name) <\(first.email)> → \(contact.name) <\(contact.email)>")
                rewords = true
            }
            if let added = correction.addedContact, !before.contacts.contains(where: { $0.email.lowercased() == added.email.lowercased() }) {
                try db.execute(sql: "INSERT INTO contacts (application_id, position, name, email, undeliverable) VALUES (?, ?, ?, ?, 0)",
                               arguments: [applicationID, before.contacts.count, added.name, added.email])
                changes.append("contact added: \(added.name) <\(added.email)>")
            }
            for domain in correction.removedDomains.map({ $0.lowercased() }) where before.companyDomains.contains(domain) {
                try db.execute(sql: "DELETE FROM company_domains WHERE application_id = ? AND domain = ?", arguments: [applicationID, domain])
                changes.append("domain removed: \(domain)")
            }
            if let decision = correction.decisionDate, let event = before.events.last, decision != event.decisionDate {
                try db.execute(sql: "UPDATE events SET decision_date = ? WHERE id = ?", arguments: [decision?.description, event.id])
                changes.append("decision date: \(event.decisionDate?.description ?? "none") → \(decision?.description ?? "none")")
                retimes = true
            }
            if rewords {
                try db.execute(sql: "UPDATE applications SET changed_at = ? WHERE id = ?", arguments: [now.stored, applicationID])
            } else if retimes {
                try db.execute(sql: "UPDATE applications SET timing_changed_at = ? WHERE id = ?", arguments: [now.stored, applicationID])
            }
            if !changes.isEmpty {
                try db.execute(sql: "UPDATE applications SET revision = revision + 1 WHERE id = ?", arguments: [applicationID])
            }
            for change in changes {
                try db.execute(sql: "INSERT INTO application_changes (application_id, changed_at, change) VALUES (?, ?, ?)",
                               arguments: [applicationID, now.stored, change])
            }
            return (changes, rewords ? .everyDraft : retimes ? .scheduledDrafts : nil)
        }
    }

    /// The user's corrections of the application, oldest first.
    public func applicationChanges(_ applicationID: ApplicationID) throws -> [(at: Date, change: String)] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM application_changes WHERE application_id = ? ORDER BY id", arguments: [applicationID])
                .map { ($0.date("changed_at"), $0["change"]) }
        }
    }

    /// Adds talking points and company domains the user learnt of later;
    /// those already there are not repeated. Returns the application as stored.
    @discardableResult
    public func addDetails(to applicationID: ApplicationID, talkingPoints: [String], domains: [String]) throws -> Application {
        try writeTransaction { db in
            let current = try Self.application(applicationID, db)
            var position = current.talkingPoints.count
            for point in talkingPoints where !current.talkingPoints.contains(point) {
                try db.execute(sql: "INSERT INTO talking_points (application_id, position, text) VALUES (?, ?, ?)",
                               arguments: [applicationID, position, point])
                position += 1
            }
            for domain in Set(domains.map { $0.lowercased() }) where !current.companyDomains.contains(domain) {
                try db.execute(sql: "INSERT INTO company_domains (application_id, domain) VALUES (?, ?)", arguments: [applicationID, domain])
            }
            return try Self.application(applicationID, db)
        }
    }

    private static func writeParts(of application: Application, id: ApplicationID, _ db: Database) throws {
        for (i, c) in application.contacts.enumerated() {
            try db.execute(sql: "INSERT INTO contacts (application_id, position, name, email, undeliverable) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, i, c.name, c.email, c.undeliverable])
        }
        for domain in Set(application.companyDomains.map { $0.lowercased() }) {
            try db.execute(sql: "INSERT INTO company_domains (application_id, domain) VALUES (?, ?)", arguments: [id, domain])
        }
        for (i, point) in application.talkingPoints.enumerated() {
            try db.execute(sql: "INSERT INTO talking_points (application_id, position, text) VALUES (?, ?, ?)",
                           arguments: [id, i, point])
        }
    }

    private static func insert(_ event: Event, applicationID: ApplicationID, _ db: Database) throws -> Event {
        try db.execute(sql: """
            INSERT INTO events (application_id, kind, start, "end", decision_date, recorded_at, invitation_uid, invitation_sequence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [applicationID, event.kind.rawValue, event.start.stored, event.end.stored,
                              event.decisionDate?.description, event.recordedAt?.stored, event.invitationUID, event.invitationSequence])
        var stored = event
        stored.id = db.lastInsertedRowID
        try raiseRevision(ofEvent: stored.id, db)
        stored.revision = try Int64.fetchOne(db, sql: "SELECT revision FROM events WHERE id = ?", arguments: [stored.id]) ?? 0
        return stored
    }

    /// The event's revision above every other's, and its application's raised:
    /// what was read or planned from the old facts is read or planned again.
    private static func raiseRevision(ofEvent id: EventID, _ db: Database) throws {
        try db.execute(sql: "UPDATE events SET revision = (SELECT MAX(revision) FROM events) + 1 WHERE id = ?", arguments: [id])
        try db.execute(sql: "UPDATE applications SET revision = revision + 1 WHERE id = (SELECT application_id FROM events WHERE id = ?)",
                       arguments: [id])
    }
}
