import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

/// Queries paged by rank key, as in the SQLite store: the plain queue and facet queries from the
/// rank index and the maintained counters; searches listed once from the full-text index when
/// few match (the keys kept until the store changes), read densely from the rank index when
/// many do.
extension PostgresStore {
    /// Searches matching more rows than this are read densely, not listed.
    static let listedAtMost = 30_000

    /// How a query is read (see the SQLite store's `Plan`).
    enum Plan: Equatable {
        case indexed, listed, dense
    }

    func conditions(_ query: Query, now: Date) -> QueryWhere { QueryWhere(query, now: now, person: person, targets: arrangement.current.targets) }

    /// How many items a query holds and since when the oldest waits.
    public func summary(_ query: Query, now: Date) throws -> QueueSummary {
        if query.isQueue { return try queueSummary() }
        let filter = conditions(query, now: now)
        let plan = try plan(query, filter)
        // Many matches are counted exactly after the first screen is drawn (see `exactCount`).
        if plan == .dense { return QueueSummary(waiting: Self.listedAtMost, oldest: nil, exact: false) }
        if plan == .listed { return RankKeys.summary(of: try listedKeys(query, filter)) }
        return try links.with { link in
            var count: Int
            var exact = true
            if query.scope == .waiting, !query.platforms.isEmpty, onlyPlatforms(query) {
                count = try link.rows("SELECT coalesce(sum(value), 0)::bigint FROM counter WHERE name = ANY($1::text[])",
                                      [.texts(query.platforms.map { "waiting:" + $0.rawValue })]).first?.decode(Int.self) ?? 0
            } else {
                let counting = filter.statement { clause, statement in
                    "SELECT count(*) FROM (SELECT 1 FROM mention m WHERE \(clause) LIMIT \(statement.bind(.int(Int64(Self.listedAtMost + 1))))) x"
                }
                let capped = try link.rows(counting).first?.decode(Int.self) ?? 0
                exact = capped <= Self.listedAtMost
                count = min(capped, Self.listedAtMost)
            }
            let oldest = filter.statement { clause, _ in "SELECT m.created_at FROM mention m WHERE \(clause) ORDER BY m.created_at, m.id LIMIT 1" }
            let first = try link.rows(oldest).first?.decode(Int64.self)
            return QueueSummary(waiting: count, oldest: first.map(Self.date), exact: exact)
        }
    }

    /// The waiting count (maintained by triggers) and the oldest waiting time (one index step).
    private func queueSummary() throws -> QueueSummary {
        try links.with { link in
            let rows = try link.rows("""
                SELECT (SELECT value FROM counter WHERE name = 'waiting'),
                       (SELECT created_at FROM mention WHERE state = 'waiting' ORDER BY created_at, id LIMIT 1)
                """)
            let (waiting, oldest) = try rows.first?.decode((Int64?, Int64?).self) ?? (nil, nil)
            return QueueSummary(waiting: Int(waiting ?? 0), oldest: oldest.map(Self.date))
        }
    }

    private func onlyPlatforms(_ query: Query) -> Bool {
        var bare = Query()
        bare.platforms = query.platforms
        return bare == query
    }

    /// A page of a query in rank order.
    public func page(_ query: Query, _ request: PageRequest, now: Date) throws -> [QueueItem] {
        let filter = conditions(query, now: now)
        if try plan(query, filter) == .listed { return try listedPage(try listedKeys(query, filter), request) }
        let page = pageStatement(filter, request, byPoints: byPriority)
        let items = try ranked(links.with { link in try pageItems(link, page.statement) })
        return page.newestFirst ? items.reversed() : items
    }

    /// The statement of a page read in rank order; `newestFirst` when its rows come reversed.
    /// `byPoints`: the rank is most points first, then wait (the priority index's order).
    func pageStatement(_ filter: QueryWhere, _ request: PageRequest, byPoints: Bool = false) -> (statement: Statement, newestFirst: Bool) {
        var statement = Statement()
        let clause = filter.clause(&statement)
        let select = "\(ItemRow.shown(session: session)) FROM mention m WHERE \(clause)"
        if byPoints {
            statement.sql = Self.pointsPage(select, request, &statement)
            return (statement, Self.isReversed(request))
        }
        switch request {
        case .first(let limit):
            statement.sql = "\(select) ORDER BY m.created_at, m.id LIMIT \(statement.bind(.int(Int64(limit))))"
            return (statement, false)
        case .last(let limit):
            statement.sql = "\(select) ORDER BY m.created_at DESC, m.id DESC LIMIT \(statement.bind(.int(Int64(limit))))"
            return (statement, true)
        case .after(let key, let limit):
            let at = statement.bind(.int(key.createdAt)), row = statement.bind(.int(key.row))
            statement.sql = "\(select) AND (m.created_at, m.id) > (\(at), \(row)) ORDER BY m.created_at, m.id LIMIT \(statement.bind(.int(Int64(limit))))"
            return (statement, false)
        case .before(let key, let limit):
            let at = statement.bind(.int(key.createdAt)), row = statement.bind(.int(key.row))
            statement.sql = "\(select) AND (m.created_at, m.id) < (\(at), \(row)) ORDER BY m.created_at DESC, m.id DESC LIMIT \(statement.bind(.int(Int64(limit))))"
            return (statement, true)
        }
    }

