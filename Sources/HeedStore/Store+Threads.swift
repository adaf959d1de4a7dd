import Foundation
import GRDB
import HeedCore

extension Store {
    /// Every item of a conversation, oldest first, whatever its state (at most `limit`, the
    /// newest kept when there are more).
    public func thread(of ref: Ref, limit: Int) throws -> [QueueItem] {
        try writer.read { db in
            guard let conversation = try String.fetchOne(db, sql: "SELECT conversation FROM mention WHERE platform = ? AND native_id = ?", arguments: [ref.platform.rawValue, ref.id]) else {
                return try Self.items(db, SQLStatement("\(MentionRow.select) FROM mention WHERE platform = ? AND native_id = ?", [ref.platform.rawValue, ref.id]))
            }
            return try Self.items(db, SQLStatement("\(MentionRow.select) FROM mention WHERE platform = ? AND conversation = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                                                   [ref.platform.rawValue, conversation, limit])).reversed()
        }
    }

    /// Fills in how many items of each item's conversation are open (waiting or snoozed).
    static func countThreads(_ db: Database, _ items: [QueueItem]) throws -> [QueueItem] {
        let keys = Set(items.compactMap { item in item.mention.conversation.map { ThreadKey(platform: item.mention.platform.rawValue, conversation: $0) } })
        guard !keys.isEmpty else { return items }
        var counts: [ThreadKey: Int] = [:]
        let count = threadCounts(Array(keys))
        let rows = try Row.fetchCursor(db, sql: count.sql, arguments: count.arguments)
        while let row = try rows.next() {
            counts[ThreadKey(platform: row[0], conversation: row[1])] = row[2]
        }
        return items.map { item in
            var item = item
            if let conversation = item.mention.conversation {
                item.thread = counts[ThreadKey(platform: item.mention.platform.rawValue, conversation: conversation)] ?? 1
            }
            return item
        }
    }

    /// One statement for a page's conversations: each is a lookup on the thread index.
    static func threadCounts(_ keys: [ThreadKey]) -> SQLStatement {
        let values = keys.map { _ in "(?, ?)" }.joined(separator: ", ")
        return SQLStatement("""
            SELECT v.column1, v.column2, COUNT(*) FROM (VALUES \(values)) AS v
            CROSS JOIN mention m ON m.platform = v.column1 AND m.conversation = v.column2
            WHERE m.state IN \(StoredState.open.sql) GROUP BY 1, 2
            """, StatementArguments(keys.flatMap { [$0.platform, $0.conversation] }))
    }

    /// A conversation: its platform and its id there.
    struct ThreadKey: Hashable {
        var platform: String
        var conversation: String
    }
}
