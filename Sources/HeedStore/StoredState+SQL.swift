import HeedStorage

extension StoredState {
    /// The state as an SQL literal. States are written into statements, never bound: SQLite
    /// uses a partial index (`… WHERE state = 'waiting'`) only for a statement that spells its
    /// condition out.
    var sql: String { "'\(rawValue)'" }
}

extension Array where Element == StoredState {
    /// The states as an SQL list, for `state IN …`: `('waiting', 'snoozed')`.
    var sql: String { "(" + map(\.sql).joined(separator: ", ") + ")" }
}

/// The names of the rows of the `counter` table.
enum Counter {
    /// Waiting items, all platforms (kept by triggers).
    static let waiting = "waiting"
    /// Waiting items of one platform (kept by triggers, the row made by the first item).
    static func waiting(_ platform: String) -> String { "waiting:" + platform }
    /// The prefix of the per-platform rows.
    static let platformPrefix = "waiting:"
    /// The last row the search index holds.
    static let indexed = "indexed"
    /// When breaches were last claimed (milliseconds; 0 before the first claim).
    static let breachesSince = "breaches_since"
}
