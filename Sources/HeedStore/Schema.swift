import GRDB

/// The store's migrations: frozen SQL that never refers to app types.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE mention (
                    id INTEGER PRIMARY KEY,
                    platform TEXT NOT NULL,
                    native_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    author_handle TEXT,
                    author_name TEXT,
                    author_url TEXT,
                    text TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    url TEXT,
                    conversation TEXT,
                    in_reply_to TEXT,
                    reply_target TEXT,
                    state TEXT NOT NULL DEFAULT 'waiting',
                    state_at INTEGER,
                    draft_id TEXT,
                    snoozed_until INTEGER,
                    imported_at INTEGER NOT NULL,
                    UNIQUE (platform, native_id)
                );
                CREATE INDEX mention_rank ON mention (created_at, id) WHERE state = 'waiting';
                CREATE TABLE counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                INSERT INTO counter VALUES ('waiting', 0);
                CREATE TRIGGER mention_waiting_insert AFTER INSERT ON mention WHEN NEW.state = 'waiting'
                BEGIN UPDATE counter SET value = value + 1 WHERE name = 'waiting'; END;
                CREATE TRIGGER mention_waiting_delete AFTER DELETE ON mention WHEN OLD.state = 'waiting'
                BEGIN UPDATE counter SET value = value - 1 WHERE name = 'waiting'; END;
                CREATE TRIGGER mention_waiting_update AFTER UPDATE OF state ON mention
                WHEN (OLD.state = 'waiting') <> (NEW.state = 'waiting')
                BEGIN UPDATE counter SET value = value + (CASE WHEN NEW.state = 'waiting' THEN 1 ELSE -1 END)
                    WHERE name = 'waiting'; END;
                CREATE TABLE journal (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    action TEXT NOT NULL,
                    undone INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE journal_entry (
                    journal_id INTEGER NOT NULL REFERENCES journal(id) ON DELETE CASCADE,
                    mention_id INTEGER NOT NULL REFERENCES mention(id) ON DELETE CASCADE,
                    old_state TEXT NOT NULL,
                    old_state_at INTEGER,
                    old_draft_id TEXT,
                    new_state TEXT NOT NULL,
                    new_draft_id TEXT
                );
                CREATE INDEX journal_entry_journal ON journal_entry (journal_id);
                """)
        }
        migrator.registerMigration("v2 answered elsewhere") { db in
            // Replies the user made elsewhere, seen in an import before the item they answer.
            try db.execute(sql: """
                CREATE TABLE answered_elsewhere (
                    platform TEXT NOT NULL,
                    native_id TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    PRIMARY KEY (platform, native_id)
                );
                """)
        }
        return migrator
    }
}
