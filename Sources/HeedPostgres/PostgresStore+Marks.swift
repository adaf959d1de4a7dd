import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

/// Response targets, ranking by priority points, tags and breaches on the team store: the
/// same promises as the SQLite store's, in PostgreSQL's terms (tags an array with a GIN index,
/// the priority order an index of its own, breaches claimed under the counter's row lock).
extension PostgresStore {
    /// How far back a claim looks at most: breaches older than this, while no heed watched,
    /// are passed over rather than announced late.
    static let breachWindow: Int64 = 86_400_000

    /// Sets the targets the due terms and the stats are measured against, and the rank order.
    public func configure(targets: ResponseTargets?, rank: RankOrder) {
        arrangement.set(targets, rank)
        cachedQueries.changed()
    }

    /// Whether the queue is ranked by priority points first.
    var byPriority: Bool { arrangement.byPriority }

    /// Items with their keys as this store ranks them.
    func ranked(_ items: [QueueItem]) -> [QueueItem] { arrangement.ranked(items) }

    /// A page ordered by most points first, then wait: `select` (its conditions written) with
    /// the key's bound and the order; read backwards for `.last` and `.before`.
    static func pointsPage(_ select: String, _ request: PageRequest, _ statement: inout Statement) -> String {
        let forward = "ORDER BY m.priority DESC, m.created_at, m.id"
        let backward = "ORDER BY m.priority, m.created_at DESC, m.id DESC"
        func bound(_ key: RankKey, _ comparison: String) -> String {
            " AND (-m.priority, m.created_at, m.id) \(comparison) (\(statement.bind(.int(-key.priority))), \(statement.bind(.int(key.createdAt))), \(statement.bind(.int(key.row))))"
        }
        switch request {
        case .first(let limit): return "\(select) \(forward) LIMIT \(statement.bind(.int(Int64(limit))))"
        case .last(let limit): return "\(select) \(backward) LIMIT \(statement.bind(.int(Int64(limit))))"
        case .after(let key, let limit): return "\(select)\(bound(key, ">")) \(forward) LIMIT \(statement.bind(.int(Int64(limit))))"
        case .before(let key, let limit): return "\(select)\(bound(key, "<")) \(backward) LIMIT \(statement.bind(.int(Int64(limit))))"
        }
    }

    /// Whether a page request reads its rows newest first.
    static func isReversed(_ request: PageRequest) -> Bool {
        switch request {
        case .first, .after: false
        case .last, .before: true
        }
    }

    /// Adds and removes tags on the items of a selection (whatever their state) as one action;
    /// items whose tags would not change are left out of it.
    @discardableResult
    public func tag(_ selection: Selection, adding: [String], removing: [String], at date: Date) throws -> AnswerResult {
        let adding = adding.compactMap(Tag.normal), removing = Array(Set(removing.compactMap(Tag.normal)))
        return try links.transaction { link in
            var result = AnswerResult(changed: [], alreadyAnswered: [], unknown: [])
            var statement = Statement()
            let locked: String
            switch selection {
            case .view(let query):
                locked = conditions(query, now: date).clause(&statement)
            case .refs(let refs), .threads(let refs):
                var threads = false
                if case .threads = selection { threads = true }
                let (ids, _) = try candidates(link, refs, threads: threads, result: &result)
                locked = "m.id = ANY(\(statement.bind(.ints(ids)))::bigint[])"
            }
            let add = statement.bind(.texts(adding)), remove = statement.bind(.texts(removing))
            let at = statement.bind(.int(Self.milliseconds(date))), who = statement.bind(.text(person))
            let detail = statement.bind(.text((adding.map { "+" + $0 } + removing.sorted().map { "-" + $0 }).joined(separator: " ")))
            let state = "state, state_at, state_by, draft_id, snoozed_until, assignee"
            statement.sql = """
                WITH l AS (SELECT m.id, m.tags, m.priority, m.\(state.replacingOccurrences(of: ", ", with: ", m.")) FROM mention m WHERE \(locked) ORDER BY m.id FOR UPDATE),
                c AS (SELECT l.*, ARRAY(SELECT DISTINCT t COLLATE "C" FROM unnest(array_cat(ARRAY(SELECT x FROM unnest(l.tags) x WHERE NOT x = ANY(\(remove)::text[])),
                          \(add)::text[])) t ORDER BY 1) AS new_tags FROM l),
                d AS (SELECT * FROM c WHERE new_tags IS DISTINCT FROM tags),
                j AS (INSERT INTO journal (at, action, person, detail) SELECT \(at), 'tag', \(who), \(detail) WHERE EXISTS (SELECT 1 FROM d) RETURNING id),
                e AS (INSERT INTO journal_entry (journal_id, mention_id, old_\(state.replacingOccurrences(of: ", ", with: ", old_")),
                          new_\(state.replacingOccurrences(of: ", ", with: ", new_")), marks, old_tags, new_tags, old_priority, new_priority)
                      SELECT j.id, d.id, d.\(state.replacingOccurrences(of: ", ", with: ", d.")), d.\(state.replacingOccurrences(of: ", ", with: ", d.")),
                          true, d.tags, d.new_tags, d.priority, d.priority FROM d, j),
                u AS (UPDATE mention m SET tags = d.new_tags FROM d WHERE m.id = d.id RETURNING m.id, m.platform, m.native_id)
                SELECT id, platform, native_id, count(*) OVER () FROM u ORDER BY id LIMIT \(statement.bind(.int(Int64(Self.reportedRefs))))
                """
            for row in try link.rows(statement) {
                let (id, platform, nativeID, count) = try row.decode((Int64, String, String, Int).self)
                result.changed.append(Ref(platform: try ItemRow.platform(platform, row: id), id: nativeID))
                result.changedCount = count
            }
            return result
        }
    }

