/// The migration that adds tags, priority points, rules in the journal and the breach watch:
/// frozen SQL, like every migration.
extension Schema {
    /// - `mention.tags`: the item's tags as a JSON array, sorted (NULL: none), mirrored into
    ///   `mention_tag` by triggers, so that `tag:NAME` is an index lookup and a row reads its
    ///   tags with its other columns; `mention.priority`: rules' points.
    /// - The rank index carries the priority too (a queue ranked by wait checks "no points"
    ///   from the index alone); `mention_priority` holds the waiting items that have points, in
    ///   the order a queue ranked by priority shows them (most points first): small, as rules
    ///   give points to few items.
    /// - A journal entry can change tags and priority (`marks` = 1, with their old and new
    ///   values); a journal row can say which rule it was (`detail`).
    /// - `breach_notice`: items whose breach was handed out (`claimBreaches`), since the watch
    ///   started (counter 'breaches_since', milliseconds; 0 until the first claim).
    static let v8 = """
        ALTER TABLE mention ADD COLUMN tags TEXT;
        ALTER TABLE mention ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
        DROP INDEX mention_rank;
        CREATE INDEX mention_rank ON mention (created_at, id, platform, kind, priority) WHERE state = 'waiting';
        CREATE INDEX mention_priority ON mention (priority DESC, created_at, id, platform, kind) WHERE state = 'waiting' AND priority <> 0;
        CREATE TABLE mention_tag (
            tag TEXT NOT NULL,
            mention_id INTEGER NOT NULL REFERENCES mention(id) ON DELETE CASCADE,
            PRIMARY KEY (tag, mention_id)
        ) WITHOUT ROWID;
        CREATE INDEX mention_tag_mention ON mention_tag (mention_id);
        CREATE TRIGGER mention_tags_insert AFTER INSERT ON mention WHEN NEW.tags IS NOT NULL
        BEGIN INSERT OR IGNORE INTO mention_tag (tag, mention_id) SELECT value, NEW.id FROM json_each(NEW.tags); END;
        CREATE TRIGGER mention_tags_update AFTER UPDATE OF tags ON mention WHEN OLD.tags IS NOT NEW.tags
        BEGIN
            DELETE FROM mention_tag WHERE mention_id = NEW.id;
            INSERT OR IGNORE INTO mention_tag (tag, mention_id) SELECT value, NEW.id FROM json_each(NEW.tags);
        END;
        ALTER TABLE journal ADD COLUMN detail TEXT;
        ALTER TABLE journal_entry ADD COLUMN marks INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE journal_entry ADD COLUMN old_tags TEXT;
        ALTER TABLE journal_entry ADD COLUMN new_tags TEXT;
        ALTER TABLE journal_entry ADD COLUMN old_priority INTEGER;
        ALTER TABLE journal_entry ADD COLUMN new_priority INTEGER;
        CREATE TABLE breach_notice (
            mention_id INTEGER PRIMARY KEY REFERENCES mention(id) ON DELETE CASCADE,
            at INTEGER NOT NULL
        );
        INSERT INTO counter VALUES ('breaches_since', 0);
        """
}
