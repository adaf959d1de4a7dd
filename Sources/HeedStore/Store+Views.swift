import Foundation
import GRDB
import HeedCore

/// A query in SQL: the conditions on `mention` and their arguments.
struct ViewSQL {
    var conditions: [String] = []
    var arguments: [DatabaseValueConvertible?] = []
    /// Whether the rows are listed from a key list made once (full-text or unindexed scopes)
    /// rather than paged from the rank index.
    var listed = false
    /// The full-text part that must match, when there is one (also among `conditions`).
    var include: String?
    /// `conditions` and `arguments` without the full-text inclusion, for when the full-text
    /// index drives the query.
    var rest: (conditions: [String], arguments: [DatabaseValueConvertible?]) = ([], [])

    init(_ query: Query, now: Date) {
        switch query.scope {
        case .waiting: conditions.append("state = 'waiting'")
        case .snoozed: conditions.append("state = 'snoozed'")
        case .answered: conditions.append("state IN ('acknowledged', 'replied')")
        case .all: break
        }
        // Unary + keeps SQLite from paging by the (platform, native_id) key instead of the rank.
        add("+platform", query.platforms.map(\.rawValue), negated: false)
        add("+platform", query.excludedPlatforms.map(\.rawValue), negated: true)
        add("+kind", query.kinds.map(\.rawValue), negated: false)
        add("+kind", query.excludedKinds.map(\.rawValue), negated: true)
        if let olderThan = query.olderThan {
            conditions.append("created_at < ?")
            arguments.append(Store.milliseconds(now.addingTimeInterval(-olderThan)))
        }
        if let newerThan = query.newerThan {
            conditions.append("created_at > ?")
            arguments.append(Store.milliseconds(now.addingTimeInterval(-newerThan)))
        }
        let match = SearchText.match(query)
        if let exclude = match.exclude {
            conditions.append("id NOT IN (SELECT rowid FROM search WHERE search MATCH ?)")
            arguments.append(exclude)
        }
        rest = (conditions, arguments)
        if let include = match.include {
            self.include = include
            conditions.append("id IN (SELECT rowid FROM search WHERE search MATCH ?)")
            arguments.append(include)
        }
        listed = match.include != nil || query.scope == .answered || query.scope == .all
    }

    private mutating func add(_ column: String, _ values: [String], negated: Bool) {
        guard !values.isEmpty else { return }
        conditions.append("\(column) \(negated ? "NOT IN" : "IN") (\(values.map { _ in "?" }.joined(separator: ", ")))")
        arguments += values.sorted().map { $0 as DatabaseValueConvertible? }
    }

    var whereClause: String { conditions.isEmpty ? "1" : conditions.joined(separator: " AND ") }
    var statementArguments: StatementArguments { StatementArguments(arguments) }
}

