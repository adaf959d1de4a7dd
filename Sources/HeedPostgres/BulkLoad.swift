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
/// side by side.
struct BulkLoad {
    /// The statements that build the dropped indexes again, as the server prints them.
    let indexes: [String]

    /// How long the import waits for a teammate's statement to let go of the table before it
    /// gives up the bulk load and goes the everyday way.
    static let lockWait = "2s"

    /// Takes the table when it is empty; nil when it is not, or is held for longer than
    /// `lockWait`.
    static func begin(_ link: Link) throws -> BulkLoad? {
        try link.execute("SAVEPOINT bulk")
        do {
            try link.execute("SET LOCAL lock_timeout = '\(lockWait)'")
            try link.execute("LOCK TABLE mention IN ACCESS EXCLUSIVE MODE")
            guard try link.rows("SELECT NOT EXISTS (SELECT 1 FROM mention)").first?.decode(Bool.self) == true else {
                try giveUp(link)
                return nil
            }
            let found = try link.rows("""
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = 'mention'::regclass AND NOT i.indisprimary AND NOT i.indisunique ORDER BY 1
                """).map { try $0.decode((String, String).self) }
            for (name, _) in found { try link.execute("DROP INDEX \(name)") }
            try link.execute("SET LOCAL lock_timeout = DEFAULT")
            try link.execute("RELEASE SAVEPOINT bulk")
            return BulkLoad(indexes: found.map(\.1))
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
    /// everyday way brings them in), the indexes are built again, and the table's statistics
    /// are taken for the first queue's plans.
    func finish(_ link: Link, after lastBefore: Int64) throws {
        try link.execute("""
            WITH used AS (
                DELETE FROM answered_elsewhere x USING mention m
                WHERE m.id > $1 AND m.state = 'waiting' AND x.platform = m.platform AND x.native_id = m.native_id
                RETURNING m.id, x.at)
            UPDATE mention m SET state = 'replied', state_at = used.at FROM used WHERE m.id = used.id
            """, [.int(lastBefore)])
        for index in indexes { try link.execute(index) }
        try link.execute("ANALYZE mention")
    }
}
