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
        var counts: [ThreadKey: Int] = [:]
        let statement = try db.cachedStatement(sql: "SELECT COUNT(*) FROM mention WHERE platform = ? AND conversation = ? AND state IN ('waiting', 'snoozed')")
        for key in keys {
            counts[key] = try Int.fetchOne(statement, arguments: [key.platform, key.conversation]) ?? 0
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
