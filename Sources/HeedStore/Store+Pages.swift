import Foundation
import GRDB
import HeedCore

/// Queries paged by rank key: the plain queue and facet queries from the rank index and the
/// maintained counters, searches listed once from the full-text or tag index when few match,
/// or read densely from the rank index when many do. Ranked by priority, a page is read band
/// by band (`Store+Priority`).
extension Store {
    /// How many items a query holds and since when the oldest waits. The plain queue's count is
    /// maintained; a platform query's too; other queries are counted on the rank index, or
    /// listed once by the full-text or tag index and kept until the store changes.
    public func summary(_ query: Query, now: Date) throws -> QueueSummary {
        if query.isQueue { return try queueSummary() }
        let sql = querySQL(query, now: now)
        switch try plan(query, sql) {
        case .listed:
            let keys = try listedKeys(query, sql)
            return QueueSummary(waiting: keys.count, oldest: keys.map(\.createdAt).min().map(Self.date))
        case .dense:
            // Counting exactly costs a lookup per match: the screen shows "30,000+" with its
            // first page (whose first item is the oldest), and the exact count right after.
            return QueueSummary(waiting: Self.listedAtMost, oldest: nil, exact: false)
        case .indexed:
            break
        }
        return try writer.read { db in
            let count: Int
            var exact = true
            if query.scope == .waiting, !query.platforms.isEmpty, onlyPlatforms(query) {
                count = try Int.fetchOne(db, sql: "SELECT SUM(value) FROM counter WHERE name IN (\(query.platforms.map { _ in "?" }.joined(separator: ", ")))",
                                         arguments: StatementArguments(query.platforms.map { Counter.waiting($0.rawValue) })) ?? 0
            } else {
                // Counted up to the limit: past it the screen shows "30,000+" and counts after drawing.
                let capped = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM mention WHERE \(sql.whereClause) LIMIT ?)",
                                              arguments: StatementArguments(sql.arguments + [Self.listedAtMost + 1])) ?? 0
                exact = capped <= Self.listedAtMost
                count = min(capped, Self.listedAtMost)
            }
            let oldest = try Int64.fetchOne(db, sql: "SELECT created_at FROM mention WHERE \(sql.whereClause) ORDER BY created_at, id LIMIT 1", arguments: sql.statementArguments)
            return QueueSummary(waiting: count, oldest: oldest.map(Self.date), exact: exact)
        }
    }

    /// The waiting count (maintained by triggers) and the oldest waiting time (one index step).
    private func queueSummary() throws -> QueueSummary {
        try writer.read { db in
            let waiting = try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = ?", arguments: [Counter.waiting]) ?? 0
            let oldest = try Int64.fetchOne(db, sql: "SELECT created_at FROM mention WHERE state = \(StoredState.waiting.sql) ORDER BY created_at, id LIMIT 1")
            return QueueSummary(waiting: waiting, oldest: oldest.map(Self.date))
        }
    }

    private func onlyPlatforms(_ query: Query) -> Bool {
        var bare = Query()
        bare.platforms = query.platforms
        return bare == query
    }

    /// A page of a query in rank order.
    public func page(_ query: Query, _ request: PageRequest, now: Date) throws -> [QueueItem] {
        let sql = querySQL(query, now: now)
        let plan = try plan(query, sql)
        if plan == .listed { return try listedPage(try listedKeys(query, sql), request) }
        // A dense search scans the rank index in order and checks each row against the matches.
        let page = byPriority ? Self.priorityPageStatement(sql, request, dense: plan == .dense)
            : Self.pageStatement(sql, request, from: plan == .indexed ? "mention" : "mention INDEXED BY mention_rank")
        let items = try writer.read { db in try Self.pageItems(db, page.statement) }
        return ranked(page.newestFirst ? items.reversed() : items)
    }

    /// The statement of a page read in rank order from `from` (the table, with the rank index
    /// forced when the planner must not choose); `newestFirst` when its rows come reversed.
    static func pageStatement(_ sql: QuerySQL, _ request: PageRequest, from: String = "mention") -> (statement: SQLStatement, newestFirst: Bool) {
        let select = "\(MentionRow.select) FROM \(from) WHERE \(sql.whereClause)"
        let base = sql.arguments
        switch request {
        case .first(let limit):
            return (SQLStatement("\(select) ORDER BY created_at, id LIMIT ?", StatementArguments(base + [limit])), false)
        case .last(let limit):
            return (SQLStatement("\(select) ORDER BY created_at DESC, id DESC LIMIT ?", StatementArguments(base + [limit])), true)
        case .after(let key, let limit):
            return (SQLStatement("\(select) AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?", StatementArguments(base + [key.createdAt, key.row, limit])), false)
        case .before(let key, let limit):
            return (SQLStatement("\(select) AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?", StatementArguments(base + [key.createdAt, key.row, limit])), true)
        }
    }

    /// The place of an item in a query (a count on the index, or a search in the listed keys).
    public func rank(of key: RankKey, in query: Query, now: Date) throws -> Int {
        let sql = querySQL(query, now: now)
        if try plan(query, sql) == .listed {
            return RankKeys.insertionPoint(of: key, in: try listedKeys(query, sql))
        }
        let before = byPriority ? "(priority > ? OR (priority = ? AND (created_at, id) < (?, ?)))" : "(created_at, id) < (?, ?)"
        let keyArguments: [DatabaseValueConvertible?] = byPriority ? [key.priority, key.priority, key.createdAt, key.row] : [key.createdAt, key.row]
        return try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE \(sql.whereClause) AND \(before)",
                             arguments: StatementArguments(sql.arguments + keyArguments)) ?? 0
        }
    }

    /// Whether an item belongs to a query now.
    public func contains(_ key: RankKey, in query: Query, now: Date) throws -> Bool {
        let sql = querySQL(query, now: now)
        if try plan(query, sql) == .listed {
            return RankKeys.contains(key, in: try listedKeys(query, sql))
        }
        return try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM mention WHERE id = ? AND \(sql.whereClause)", arguments: StatementArguments([key.row] + sql.arguments)) ?? false
        }
    }

    /// The exact count of a query whose summary was an estimate (a dense search).
    public func exactCount(_ query: Query, now: Date) throws -> Int {
        let sql = querySQL(query, now: now)
        let count = sql.driven("COUNT(*)") ?? SQLStatement("SELECT COUNT(*) FROM mention WHERE \(sql.whereClause)", sql.statementArguments)
        return try writer.read { db in try Int.fetchOne(db, sql: count.sql, arguments: count.arguments) ?? 0 }
    }

    /// How a query is read: from the rank index (facets only), from a key list made once (a
    /// search with few matches, or a scope the rank index does not hold), or from the rank
    /// index checked against the matches (a search that matches much of the store).
    enum Plan: Equatable {
        case indexed, listed, dense
    }

    /// Searches matching more rows than this are read densely, not listed.
    static let listedAtMost = 30_000

    func plan(_ query: Query, _ sql: QuerySQL) throws -> Plan {
        guard let driver = sql.driver else { return sql.listed ? .listed : .indexed }
        guard query.scope == .waiting else { return .listed }
        let matches = try cachedQueries.matches(for: driver.name) {
            // Counted up to the limit only: a match of most of the store is not counted here.
            let count: SQLStatement
            switch driver {
            case .text(let include): count = SQLStatement("SELECT COUNT(*) FROM (SELECT 1 FROM search WHERE search MATCH ? LIMIT ?)", [include, Self.listedAtMost + 1])
            case .tag(let tag): count = SQLStatement("SELECT COUNT(*) FROM (SELECT 1 FROM mention_tag WHERE tag = ? LIMIT ?)", [tag, Self.listedAtMost + 1])
            }
            return try writer.read { db in try Int.fetchOne(db, sql: count.sql, arguments: count.arguments) ?? 0 }
        }
        return matches <= Self.listedAtMost ? .listed : .dense
    }
}
