import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

/// The team store: the same queue shared by several people on a PostgreSQL server, a
/// `MentionStore` like the SQLite one (the same conformance suite), and more: every action
/// names who took it, the first answer to an item wins on the server (a conditional `UPDATE`,
/// never a check then a write by a client), open composers are shown to the others, and every
/// change is announced (`NOTIFY`) so open queues follow at once.
public final class PostgresStore: MentionStore, @unchecked Sendable {
    public let location: PostgresLocation
    /// Who uses this store (`[team] me`, else the login name).
    public let person: String
    /// This store's own session, for its composer presence.
    let session = UUID().uuidString
    let links: Links
    /// What the last searched query found.
    let cachedQueries = QueryResultCache()
    /// The response targets and the rank order (`configure`).
    let arrangement = Arrangement()
    /// The schema heed's tables are in, and the channel its changes are announced on.
    let schema: String
    var channel: String { "heed_changes_" + schema }
    let state = Shared()
    let password: String?

    /// What changes after opening, behind a lock: this store's own change numbers, the listener.
    final class Shared: @unchecked Sendable {
        let lock = NSLock()
        /// How many change numbers this store took for its own writes.
        var own = 0
        var listener: Listener?
        var presence: Presence?
    }

    /// Connects to the store at `location` (the password from `passwords`), creating heed's tables
    /// in an empty database; a database that holds other tables, or a heed schema newer than
    /// this heed knows, is refused before anything is written.
    public init(_ location: PostgresLocation, passwords: PasswordSources = PasswordSources(), person: String, connections: Int = 2) throws {
        self.location = location
        self.person = person
        let password = try passwords.password(for: location)
        self.password = password
        let links = Links(limit: max(1, connections)) { try Link.open(location, password: password) }
        self.links = links
        do {
            schema = try links.with { link in
                try link.rows("SELECT current_schema()").first.map { try $0.decode(String?.self) ?? "public" } ?? "public"
            }
            try links.transaction(announce: false) { link in try Self.migrate(link, location: location) }
        } catch {
            links.close()
            throw PostgresFailure.explaining(error, store: location)
        }
        links.announcing = { [channel, cachedQueries] link in
            cachedQueries.changed()
            // Run once committed: whoever reads the number after it sees the change. Its own
            // commit need not wait for the disk (the change it tells of already did).
            return link.send("SELECT set_config('synchronous_commit', 'off', true), nextval('change_seq'), pg_notify($1, 'change')", [.text(channel)])
        }
        links.announced = { [state] in state.lock.withLock { state.own += 1 } }
        let now = Self.milliseconds(Date())
        try links.transaction(announce: false) { link in
            try link.execute("INSERT INTO team (person, first_seen, last_seen) VALUES ($1, $2, $2) ON CONFLICT (person) DO UPDATE SET last_seen = excluded.last_seen",
                             [.text(person), .int(now)])
        }
    }

    deinit {
        state.lock.withLock { state.listener }?.stop()
        state.lock.withLock { state.presence }?.stop()
        links.close()
    }

    /// Applies the migrations this database lacks, in the caller's transaction; refuses a
    /// database that is not heed's or that a newer heed migrated further.
    static func migrate(_ link: Link, location: PostgresLocation) throws {
        try link.execute("SELECT pg_advisory_xact_lock(hashtext('heed migrations'))")
        let hasVersions = try link.rows("SELECT to_regclass('heed_version') IS NOT NULL").first?.decode(Bool.self) ?? false
        var applied = 0
        if hasVersions {
            applied = try link.rows("SELECT coalesce(max(version), 0) FROM heed_version").first?.decode(Int.self) ?? 0
        } else {
            let tables = try link.rows("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename LIMIT 6").map { try $0.decode(String.self) }
            guard tables.isEmpty else {
                let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
                throw PostgresFailure("\(location) holds tables that are not heed's (\(shown)); heed left them as they were: name an empty database for the team store")
            }
            try link.execute("CREATE TABLE heed_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        }
        guard applied <= Migrations.newest else {
            throw PostgresFailure("the team store \(location) was set up by a newer heed (schema version \(applied), this heed knows up to \(Migrations.newest)); heed left it as it was: upgrade heed to use it")
        }
        for migration in Migrations.all where migration.version > applied {
            for statement in Migrations.statements(migration.sql) { try link.execute(statement) }
            try link.execute("INSERT INTO heed_version (version, name) VALUES ($1, $2)", [.int(Int64(migration.version)), .text(migration.name)])
        }
    }

    /// Names the store and says what to do (see `PostgresFailure.explaining`).
    public func explaining(_ error: any Error) -> StoreError {
        PostgresFailure.explaining(error, store: location)
    }

    // MARK: - Items

    /// Calls `body` with each item in rank order, a page at a time (no item list in memory).
    public func forEach(all: Bool, limit: Int?, _ body: (QueueItem) throws -> Void) throws {
        if byPriority, !all { return try forEachQueuePage(limit: limit, body) }
        var after: RankKey?
        var left = limit ?? Int.max
        while left > 0 {
            var statement = Statement("\(ItemRow.select) FROM mention m WHERE true")
            if !all { statement.sql += " AND m.state = 'waiting'" }
            if let after { statement.sql += " AND (m.created_at, m.id) > (\(statement.bind(.int(after.createdAt))), \(statement.bind(.int(after.row))))" }
            statement.sql += " ORDER BY m.created_at, m.id LIMIT \(statement.bind(.int(Int64(min(left, 1_000)))))"
            let items = try links.with { link in try link.rows(statement).map(ItemRow.item) }
            for item in items { try body(item) }
            guard items.count == min(left, 1_000), let last = items.last else { return }
            left -= items.count
            after = last.key
        }
    }

    /// One item by its ref, with its conversation's open count.
    public func item(_ ref: Ref) throws -> QueueItem? {
        try links.with { link in
            try ranked(pageItems(link, Statement("\(ItemRow.shown(session: session)) FROM mention m WHERE m.platform = $1 AND m.native_id = $2",
                                                 [.text(ref.platform.rawValue), .text(ref.id)]))).first
        }
    }

    public func items(_ refs: [Ref]) throws -> [QueueItem] {
        guard !refs.isEmpty else { return [] }
        let statement = Statement("""
            \(ItemRow.shown(session: session)) FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS r (platform, native_id, place)
            JOIN mention m ON m.platform = r.platform AND m.native_id = r.native_id ORDER BY r.place
            """, [.texts(refs.map(\.platform.rawValue)), .texts(refs.map(\.id))])
        return try ranked(links.with { link in try pageItems(link, statement) })
    }

    /// The items of rows read with `ItemRow.shown`.
    func pageItems(_ link: Link, _ statement: Statement) throws -> [QueueItem] {
        try link.rows(statement).map(ItemRow.item)
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
