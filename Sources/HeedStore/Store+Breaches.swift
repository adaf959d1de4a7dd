import Foundation
import GRDB
import HeedCore

/// Breaches handed out once: the items that passed their target since the watch last looked,
/// claimed in one write transaction, so that several open queues and commands never hand out
/// the same breach twice, and a restart does not hand it out again.
///
/// The watch keeps when it last looked (counter `breaches_since`). A breach since then is a
/// waiting item past its target now that was not past it then: two due conditions on creation
/// times (`ResponseTargets.conditions` at both times), read over the creation times between
/// the two cut-offs only. When more are due than asked for, the rest are left for the next
/// claim, those handed out remembered in `breach_notice`; once all are claimed, the watch
/// moves on and forgets them.
extension Store {
    /// How far back a claim looks at most: breaches older than this, while no heed watched,
    /// are passed over rather than announced late.
    static let breachWindow: Int64 = 86_400_000

    /// Waiting items that passed their target since the last claim, at most `limit`, oldest
    /// first, each handed out once.
    public func claimBreaches(now: Date, limit: Int) throws -> [QueueItem] {
        guard let targets = arrangement.current.targets else { return [] }
        let nowMs = Self.milliseconds(now)
        var breached = Query()
        breached.breached = true
        var before = breached
        before.scope = .all
        let current = QuerySQL(breached, now: now, targets: targets)
        let items: [QueueItem] = try write { db in
            let since = try Int64.fetchOne(db, sql: "SELECT value FROM counter WHERE name = ?", arguments: [Counter.breachesSince]) ?? 0
            guard since > 0 else {
                try Self.watch(db, from: nowMs)
                return []
            }
            let then = Self.date(max(since, nowMs - Self.breachWindow))
            let earlier = QuerySQL(before, now: then, targets: targets)
            var conditions = current.conditions + ["NOT (\(earlier.whereClause))", "id NOT IN (SELECT mention_id FROM breach_notice)"]
            var arguments = current.arguments + earlier.arguments
            // Nothing created at or before every key's cut-off back then is new now.
            if let least = targets.conditions(before, now: then).first?.createdAtLeast {
                conditions.append("created_at > ?")
                arguments.append(least)
            }
            let found = try Self.pageItems(db, SQLStatement("\(MentionRow.select) FROM mention WHERE \(conditions.joined(separator: " AND ")) ORDER BY created_at, id LIMIT ?",
                                                            StatementArguments(arguments + [limit])))
            for item in found {
                try db.execute(sql: "INSERT OR IGNORE INTO breach_notice (mention_id, at) VALUES (?, ?)", arguments: [item.key.row, nowMs])
            }
            if found.count < limit { try Self.watch(db, from: nowMs) }
            return found
        }
        if !items.isEmpty { cachedQueries.changed() }
        return ranked(items)
    }

    /// Moves the watch on to `time`: breaches up to then are all claimed.
    private static func watch(_ db: Database, from time: Int64) throws {
        try db.execute(sql: "UPDATE counter SET value = ? WHERE name = ?", arguments: [time, Counter.breachesSince])
        try db.execute(sql: "DELETE FROM breach_notice")
    }
}
