import Foundation
import GRDB
import HeedCore

/// Queries read from a key list made once (a search with few matches, or a scope the rank
/// index does not hold), kept until the store changes.
extension Store {
    /// The rank keys of a listed query: from the cache while the store is unchanged, else found
    /// once (the full-text or tag index drives, each match is checked against the rest of the
    /// query).
    func listedKeys(_ query: Query, _ sql: QuerySQL) throws -> [RankKey] {
        let generation = cachedQueries.generation
        if let cached = cachedQueries.keys(for: query, generation: generation) { return cached }
        let found = sql.driven("mention.created_at, mention.id, mention.priority")
            ?? SQLStatement("SELECT created_at, id, priority FROM mention WHERE \(sql.whereClause)", sql.statementArguments)
        let byPriority = byPriority
        let keys: [RankKey] = try writer.read { db in
            var keys: [RankKey] = []
            let rows = try Row.fetchCursor(db, sql: found.sql, arguments: found.arguments)
            while let row = try rows.next() { keys.append(RankKey(createdAt: row[0], row: row[1], priority: byPriority ? row[2] : 0)) }
            return keys
        }
        let sorted = keys.sorted()
        cachedQueries.keep(sorted, for: query, generation: generation)
        return sorted
    }

    /// A page of a listed query: its keys' rows, looked up by id.
    func listedPage(_ keys: [RankKey], _ request: PageRequest) throws -> [QueueItem] {
        try RankKeys.page(request, of: keys) { ids in
            ranked(try writer.read { db in
                try Self.pageItems(db, SQLStatement("\(MentionRow.select) FROM mention WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))", StatementArguments(ids)))
            })
        }
    }
}

extension Store {
    /// Waiting items per platform heed knows, from the maintained counters (a platform none of
    /// whose items ever waited has no counter: it counts 0). A counter of waiting items of a
    /// platform this heed does not know is an error, as such an item is.
    public func platformCounts() throws -> [(platform: Platform, waiting: Int)] {
        let rows = try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT substr(name, ?) AS platform, value FROM counter WHERE name LIKE ? || '%'",
                             arguments: [Counter.platformPrefix.count + 1, Counter.platformPrefix])
        }
        return try PlatformWaiting.of(rows.map { ($0["platform"], $0["value"]) }, counter: Counter.waiting)
    }

    /// A number that changes whenever another connection (another heed) commits a change;
    /// this store's own writes leave it alone.
    public func othersChanges() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// Forgets kept search results: the store changed under them.
    public func forgetCachedQueries() { cachedQueries.changed() }
}
