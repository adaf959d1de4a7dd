import Foundation
import GRDB
import HeedCore
// The interface this store implements comes with it: whoever imports the store has the protocol.
@_exported import HeedStorage

/// The SQLite store of mentions, their states and the undo journal: the first `MentionStore`.
public final class Store: MentionStore {
    let writer: any DatabaseWriter
    public let path: String?
    /// What the last searched query found (see `QueryResultCache`).
    let cachedQueries = QueryResultCache()
    /// Told when a write has waited a while for another heed's to end.
    public let lockWait = LockWait()
    /// The response targets and the rank order (`configure`).
    let arrangement = Arrangement()
    /// What opening mended in a schema changed by hand (an index or trigger made again), in words.
    public let repairs: [String]
    /// Who uses this store: whose actions it records and undoes, whose items `is:mine` finds.
    public let person: String
    /// Whose turn it is to write: people before long writers (`WriterTurns`).
    let turns: WriterTurns

    /// How long a write waits for another heed's to end before giving up: an import is one
    /// transaction per file, and a large file keeps others waiting longer than SQLite's usual 10 s.
    public static let defaultBusyTimeout: TimeInterval = 60

    /// Opens (creating when new, owner-only) the store at `path`. A file that is not a heed
    /// store, or one written by a newer heed, is refused before anything is written to it.
    public init(path: String, busyTimeout: TimeInterval = Store.defaultBusyTimeout, person: String = LoginName.current) throws {
        self.person = person
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try FileSecurity.makePrivateFolder(folder)
        try FileSecurity.touchPrivateFile(path, what: "the store")
        var configuration = Configuration()
        configuration.busyMode = .callback(Self.waiting(upTo: busyTimeout, telling: lockWait))
        // Two cores, one screen: two readers are plenty, and each keeps a page cache in memory.
        configuration.maximumReaderCount = 2
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            db.add(function: Store.foldFunction)
            if !db.configuration.readonly { try Self.checkKind(db, path: path) }
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            do {
                try Self.migrate(pool, path: path)
                repairs = try SchemaCheck.check(pool, path: path)
            } catch {
                // Closed before it goes: a pool dropped without closing checkpoints on its way
                // out, and a store refused here is left exactly as it was.
                try? pool.close()
                throw error
            }
            writer = pool
            self.path = path
            turns = WriterTurns(store: path)
        } catch {
            throw StoreError.explaining(error, store: path)
        }
    }

    /// The busy handler: retries every 10 ms (so a write gets in as soon as the other one ends,
    /// even between two files of an import) until `seconds` have passed; `wait` hears once a
    /// wait has lasted 0.3 s.
    static func waiting(upTo seconds: TimeInterval, telling wait: LockWait) -> Database.BusyCallback {
        let tries = max(1, Int(seconds * 100))
        return { numberOfTries in
            guard numberOfTries < tries else { return false }
            if numberOfTries == 30 { wait.waited() }
            usleep(10_000)
            return true
        }
    }

    /// Refuses, before the first write, a database that is not a heed store (its tables are
    /// someone else's) or that a newer heed has migrated further than this one knows.
    static func checkKind(_ db: Database, path: String) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        let applied = tables.contains("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
        let others = tables.filter { $0 != "grdb_migrations" }
        if !applied.contains("v1") {
            guard others.isEmpty else {
                let shown = others.prefix(5).joined(separator: ", ") + (others.count > 5 ? ", …" : "")
                throw StoreError("\(path) is an SQLite database but not a heed store (its tables: \(shown)); heed left it as it was: name another store with --store or HEED_STORE")
            }
            return
        }
        let unknown = Set(applied).subtracting(Schema.migrator.migrations)
        if !unknown.isEmpty {
            throw StoreError("the store \(path) was written by a newer heed (schema \(unknown.sorted().joined(separator: ", "))); heed left it as it was: upgrade heed to open it")
        }
    }

    /// A store in memory, for tests.
    public init(person: String = LoginName.current) throws {
        self.person = person
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.add(function: Store.foldFunction) }
        writer = try DatabaseQueue(configuration: configuration)
        path = nil
        turns = WriterTurns(store: nil)
        repairs = []
        try Self.migrate(writer, path: nil)
    }

    private static func migrate(_ writer: any DatabaseWriter, path: String?) throws {
        let migrator = Schema.migrator
        let upToDate = try writer.read { db in
            let known = Set(migrator.migrations)
            let applied = try migrator.appliedIdentifiers(db)
            if !applied.isSubset(of: known) {
                throw StoreError("the store \(path ?? "") was written by a newer heed (schema \(applied.subtracting(known).sorted().joined(separator: ", "))); upgrade heed to open it")
            }
            return applied == known
        }
        // A store already up to date is not written to by opening it (GRDB's migrator writes
        // even when it has nothing to do), so a store refused after this is left as it was.
        if !upToDate { try migrator.migrate(writer) }
    }

    /// A person's write (an acknowledge, an undo, a tag): other heeds' long writers let it in
    /// before their next transaction.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try turns.person { try writer.write(body) }
    }

    /// One transaction of a long writer (a file of an import, a fetched page, a batch of the
    /// search index), begun once no person is waiting to write.
    func bulkWrite<T>(_ body: (Database) throws -> T) throws -> T {
        turns.letPeopleIn()
        return try writer.write(body)
    }

    /// One transaction of an import, a long writer's (`bulkWrite`), with SQLite's foreign-key
    /// checks off: every reference an import writes is to a row it wrote itself (a tag or a
    /// rule's journal entry to its new item, an entry to its rule's journal row), and it
    /// deletes nothing that others refer to, so checking each one (two lookups per tag and per
    /// entry) only slowed it. Tests check the references of what imports wrote.
    func loadWrite<T>(_ body: (Database) throws -> T) throws -> T {
        turns.letPeopleIn()
        return try writer.writeWithoutTransaction { db in
            // Outside a transaction only: SQLite ignores the pragma inside one.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            guard let result else { throw StoreError("the import ended without a result") }
            return result
        }
    }

    /// Names the file and says what to do (see `StoreError.explaining`).
    public func explaining(_ error: any Error) -> StoreError {
        StoreError.explaining(error, store: path ?? "(in memory)")
    }

    public func storeFailure(_ error: any Error) -> StoreError? {
        error as? StoreError ?? StoreError.sqlite(error, store: path ?? "(in memory)")
    }

    // MARK: - Items

    /// Calls `body` with each item in rank order without holding them all in memory (every
    /// item: in order of arrival; ranked by priority, the waiting ones a page at a time).
    public func forEach(all: Bool, limit: Int?, _ body: (QueueItem) throws -> Void) throws {
        if byPriority, !all { return try forEachQueuePage(limit: limit, body) }
        try writer.read { db in
            let filter = all ? "" : "WHERE state = \(StoredState.waiting.sql)"
            let rows = try Row.fetchCursor(db, sql: "\(MentionRow.select) FROM mention \(filter) ORDER BY created_at, id LIMIT ?", arguments: [limit ?? -1])
            while let row = try rows.next() { try body(MentionRow.item(row)) }
        }
    }

    /// One item by its ref.
    public func item(_ ref: Ref) throws -> QueueItem? {
        try items([ref]).first
    }

    /// Items by ref, in one read (each a lookup of the ref's unique index).
    public func items(_ refs: [Ref]) throws -> [QueueItem] {
        try writer.read { db in
            try ranked(refs.flatMap { ref in
                try Self.pageItems(db, SQLStatement("\(MentionRow.select) FROM mention WHERE platform = ? AND native_id = ?", [ref.platform.rawValue, ref.id]))
            })
        }
    }

    static func items(_ db: Database, _ statement: SQLStatement) throws -> [QueueItem] {
        try Array(Row.fetchCursor(db, sql: statement.sql, arguments: statement.arguments).map(MentionRow.item))
    }

    /// Items with their conversations' open counts, for the rows of a page.
    static func pageItems(_ db: Database, _ statement: SQLStatement) throws -> [QueueItem] {
        try countThreads(db, items(db, statement))
    }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// SQLite's query plan for a statement the store runs, for tests that pin index use.
    func explain(_ statement: SQLStatement) throws -> String {
        try writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                .map { $0["detail"] as String }.joined(separator: "\n")
        }
    }
}

/// A statement as the store runs it, its SQL with its arguments: built in one place, so the
/// query-plan tests explain exactly what the store runs.
struct SQLStatement {
    var sql: String
    var arguments: StatementArguments

    init(_ sql: String, _ arguments: StatementArguments = []) {
        self.sql = sql
        self.arguments = arguments
    }
}

/// Where a long wait for another heed's write is told, so that a screen can say so instead of
/// seeming to hang. The hook runs on the thread that waits.
public final class LockWait: @unchecked Sendable {
    private let lock = NSLock()
    private var hook: (@Sendable () -> Void)?

    /// Sets (or, with nil, clears) what hears of long waits.
    public func whenWaiting(_ hook: (@Sendable () -> Void)?) {
        lock.withLock { self.hook = hook }
    }

    func waited() {
        lock.withLock { hook }?()
    }
}
