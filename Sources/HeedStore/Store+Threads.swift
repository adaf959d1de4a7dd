import Foundation
import GRDB
import HeedCore

extension Store {
    /// Every item of a conversation, oldest first, whatever its state (at most `limit`, the
    /// newest kept when there are more).
    public func thread(of ref: Ref, limit: Int = 200) throws -> [QueueItem] {
        try writer.read { db in
            guard let conversation = try String.fetchOne(db, sql: "SELECT conversation FROM mention WHERE platform = ? AND native_id = ?", arguments: [ref.platform.rawValue, ref.id]) else {
                return try Self.items(db, "\(MentionRow.select) FROM mention WHERE platform = ? AND native_id = ?", [ref.platform.rawValue, ref.id])
            }
            return try Self.items(db, "\(MentionRow.select) FROM mention WHERE platform = ? AND conversation = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                                  [ref.platform.rawValue, conversation, limit]).reversed()
        }
    }

    /// Fills in how many items of each item's conversation are open (waiting or snoozed).
    static func countThreads(_ db: Database, _ items: [QueueItem]) throws -> [QueueItem] {
        let keys = Set(items.compactMap { item in item.mention.conversation.map { ThreadKey(platform: item.mention.platform.rawValue, conversation: $0) } })
        guard !keys.isEmpty else { return items }
        // One statement for the page: each conversation is a lookup on the thread index.
        var counts: [ThreadKey: Int] = [:]
        let list = Array(keys)
        let values = list.map { _ in "(?, ?)" }.joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT v.column1, v.column2, COUNT(*) FROM (VALUES \(values)) AS v
            CROSS JOIN mention m ON m.platform = v.column1 AND m.conversation = v.column2
            WHERE m.state IN ('waiting', 'snoozed') GROUP BY 1, 2
            """, arguments: StatementArguments(list.flatMap { [$0.platform, $0.conversation] }))
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

    struct ThreadKey: Hashable {
        var platform: String
        var conversation: String
    }
}