    /// Every tag in use with how many items carry it, most used first (the first 500).
    public func tagCounts() throws -> [TagCount] {
        try links.with { link in
            try link.rows("""
                SELECT t, count(*) FROM mention m, unnest(m.tags) t GROUP BY t ORDER BY count(*) DESC, t COLLATE "C" LIMIT 500
                """).map { row in
                let (tag, count) = try row.decode((String, Int).self)
                return TagCount(tag: tag, count: count)
            }
        }
    }

    /// Waiting items that passed their target since the last claim, at most `limit`, oldest
    /// first, each handed out once: claims take the watch's counter row lock, so two heeds never
    /// hand out one breach twice (see the SQLite store's `claimBreaches` for the conditions).
    public func claimBreaches(now: Date, limit: Int) throws -> [QueueItem] {
        guard let targets = arrangement.current.targets else { return [] }
        let nowMs = Self.milliseconds(now)
        var breached = Query()
        breached.breached = true
        var before = breached
        before.scope = .all
        let items: [QueueItem] = try links.transaction(announce: false) { link in
            let since = try link.rows("SELECT value FROM counter WHERE name = 'breaches_since' FOR UPDATE").first?.decode(Int64.self) ?? 0
            func watch() throws {
                try link.execute("UPDATE counter SET value = $1 WHERE name = 'breaches_since'", [.int(nowMs)])
                try link.execute("DELETE FROM breach_notice")
            }
            guard since > 0 else {
                try watch()
                return []
            }
            let then = Self.date(max(since, nowMs - Self.breachWindow))
            var statement = Statement()
            let current = QueryWhere(breached, now: now, person: person, targets: targets).clause(&statement)
            let earlier = QueryWhere(before, now: then, person: person, targets: targets).clause(&statement)
            var sql = "\(ItemRow.select) FROM mention m WHERE \(current) AND NOT coalesce((\(earlier)), false) AND m.id NOT IN (SELECT mention_id FROM breach_notice)"
            // Nothing created at or before every key's cut-off back then is new now.
            if let least = targets.conditions(before, now: then).first?.createdAtLeast { sql += " AND m.created_at > \(statement.bind(.int(least)))" }
            statement.sql = sql + " ORDER BY m.created_at, m.id LIMIT \(statement.bind(.int(Int64(limit))))"
            let found = try pageItems(link, statement)
            if !found.isEmpty {
                try link.execute("INSERT INTO breach_notice (mention_id, at) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING",
                                 [.ints(found.map(\.key.row)), .int(nowMs)])
            }
            if found.count < limit { try watch() }
            return found
        }
        return ranked(items)
    }
}
