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
        let range: Range<Int>
        switch request {
        case .first(let limit): range = 0..<min(limit, keys.count)
        case .last(let limit): range = max(0, keys.count - limit)..<keys.count
        case .after(let key, let limit):
            let start = Self.insertionPoint(of: RankKey(createdAt: key.createdAt, row: key.row + 1, priority: key.priority), in: keys)
            range = start..<min(keys.count, start + limit)
        case .before(let key, let limit):
            let end = Self.insertionPoint(of: key, in: keys)
            range = max(0, end - limit)..<end
        }
        guard !range.isEmpty else { return [] }
        let ids = keys[range].map(\.row)
        let items: [QueueItem] = try writer.read { db in
            try Self.pageItems(db, SQLStatement("\(MentionRow.select) FROM mention WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))", StatementArguments(ids)))
        }
        return ranked(items).sorted { $0.key < $1.key }
    }

    /// The index of the first key not below `key`.
    static func insertionPoint(of key: RankKey, in keys: [RankKey]) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
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
        var counts: [Platform: Int] = [:]
        for row in rows {
            let name: String = row["platform"]
            let value: Int = row["value"]
            guard let platform = Platform(rawValue: name) else {
                if value > 0 { throw StoreError.unknownPlatform(name, row: "\(value) waiting, counter '\(Counter.waiting(name))'") }
                continue
            }
            counts[platform] = value
        }
        return Platform.allCases.map { ($0, counts[$0] ?? 0) }
            .sorted { ($0.1, $1.0.rawValue) > ($1.1, $0.0.rawValue) }
    }

    /// A number that changes whenever another connection (another heed) commits a change;
    /// this store's own writes leave it alone.
    public func othersChanges() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// Forgets kept search results: the store changed under them.
    public func forgetCachedQueries() { cachedQueries.changed() }
}
