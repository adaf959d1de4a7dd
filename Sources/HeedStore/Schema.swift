import GRDB

/// The store's migrations: frozen SQL that never refers to app types. A platform needs none
/// (its counter row is made by its first waiting item).
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
        migrator.registerMigration("v3 views, search, snooze, threads") { db in
            // The rank index also carries platform and kind, so a filtered view is counted and
            // paged from the index alone; per-platform waiting counts are maintained like the
            // total; threads and authors are found by index; snoozed items wake by index; the
            // full-text index is contentless (its text is folded: see SearchText) and caught up
            // in bulk after imports (counter 'indexed' holds the last row it has).
            try db.execute(sql: """
                DROP INDEX mention_rank;
                CREATE INDEX mention_rank ON mention (created_at, id, platform, kind) WHERE state = 'waiting';
                CREATE INDEX mention_thread ON mention (platform, conversation, created_at) WHERE conversation IS NOT NULL;
                CREATE INDEX mention_snoozed ON mention (snoozed_until) WHERE state = 'snoozed';
                DROP TRIGGER mention_waiting_insert;
                DROP TRIGGER mention_waiting_delete;
                DROP TRIGGER mention_waiting_update;
                CREATE TRIGGER mention_waiting_insert AFTER INSERT ON mention WHEN NEW.state = 'waiting'
                BEGIN UPDATE counter SET value = value + 1 WHERE name IN ('waiting', 'waiting:' || NEW.platform); END;
                CREATE TRIGGER mention_waiting_delete AFTER DELETE ON mention WHEN OLD.state = 'waiting'
                BEGIN UPDATE counter SET value = value - 1 WHERE name IN ('waiting', 'waiting:' || OLD.platform); END;
                CREATE TRIGGER mention_waiting_update AFTER UPDATE OF state ON mention
                WHEN (OLD.state = 'waiting') <> (NEW.state = 'waiting')
                BEGIN UPDATE counter SET value = value + (CASE WHEN NEW.state = 'waiting' THEN 1 ELSE -1 END)
                    WHERE name IN ('waiting', 'waiting:' || NEW.platform); END;
                ALTER TABLE journal_entry ADD COLUMN old_snoozed_until INTEGER;
                ALTER TABLE journal_entry ADD COLUMN new_snoozed_until INTEGER;
                CREATE VIRTUAL TABLE search USING fts5(who, body, content = '',
                    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co So'");
                INSERT INTO counter VALUES ('indexed', 0);
                """)
            let platforms = ["mastodon", "bluesky", "x", "youtube", "reddit", "wordpress", "facebook", "instagram",
                             "github", "hackernews", "linkedin", "flickr", "blogger", "friendfeed"]
            for platform in platforms {
                try db.execute(sql: "INSERT INTO counter VALUES (?, (SELECT COUNT(*) FROM mention WHERE state = 'waiting' AND platform = ?))",
                               arguments: ["waiting:" + platform, platform])
            }
        }
        migrator.registerMigration("v4 search by pairs of CJK characters") { db in
            // Runs of CJK, kana, Hangul and Thai are indexed as pairs of characters instead of
            // one character at a time (see SearchText): the index is made again, in the
            // background of the next queue or at the next search from the shell.
            try db.execute(sql: """
                DROP TABLE search;
                CREATE VIRTUAL TABLE search USING fts5(who, body, content = '',
                    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co So'");
                UPDATE counter SET value = 0 WHERE name = 'indexed';
                """)
        }
        migrator.registerMigration("v5 counters for any platform") { db in
            // A platform's waiting counter is made by the first item that needs it (the
            // triggers upsert it), so that a new platform needs no migration; the counters are
            // counted again from the rows, so that every platform present has an exact one.
            try db.execute(sql: """
                DROP TRIGGER mention_waiting_insert;
                DROP TRIGGER mention_waiting_delete;
                DROP TRIGGER mention_waiting_update;
                CREATE TRIGGER mention_waiting_insert AFTER INSERT ON mention WHEN NEW.state = 'waiting'
                BEGIN
                    UPDATE counter SET value = value + 1 WHERE name = 'waiting';
                    INSERT INTO counter (name, value) VALUES ('waiting:' || NEW.platform, 1)
                        ON CONFLICT (name) DO UPDATE SET value = value + 1;
                END;
                CREATE TRIGGER mention_waiting_delete AFTER DELETE ON mention WHEN OLD.state = 'waiting'
                BEGIN
                    UPDATE counter SET value = value - 1 WHERE name = 'waiting';
                    INSERT INTO counter (name, value) VALUES ('waiting:' || OLD.platform, -1)
                        ON CONFLICT (name) DO UPDATE SET value = value - 1;
                END;
                CREATE TRIGGER mention_waiting_update AFTER UPDATE OF state ON mention
                WHEN (OLD.state = 'waiting') <> (NEW.state = 'waiting')
                BEGIN
                    UPDATE counter SET value = value + (CASE WHEN NEW.state = 'waiting' THEN 1 ELSE -1 END) WHERE name = 'waiting';
                    INSERT INTO counter (name, value) VALUES ('waiting:' || NEW.platform, CASE WHEN NEW.state = 'waiting' THEN 1 ELSE -1 END)
                        ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
                END;
                UPDATE counter SET value = 0 WHERE name LIKE 'waiting:%';
                INSERT INTO counter (name, value)
                    SELECT 'waiting:' || platform, COUNT(*) FROM mention WHERE state = 'waiting' GROUP BY platform
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value;
                UPDATE counter SET value = (SELECT COUNT(*) FROM mention WHERE state = 'waiting') WHERE name = 'waiting';
                """)
        }
        migrator.registerMigration("v6 fetch cursors") { db in
            // Where each account's next fetch starts (a since id, a cursor, a time), written in
            // the transaction of the page it follows.
            try db.execute(sql: """
                CREATE TABLE fetch_cursor (
                    account TEXT NOT NULL,
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    PRIMARY KEY (account, name)
                );
                """)
        }
        migrator.registerMigration("v7 who acted and assignment") { db in
            // Who gave an item its state and whom it is assigned to, in the items and in the
            // journal (each action names the person who took it, so undo takes one's own back).
            try db.execute(sql: """
                ALTER TABLE mention ADD COLUMN state_by TEXT;
                ALTER TABLE mention ADD COLUMN assignee TEXT;
                CREATE INDEX mention_assignee ON mention (assignee COLLATE NOCASE) WHERE assignee IS NOT NULL;
                ALTER TABLE journal ADD COLUMN person TEXT;
                ALTER TABLE journal_entry ADD COLUMN old_state_by TEXT;
                ALTER TABLE journal_entry ADD COLUMN new_state_by TEXT;
                ALTER TABLE journal_entry ADD COLUMN old_assignee TEXT;
                ALTER TABLE journal_entry ADD COLUMN new_assignee TEXT;
                ALTER TABLE journal_entry ADD COLUMN new_state_at INTEGER;
                """)
        }
        migrator.registerMigration("v8 tags, priority, rules, breaches") { db in
            try db.execute(sql: v8)
        }
        return migrator
    }
}