extension Store {
    /// How many items a view holds and since when the oldest waits. The plain queue's count is
    /// maintained; a platform view's too; other views are counted on the rank index, or
    /// listed once by the full-text index and kept until the store changes.
    public func summary(_ query: Query, now: Date) throws -> QueueSummary {
        if query.isQueue { return try summary() }
        let sql = ViewSQL(query, now: now)
        switch try plan(query, sql) {
        case .listed:
            let keys = try listedKeys(query, sql)
            return QueueSummary(waiting: keys.count, oldest: keys.first.map { Self.date($0.createdAt) })
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
                                         arguments: StatementArguments(query.platforms.map { "waiting:" + $0.rawValue })) ?? 0
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

    private func onlyPlatforms(_ query: Query) -> Bool {
        var bare = Query()
        bare.platforms = query.platforms
        return bare == query
    }

    /// A page of a view in rank order.
    public func page(_ query: Query, _ request: PageRequest, now: Date) throws -> [QueueItem] {
        if query.isQueue { return try page(request) }
        let sql = ViewSQL(query, now: now)
        let plan = try plan(query, sql)
        if plan == .listed { return try listedPage(try listedKeys(query, sql), request) }
        // A dense search scans the rank index in order and checks each row against the matches.
        let from = plan == .indexed ? "mention" : "mention INDEXED BY mention_rank"
        return try writer.read { db in
            let select = "\(MentionRow.select) FROM \(from) WHERE \(sql.whereClause)"
            let base = sql.arguments
            switch request {
            case .first(let limit):
                return try Self.pageItems(db, "\(select) ORDER BY created_at, id LIMIT ?", StatementArguments(base + [limit]))
            case .last(let limit):
                return try Self.pageItems(db, "\(select) ORDER BY created_at DESC, id DESC LIMIT ?", StatementArguments(base + [limit])).reversed()
            case .after(let key, let limit):
                return try Self.pageItems(db, "\(select) AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?", StatementArguments(base + [key.createdAt, key.row, limit]))
            case .before(let key, let limit):
                return try Self.pageItems(db, "\(select) AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?", StatementArguments(base + [key.createdAt, key.row, limit])).reversed()
            }
        }
    }

    /// The place of an item in a view (a count on the index, or a search in the listed keys).
    public func rank(of key: RankKey, in query: Query, now: Date) throws -> Int {
        if query.isQueue { return try rank(of: key) }
        let sql = ViewSQL(query, now: now)
        if try plan(query, sql) == .listed {
            let keys = try listedKeys(query, sql)
            return Self.insertionPoint(of: key, in: keys)
        }
        return try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE \(sql.whereClause) AND (created_at, id) < (?, ?)",
                             arguments: StatementArguments(sql.arguments + [key.createdAt, key.row])) ?? 0
        }
    }

    /// Every item of a view in rank order, for bulk actions, without holding the items.
    func viewRowIDs(_ db: Database, _ query: Query, now: Date) throws -> [Int64] {
        let sql = ViewSQL(query, now: now)
        return try Int64.fetchAll(db, sql: "SELECT id FROM mention WHERE \(sql.whereClause)", arguments: sql.statementArguments)
    }

    /// How a view is read: from the rank index (facets only), from a key list made once (a
    /// search with few matches, or a scope the rank index does not hold), or from the rank
    /// index checked against the matches (a search that matches much of the store).
    enum Plan: Equatable {
        case indexed, listed, dense
    }

    /// Searches matching more rows than this are read densely, not listed.
    static let listedAtMost = 30_000

    func plan(_ query: Query, _ sql: ViewSQL) throws -> Plan {
        guard let include = sql.include else { return sql.listed ? .listed : .indexed }
        guard query.scope == .waiting else { return .listed }
        let generation = views.generation
        let matches: Int
        if let known = views.matches(for: include, generation: generation) {
            matches = known
        } else {
            // Counted up to the limit only: a match of most of the store is not counted here.
            matches = try writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM search WHERE search MATCH ? LIMIT ?)", arguments: [include, Self.listedAtMost + 1]) ?? 0
            }
            views.keep(matches: matches, for: include, generation: generation)
        }
        return matches <= Self.listedAtMost ? .listed : .dense
    }

    /// The exact count of a view whose summary was an estimate (a dense search).
    public func exactCount(_ query: Query, now: Date) throws -> Int {
        let sql = ViewSQL(query, now: now)
        guard let include = sql.include else {
            return try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE \(sql.whereClause)", arguments: sql.statementArguments) ?? 0 }
        }
        let rest = sql.rest.conditions.isEmpty ? "" : " AND " + sql.rest.conditions.joined(separator: " AND ")
        return try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM search CROSS JOIN mention ON mention.id = search.rowid WHERE search MATCH ?\(rest)",
                             arguments: StatementArguments([include] + sql.rest.arguments)) ?? 0
        }
    }

    // MARK: - Listed views

    /// The rank keys of a listed view: from the cache while the store is unchanged, else found
    /// once (the full-text index drives, each match is checked against the rest of the query).
    func listedKeys(_ query: Query, _ sql: ViewSQL) throws -> [RankKey] {
        let generation = views.generation
        if let cached = views.keys(for: query, generation: generation) { return cached }
        let keys: [RankKey] = try writer.read { db in
            var keys: [RankKey] = []
            let rows: RowCursor
            if let include = sql.include {
                let rest = sql.rest.conditions.isEmpty ? "" : " AND " + sql.rest.conditions.joined(separator: " AND ")
                rows = try Row.fetchCursor(db, sql: "SELECT m.created_at, m.id FROM search CROSS JOIN mention m ON m.id = search.rowid WHERE search MATCH ?\(rest)",
                                           arguments: StatementArguments([include] + sql.rest.arguments))
            } else {
                rows = try Row.fetchCursor(db, sql: "SELECT created_at, id FROM mention WHERE \(sql.whereClause)", arguments: sql.statementArguments)
            }
            while let row = try rows.next() { keys.append(RankKey(createdAt: row[0], row: row[1])) }
            return keys
        }
        let sorted = keys.sorted()
        views.keep(sorted, for: query, generation: generation)
        return sorted
    }

    private func listedPage(_ keys: [RankKey], _ request: PageRequest) throws -> [QueueItem] {
        let range: Range<Int>
        switch request {
        case .first(let limit): range = 0..<min(limit, keys.count)
        case .last(let limit): range = max(0, keys.count - limit)..<keys.count
        case .after(let key, let limit):
            let start = Self.insertionPoint(of: RankKey(createdAt: key.createdAt, row: key.row + 1), in: keys)
            range = start..<min(keys.count, start + limit)
        case .before(let key, let limit):
            let end = Self.insertionPoint(of: key, in: keys)
            range = max(0, end - limit)..<end
        }
        guard !range.isEmpty else { return [] }
        let ids = keys[range].map(\.row)
        let items: [QueueItem] = try writer.read { db in
            try Self.pageItems(db, "\(MentionRow.select) FROM mention WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))", StatementArguments(ids))
        }
        return items.sorted { $0.key < $1.key }
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
    /// Whether an item belongs to a view now.
    public func contains(_ key: RankKey, in query: Query, now: Date) throws -> Bool {
        if query.isQueue {
            return try writer.read { db in try Bool.fetchOne(db, sql: "SELECT state = 'waiting' FROM mention WHERE id = ?", arguments: [key.row]) ?? false }
        }
        let sql = ViewSQL(query, now: now)
        if try plan(query, sql) == .listed {
            let keys = try listedKeys(query, sql)
            let index = Self.insertionPoint(of: key, in: keys)
            return keys.indices.contains(index) && keys[index] == key
        }
        return try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM mention WHERE id = ? AND \(sql.whereClause)", arguments: StatementArguments([key.row] + sql.arguments)) ?? false
        }
    }

    /// Waiting items per platform, from the maintained counters.
    public func platformCounts() throws -> [(platform: Platform, waiting: Int)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT substr(name, 9) AS platform, value FROM counter WHERE name LIKE 'waiting:%' ORDER BY value DESC, name").compactMap { row in
                Platform(rawValue: row["platform"]).map { ($0, row["value"]) }
            }
        }
    }

    /// A number that changes whenever another connection (another heed) commits a change;
    /// this store's own writes leave it alone.
    public func othersChanges() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// Forgets kept search results: the store changed under them.
    public func forgetViews() { views.changed() }
}
