import GRDB
import HeedStorage

/// The schema a store holds, checked against the one heed's migrations make, each time the
/// store opens: a hand-made change never leaves heed counting wrong. An index or trigger that
/// is missing or changed is made again from the migrations' own SQL (and the waiting counters
/// recounted, since the triggers keep them); a table that is missing or changed, or a trigger
/// heed did not make, is refused with what to do, and the store is left as it was.
enum SchemaCheck {
    /// One object of a schema: a table, an index or a trigger, and the SQL that made it.
    struct Object: Equatable {
        let type: String
        let name: String
        let sql: String?
    }

    /// The objects heed's migrations make, by name (an in-memory store migrated once per process).
    static let expected: [String: Object] = {
        do {
            let queue = try DatabaseQueue()
            try Schema.migrator.migrate(queue)
            return try queue.read(objects)
        } catch {
            preconditionFailure("heed's own migrations failed on an empty database: \(error)")
        }
    }()

    /// The tables, indexes and triggers of a database by name (SQLite's own and GRDB's left out).
    static func objects(_ db: Database) throws -> [String: Object] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
            """)
        return Dictionary(rows.map { row in
            let object = Object(type: row["type"], name: row["name"], sql: row["sql"])
            return (object.name, object)
        }, uniquingKeysWith: { first, _ in first })
    }

    /// What differs between a store's schema and heed's.
    struct Findings: Equatable {
        /// Indexes and triggers to make again, with what happened to them.
        var repairs: [(object: Object, what: String)] = []
        /// What heed cannot mend by itself.
        var refusals: [String] = []

        static func == (lhs: Findings, rhs: Findings) -> Bool {
            lhs.repairs.map(\.object) == rhs.repairs.map(\.object) && lhs.repairs.map(\.what) == rhs.repairs.map(\.what) && lhs.refusals == rhs.refusals
        }
    }

    /// Compares `found` with `expected`. Extra tables and indexes are someone's own and
    /// harmless; an extra trigger would change what heed's writes do, so it is refused.
    static func compare(_ found: [String: Object], with expected: [String: Object] = expected) -> Findings {
        var findings = Findings()
        for (name, object) in expected.sorted(by: { $0.key < $1.key }) {
            let present = found[name]
            switch object.type {
            case "table":
                if present == nil {
                    findings.refusals.append("its table \(name) is missing")
                } else if present != object {
                    findings.refusals.append("its table \(name) is not as heed made it (a column dropped, added or changed?)")
                }
            default:
                if present == nil {
                    findings.repairs.append((object, "its \(object.type) \(name) was missing"))
                } else if present != object {
                    findings.repairs.append((object, "its \(object.type) \(name) had been changed"))
                }
            }
        }
        for (name, object) in found.sorted(by: { $0.key < $1.key }) where expected[name] == nil && object.type == "trigger" {
            findings.refusals.append("it has a trigger heed did not make (\(name))")
        }
        return findings
    }

    /// Normalised SQL, so that a trigger or index made again compares equal to the migrations'.
    static func normalised(_ object: Object) -> Object {
        Object(type: object.type, name: object.name, sql: object.sql?.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    /// Checks the store's schema and mends what heed can: returns what was mended, in words;
    /// throws what it cannot mend, naming the store and what to do. Writes only when a repair
    /// is needed.
    static func check(_ writer: any DatabaseWriter, path: String) throws -> [String] {
        let findings = try writer.read { db in try compare(objects(db).mapValues(normalised), with: expected.mapValues(normalised)) }
        guard findings.refusals.isEmpty else {
            throw StoreError("the store \(path) was changed by hand: \(findings.refusals.joined(separator: "; ")); heed left it as it was: restore it from a backup, or move it aside and import again into a new store (heed list --json --all from this one may still read it)")
        }
        guard !findings.repairs.isEmpty else { return [] }
        try writer.write { db in
            for (object, _) in findings.repairs {
                let kind = object.type == "index" ? "INDEX" : "TRIGGER"
                try db.execute(sql: "DROP \(kind) IF EXISTS \(object.name.quotedDatabaseIdentifier)")
                if let sql = object.sql { try db.execute(sql: sql) }
            }
            if findings.repairs.contains(where: { $0.object.type == "trigger" }) { try recountWaiting(db) }
        }
        return findings.repairs.map { "\($0.what): heed made it again" + ($0.object.type == "trigger" ? " and counted the waiting items again" : "") }
    }

    /// Counts the waiting items again, in all and per platform, from the rows.
    static func recountWaiting(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE counter SET value = 0 WHERE name LIKE '\(Counter.platformPrefix)%';
            INSERT INTO counter (name, value)
                SELECT '\(Counter.platformPrefix)' || platform, COUNT(*) FROM mention WHERE state = \(StoredState.waiting.sql) GROUP BY platform
                ON CONFLICT (name) DO UPDATE SET value = excluded.value;
            UPDATE counter SET value = (SELECT COUNT(*) FROM mention WHERE state = \(StoredState.waiting.sql)) WHERE name = '\(Counter.waiting)';
            """)
    }
}