    /// The place of an item in a query.
    public func rank(of key: RankKey, in query: Query, now: Date) throws -> Int {
        let filter = conditions(query, now: now)
        if try plan(query, filter) == .listed { return RankKeys.insertionPoint(of: key, in: try listedKeys(query, filter)) }
        let byPoints = byPriority
        let before = filter.statement { clause, statement in
            let at = statement.bind(.int(key.createdAt)), row = statement.bind(.int(key.row))
            guard byPoints else { return "SELECT count(*) FROM mention m WHERE \(clause) AND (m.created_at, m.id) < (\(at), \(row))" }
            return "SELECT count(*) FROM mention m WHERE \(clause) AND (-m.priority, m.created_at, m.id) < (\(statement.bind(.int(-key.priority))), \(at), \(row))"
        }
        return try links.with { link in try link.rows(before).first?.decode(Int.self) ?? 0 }
    }

    /// Whether an item belongs to a query now.
    public func contains(_ key: RankKey, in query: Query, now: Date) throws -> Bool {
        let filter = conditions(query, now: now)
        if try plan(query, filter) == .listed { return RankKeys.contains(key, in: try listedKeys(query, filter)) }
        let one = filter.statement { clause, statement in "SELECT 1 FROM mention m WHERE m.id = \(statement.bind(.int(key.row))) AND \(clause)" }
        return try links.with { link in !(try link.rows(one).isEmpty) }
    }

    /// The exact count of a query.
    public func exactCount(_ query: Query, now: Date) throws -> Int {
        let counting = conditions(query, now: now).selecting("count(*)")
        return try links.with { link in try link.rows(counting).first?.decode(Int.self) ?? 0 }
    }

    /// Listed when the full-text part matches few rows (or the scope is not the rank index's),
    /// dense when it matches many, indexed when there is none.
    func plan(_ query: Query, _ filter: QueryWhere) throws -> Plan {
        guard let include = filter.match.include else { return filter.listed ? .listed : .indexed }
        guard query.scope == .waiting else { return .listed }
        let matches = try cachedQueries.matches(for: include) {
            try links.with { link in
                try link.rows("SELECT count(*) FROM (SELECT 1 FROM search WHERE doc @@ $1::tsquery LIMIT $2) x",
                              [.text(include), .int(Int64(Self.listedAtMost + 1))]).first?.decode(Int.self) ?? 0
            }
        }
        return matches <= Self.listedAtMost ? .listed : .dense
    }

    /// The rank keys of a listed query: kept while the store is unchanged, else found once.
    func listedKeys(_ query: Query, _ filter: QueryWhere) throws -> [RankKey] {
        let generation = cachedQueries.generation
        if let cached = cachedQueries.keys(for: query, generation: generation) { return cached }
        let found = filter.selecting("m.created_at, m.id, m.priority")
        let byPoints = byPriority
        let keys = try links.with { link in
            try link.rows(found).map { row in
                let (createdAt, id, priority) = try row.decode((Int64, Int64, Int64).self)
                return RankKey(createdAt: createdAt, row: id, priority: byPoints ? priority : 0)
            }
        }.sorted()
        cachedQueries.keep(keys, for: query, generation: generation)
        return keys
    }

    /// A page of a listed query: its keys' rows, looked up by id.
    func listedPage(_ keys: [RankKey], _ request: PageRequest) throws -> [QueueItem] {
        try RankKeys.page(request, of: keys) { ids in
            try ranked(links.with { link in
                try pageItems(link, Statement("\(ItemRow.shown(session: session)) FROM mention m WHERE m.id = ANY($1::bigint[])", [.ints(ids)]))
            })
        }
    }

    /// Waiting items per platform heed knows, from the maintained counters; a counter of a
    /// platform this heed does not know, with items waiting, is an error.
    public func platformCounts() throws -> [(platform: Platform, waiting: Int)] {
        let rows = try links.with { link in try link.rows("SELECT substr(name, 9), value FROM counter WHERE name LIKE 'waiting:%'") }
        return try PlatformWaiting.of(try rows.map { try $0.decode((String, Int).self) }, counter: { "waiting:" + $0 })
    }

    /// Forgets kept search results: the store changed under them.
    public func forgetCachedQueries() { cachedQueries.changed() }
}
