import Foundation
import GRDB
import HeedCore

extension Store {
    /// The SQL function that folds text for the full-text index (see `SearchText`).
    static let foldFunction = DatabaseFunction("heed_fold", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return "" }
        return SearchText.fold(text)
    }

    /// The last row the full-text index holds (rows are indexed in order of arrival).
    static func indexedUpTo(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM counter WHERE name = ?", arguments: [Counter.indexed]) ?? 0
    }

    /// Rows the full-text index does not hold yet (imported since it was last caught up).
    public func unindexedCount() throws -> Int {
        try writer.read { db in
            let indexed = try Self.indexedUpTo(db)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE id > ?", arguments: [indexed]) ?? 0
        }
    }

    /// Brings the full-text index up to date: rows are indexed in order of arrival, a batch a
    /// transaction, so an interrupted run leaves a consistent index that the next run goes on
    /// from. Returns how many rows it indexed; `progress` hears the running total.
    @discardableResult
    public func catchUpSearch(batch: Int, progress: ((Int) -> Void)?) throws -> Int {
        var total = 0
        while true {
            let done: Int = try bulkWrite { db in
                let indexed = try Self.indexedUpTo(db)
                guard let last = try Int64.fetchOne(db, sql: "SELECT id FROM mention WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?", arguments: [indexed, batch - 1])
                        ?? Int64.fetchOne(db, sql: "SELECT MAX(id) FROM mention WHERE id > ?", arguments: [indexed]) else { return 0 }
                try db.execute(sql: """
                    INSERT INTO search (rowid, who, body)
                    SELECT id, heed_fold(coalesce(author_handle, '') || ' ' || coalesce(author_name, '')), heed_fold(text)
                    FROM mention WHERE id > ? AND id <= ?
                    """, arguments: [indexed, last])
                let count = db.changesCount
                try db.execute(sql: "UPDATE counter SET value = ? WHERE name = ?", arguments: [last, Counter.indexed])
                return max(count, 1)
            }
            guard done > 0 else { return total }
            total += done
            progress?(total)
        }
    }
}
