import GRDB

/// The schema, one migration per version. Never edit a shipped migration:
/// add the next one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE applications (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    company TEXT NOT NULL,
                    role TEXT NOT NULL,
                    time_zone TEXT NOT NULL,
                    pace TEXT NOT NULL,
                    notes TEXT NOT NULL DEFAULT '',
                    outcome TEXT
                );
                CREATE TABLE contacts (
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    undeliverable INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (application_id, position)
                );
                CREATE INDEX contacts_email ON contacts(email COLLATE NOCASE);
                CREATE TABLE company_domains (
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    domain TEXT NOT NULL,
                    PRIMARY KEY (application_id, domain)
                );
                CREATE TABLE talking_points (
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (application_id, position)
                );
                CREATE TABLE events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    start REAL NOT NULL,
                    "end" REAL NOT NULL,
                    decision_date TEXT
                );
                CREATE INDEX events_application ON events(application_id);
                CREATE TABLE drafts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    round INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    recipient_name TEXT NOT NULL,
                    recipient_email TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    due REAL NOT NULL,
                    message_id TEXT NOT NULL UNIQUE,
                    in_reply_to TEXT,
                    refs TEXT NOT NULL DEFAULT '',
                    state TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    approved_at REAL,
                    sent_at REAL,
                    edited_at REAL,
                    state_changed_at REAL,
                    reason TEXT,
                    lint_problems TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX drafts_application ON drafts(application_id);
                CREATE INDEX drafts_state ON drafts(state);
                CREATE INDEX drafts_recipient ON drafts(recipient_email COLLATE NOCASE);
                CREATE TABLE send_attempts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
                    at REAL NOT NULL,
                    outcome TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    error TEXT
                );
                CREATE INDEX send_attempts_draft ON send_attempts(draft_id);
                CREATE TABLE replies (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    received_at REAL NOT NULL,
                    class TEXT NOT NULL,
                    until TEXT,
                    failed_recipient TEXT,
                    source TEXT NOT NULL,
                    message_id TEXT UNIQUE,
                    from_address TEXT,
                    subject TEXT,
                    mailbox TEXT,
                    uid INTEGER
                );
                CREATE INDEX replies_application ON replies(application_id);
                CREATE TABLE mailbox_cursors (
                    mailbox TEXT PRIMARY KEY,
                    uid_validity INTEGER NOT NULL,
                    highest_uid INTEGER NOT NULL,
                    uid_next INTEGER
                );
                CREATE TABLE daemon_status (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    pid INTEGER,
                    heartbeat REAL,
                    last_check_at REAL,
                    last_check_result TEXT,
                    last_error TEXT
                );
                INSERT INTO daemon_status (id) VALUES (1);
                """)
        }
        // The newest event the inbox has been read for: an event recorded
        // after its reply arrived makes the daemon read the inbox again since
        // the event's start.
        m.registerMigration("v2") { db in
            try db.execute(sql: "ALTER TABLE mailbox_cursors ADD COLUMN events_seen INTEGER NOT NULL DEFAULT 0")
        }
        // When the last error happened, to set it against the last successful check.
        m.registerMigration("v3") { db in
            try db.execute(sql: "ALTER TABLE daemon_status ADD COLUMN last_error_at REAL")
        }
        // One message may belong to several applications (a contact shared by
        // two of them): a Message-ID is unique per application, not overall.
        m.registerMigration("v4") { db in
            try db.execute(sql: """
                CREATE TABLE replies_v4 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    received_at REAL NOT NULL,
                    class TEXT NOT NULL,
                    until TEXT,
                    failed_recipient TEXT,
                    source TEXT NOT NULL,
                    message_id TEXT,
                    from_address TEXT,
                    subject TEXT,
                    mailbox TEXT,
                    uid INTEGER,
                    UNIQUE (message_id, application_id)
                );
                INSERT INTO replies_v4 (id, application_id, received_at, class, until, failed_recipient, source,
                    message_id, from_address, subject, mailbox, uid)
                SELECT id, application_id, received_at, class, until, failed_recipient, source,
                    message_id, from_address, subject, mailbox, uid FROM replies;
                DROP TABLE replies;
                ALTER TABLE replies_v4 RENAME TO replies;
                CREATE INDEX replies_application ON replies(application_id);
                """)
        }
        // When an event was recorded: a round recorded ahead hears a cancellation.
        m.registerMigration("v5") { db in
            try db.execute(sql: "ALTER TABLE events ADD COLUMN recorded_at REAL")
        }
        // The send journal: when the final dot was about to go (a send
        // interrupted before that certainly did not arrive), the bytes handed
        // over, and whether their Sent copy is still to be filed.
        m.registerMigration("v6") { db in
            try db.execute(sql: """
                ALTER TABLE drafts ADD COLUMN final_dot_at REAL;
                ALTER TABLE drafts ADD COLUMN message BLOB;
                ALTER TABLE drafts ADD COLUMN sent_copy TEXT;
                CREATE INDEX drafts_sent_copy ON drafts(sent_copy) WHERE sent_copy = 'pending';
                """)
        }
        // Mail without a Message-ID is known by a digest of its header
        // fields, which stays the same when it is moved to another folder.
        m.registerMigration("v7") { db in
            try db.execute(sql: "ALTER TABLE replies ADD COLUMN header_digest TEXT")
        }
        // The audit trail of `fuctl why`: how each reply was matched, and
        // every change of the gate's word on a draft. Notices: one row per thing the user was told (or, at the first
        // tick with [notify], was already past telling), so a restart never
        // repeats one; and what the notices have seen so far.
        m.registerMigration("v8") { db in
            try db.execute(sql: """
                CREATE TABLE notices (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    key TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    application_id INTEGER,
                    draft_id INTEGER,
                    created_at REAL NOT NULL,
                    notice TEXT NOT NULL,
                    command_state TEXT,
                    mail_state TEXT,
                    mailed_at REAL,
                    mail_message_id TEXT
                );
                CREATE INDEX notices_mail_pending ON notices(mail_state) WHERE mail_state = 'pending';
                CREATE INDEX notices_mail_message ON notices(mail_message_id);
                CREATE TABLE notice_answers (
                    answer_id TEXT PRIMARY KEY,
                    notice_message_id TEXT NOT NULL,
                    draft_id INTEGER,
                    verb TEXT,
                    acted INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    answered_at REAL NOT NULL
                );
                ALTER TABLE replies ADD COLUMN matched TEXT;
                CREATE TABLE gate_decisions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    draft_id INTEGER NOT NULL,
                    decided_at REAL NOT NULL,
                    verdict TEXT NOT NULL,
                    reasons TEXT NOT NULL
                );
                CREATE INDEX gate_decisions_draft ON gate_decisions(draft_id);
                ALTER TABLE daemon_status ADD COLUMN last_good_check_at REAL;
                ALTER TABLE daemon_status ADD COLUMN notices_since REAL;
                ALTER TABLE daemon_status ADD COLUMN notice_reply_mark INTEGER NOT NULL DEFAULT 0;
                """)
        }
        // A job platform's notice says where its message is to be read; the
        // user's corrections of a reply's class, for the audit.
        m.registerMigration("v9") { db in
            try db.execute(sql: """
                ALTER TABLE replies ADD COLUMN read_on TEXT;
                CREATE TABLE reply_labels (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    reply_id INTEGER NOT NULL,
                    from_class TEXT NOT NULL,
                    to_class TEXT NOT NULL,
                    until TEXT,
                    relabeled_at REAL NOT NULL
                );
                CREATE INDEX reply_labels_reply ON reply_labels(reply_id);
                """)
        }
        // Interviews that move or are cancelled (by the user or an updated
        // invitation), and applications the user corrects, each change kept for the audit.
        m.registerMigration("v10") { db in
            try db.execute(sql: """
                ALTER TABLE events ADD COLUMN moved_at REAL;
                ALTER TABLE events ADD COLUMN cancelled_at REAL;
                ALTER TABLE events ADD COLUMN invitation_uid TEXT;
                ALTER TABLE events ADD COLUMN invitation_sequence INTEGER;
                CREATE TABLE event_changes (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    changed_at REAL NOT NULL,
                    change TEXT NOT NULL
                );
                CREATE INDEX event_changes_event ON event_changes(event_id);
                ALTER TABLE applications ADD COLUMN changed_at REAL;
                CREATE TABLE application_changes (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    changed_at REAL NOT NULL,
                    change TEXT NOT NULL
                );
                """)
        }
        m.registerMigration("v11") { db in
            // Invitations that look like interviews, from people no application knows;
            // kept after a decision too, so that reading them again proposes nothing.
            try db.execute(sql: """
                CREATE TABLE proposals (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    uid TEXT NOT NULL UNIQUE,
                    sequence INTEGER NOT NULL,
                    state TEXT NOT NULL DEFAULT 'open',
                    application_id INTEGER REFERENCES applications(id) ON DELETE SET NULL,
                    ends_at REAL NOT NULL,
                    proposal TEXT NOT NULL
                );
                ALTER TABLE applications ADD COLUMN country TEXT;
                ALTER TABLE applications ADD COLUMN region TEXT;
                ALTER TABLE applications ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE applications ADD COLUMN timing_changed_at REAL;
                -- A bookmark's events_seen was the newest event id: as a revision it means the same.
                ALTER TABLE events ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
                UPDATE events SET revision = id;
                -- An invitation's update or cancellation, and a proposal, find its event by UID.
                CREATE INDEX events_invitation ON events(invitation_uid) WHERE invitation_uid IS NOT NULL;
                """)
        }
        // What the daemon last planned of each application: a change to any
        // part of its history raises `facts` (by trigger, whoever writes:
        // the daemon, fuctl, a test), and `review_at` is when time alone may
        // change its plan (`Planner.nextReview`). A tick plans only those.
        m.registerMigration("v12") { db in
            try db.execute(sql: """
                CREATE TABLE plan_marks (
                    application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
                    facts INTEGER NOT NULL DEFAULT 1,
                    planned INTEGER NOT NULL DEFAULT 0,
                    review_at REAL
                );
                INSERT INTO plan_marks (application_id) SELECT id FROM applications;
                -- The settings and rules the marks were planned by: other ones plan everything again.
                CREATE TABLE plan_basis (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    basis TEXT NOT NULL
                );
                CREATE TRIGGER plan_marks_new AFTER INSERT ON applications BEGIN
                    INSERT INTO plan_marks (application_id) VALUES (NEW.id); END;
                CREATE TRIGGER plan_facts_applications AFTER UPDATE ON applications BEGIN
                    UPDATE plan_marks SET facts = facts + 1 WHERE application_id = NEW.id; END;
                -- When the last full consistency check passed: followupd --once checks at most daily.
                ALTER TABLE daemon_status ADD COLUMN verified_at REAL;
                """)
            let raise = "UPDATE plan_marks SET facts = facts + 1 WHERE application_id"
            for table in ["contacts", "company_domains", "talking_points", "events", "drafts", "replies"] {
                try db.execute(sql: """
                    CREATE TRIGGER plan_facts_\(table)_insert AFTER INSERT ON \(table) BEGIN \(raise) = NEW.application_id; END;
                    CREATE TRIGGER plan_facts_\(table)_update AFTER UPDATE ON \(table) BEGIN
                        \(raise) IN (OLD.application_id, NEW.application_id); END;
                    CREATE TRIGGER plan_facts_\(table)_delete AFTER DELETE ON \(table) BEGIN \(raise) = OLD.application_id; END;
                    """)
            }
        }
        return m
    }
}
