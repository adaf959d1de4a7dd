import Foundation
import PostgresNIO

/// An import into an empty team store, loaded in bulk: the import takes `mention` for itself
/// until it ends (a teammate's heed waits meanwhile), drops the table's secondary indexes when
/// its first batch goes out and builds each again in one pass at the end, and copies its batches
/// straight into the table (`MovingBatch`). The key and the unique ref stay, so an item met
/// twice is still stored once. Everything happens in the import's transaction: should it fail,
/// the indexes come back with the rollback, and nobody ever sees the table without them.
///
/// A store that already holds items is never taken: everyday imports, fetches and queues go on
/// side by side. A whole store copied into an empty one (`CopyWriter`) takes the journal's
/// entries too: their references to items and actions are dropped and checked again, all at
/// once, at the end.
struct BulkLoad {
    /// The statements that build what was dropped again (indexes, then the journal's
    /// references), as the server prints them.
    let rebuild: [String]

    /// How long the import waits for a teammate's statement to let go of the table before it
    /// gives up the bulk load and goes the everyday way.
    static let lockWait = "2s"

    /// Takes the table when it is empty; nil when it is not, or is held for longer than
    /// `lockWait`. With `journal` (a whole store copied in), the journal's entries are taken
    /// too, and their references checked once at the end instead of one by one.
    static func begin(_ link: Link, journal: Bool = false) throws -> BulkLoad? {
        try link.execute("SAVEPOINT bulk")
        do {
            try link.execute("SET LOCAL lock_timeout = '\(lockWait)'")
            try link.execute("LOCK TABLE mention IN ACCESS EXCLUSIVE MODE")
            guard try link.rows("SELECT NOT EXISTS (SELECT 1 FROM mention)").first?.decode(Bool.self) == true else {
                try giveUp(link)
                return nil
            }
            let tables = journal ? ["mention", "journal_entry"] : ["mention"]
            if journal { try link.execute("LOCK TABLE journal_entry IN ACCESS EXCLUSIVE MODE") }
            let indexes = try link.rows("""
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = ANY($1::text[]::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique ORDER BY 1
                """, [.texts(tables)]).map { try $0.decode((String, String).self) }
            for (name, _) in indexes { try link.execute("DROP INDEX \(name)") }
            let references = journal ? try link.rows("""
                SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = 'journal_entry'::regclass AND contype = 'f' ORDER BY conname
                """).map { try $0.decode((String, String).self) } : []
            for (name, _) in references { try link.execute("ALTER TABLE journal_entry DROP CONSTRAINT \(name)") }
            try link.execute("SET LOCAL lock_timeout = DEFAULT")
            try link.execute("RELEASE SAVEPOINT bulk")
            return BulkLoad(rebuild: indexes.map(\.1) + references.map { "ALTER TABLE journal_entry ADD CONSTRAINT \($0.0) \($0.1)" })
        } catch where PostgresFailure.state(error) == "55P03" {
            try giveUp(link)
            return nil
        }
    }

    private static func giveUp(_ link: Link) throws {
        try link.execute("ROLLBACK TO SAVEPOINT bulk")
        try link.execute("RELEASE SAVEPOINT bulk")
    }

    /// Ends the load: items answered elsewhere before they arrived become replied (as the
    /// everyday way brings them in), the indexes are built again (and the journal's references
    /// checked), and the table's statistics are taken for the first queue's plans.
    func finish(_ link: Link, after lastBefore: Int64) throws {
        try link.execute("""
            WITH used AS (
                DELETE FROM answered_elsewhere x USING mention m
                WHERE m.id > $1 AND m.state = 'waiting' AND x.platform = m.platform AND x.native_id = m.native_id
                RETURNING m.id, x.at)
            UPDATE mention m SET state = 'replied', state_at = used.at FROM used WHERE m.id = used.id
            """, [.int(lastBefore)])
        for statement in rebuild { try link.execute(statement) }
        try link.execute("ANALYZE mention")
    }
}
