import Foundation
import GRDB
import HeedCore

/// Why the store cannot be used, in words a user can act on.
public struct StoreError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// A failure of the store at `path` in one line that names the file and says what to do.
    public static func explaining(_ error: any Error, store path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        return sqlite(error, store: path) ?? StoreError("the store \(path): \(error)")
    }

    /// Whether the file system holding `folder` has no block left (SQLite reports a full disk
    /// while growing its -shm file as an I/O error).
    static func diskIsFull(_ folder: String) -> Bool {
        var info = statvfs()
        return statvfs(folder, &info) == 0 && info.f_bavail == 0
    }

    /// The same for SQLite's errors only; nil for any other error.
    public static func sqlite(_ error: any Error, store path: String) -> StoreError? {
        guard let error = error as? DatabaseError else { return nil }
        let reason = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        if [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM].contains(error.resultCode), access(folder, W_OK) != 0 {
            return StoreError("cannot write beside the store \(path): its folder \(folder) is not writable (\(String(cString: strerror(errno)))), and heed keeps \(path)-wal and -shm there; nothing was changed: make the folder writable, or name another store with --store")
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError("the store \(path) is busy: another heed has been writing it for over \(Int(Store.defaultBusyTimeout)) s (a long import?); nothing was changed: try again when it is done")
        case .SQLITE_FULL:
            return StoreError("the disk holding the store \(path) is full; nothing was changed: free some space and try again")
        case .SQLITE_READONLY, .SQLITE_PERM:
            return StoreError("cannot write the store \(path) (\(reason)); nothing was changed: make it and its folder writable, or name another store with --store")
        case .SQLITE_CANTOPEN:
            return StoreError("cannot open the store \(path) (\(reason)): heed writes \(path)-wal and -shm beside it, so its folder must be writable; or name another store with --store")
        case .SQLITE_CORRUPT:
            return StoreError("the store \(path) is damaged (\(reason)); heed left it as it was: restore it from a backup, or move it aside and import again into a new store")
        case .SQLITE_NOTADB:
            return StoreError("\(path) is not a heed store (\(reason)); heed left it as it was: name another store with --store, or move the file aside")
        case .SQLITE_IOERR where diskIsFull(folder):
            return StoreError("the disk holding the store \(path) is full; nothing was changed: free some space and try again")
        case .SQLITE_IOERR:
            return StoreError("cannot read or write the store \(path) (\(reason)); nothing was changed: check the disk (is it full or failing?) and try again")
        default:
            return StoreError("the store \(path): \(reason)")
        }
    }
}

/// The SQLite store of mentions, their states and the undo journal.
public final class Store: Sendable {
    let writer: any DatabaseWriter
    public let path: String?
    /// The key list of the last searched view (see `ViewCache`).
    let views = ViewCache()
    /// Told when a write has waited a while for another heed's to end.
    public let lockWait = LockWait()

    /// How long a write waits for another heed's to end before giving up: an import is one
    /// transaction per file, and a large file keeps others waiting longer than SQLite's usual 10 s.
    public static let defaultBusyTimeout: TimeInterval = 60

    /// Opens (creating when new, owner-only) the store at `path`. A file that is not a heed
    /// store, or one written by a newer heed, is refused before anything is written to it.
    public init(path: String, busyTimeout: TimeInterval = Store.defaultBusyTimeout) throws {
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
            writer = try DatabasePool(path: path, configuration: configuration)
            self.path = path
            try migrate()
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
    public init() throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.add(function: Store.foldFunction) }
        writer = try DatabaseQueue(configuration: configuration)
        path = nil
        try migrate()
    }

    private func migrate() throws {
        let migrator = Schema.migrator
        try writer.read { db in
            let known = Set(migrator.migrations)
            let applied = try migrator.appliedIdentifiers(db)
            if !applied.isSubset(of: known) {
                throw StoreError("the store \(path ?? "") was written by a newer heed (schema \(applied.subtracting(known).sorted().joined(separator: ", "))); upgrade heed to open it")
            }
        }
        try migrator.migrate(writer)
    }

    // MARK: - Queue

    /// The waiting count (maintained by triggers) and the oldest waiting time (one index step).
    public func summary() throws -> QueueSummary {
        try writer.read { db in
            let waiting = try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'waiting'") ?? 0
            let oldest = try Int64.fetchOne(db, sql: "SELECT created_at FROM mention WHERE state = 'waiting' ORDER BY created_at, id LIMIT 1")
            return QueueSummary(waiting: waiting, oldest: oldest.map(Self.date))
        }
    }

    /// A page of waiting items in rank order, fetched by key on the rank index.
    public func page(_ request: PageRequest) throws -> [QueueItem] {
        try writer.read { db in
            let select = "\(MentionRow.select) FROM mention WHERE state = 'waiting'"
            switch request {
            case .first(let limit):
                return try Self.pageItems(db, "\(select) ORDER BY created_at, id LIMIT ?", [limit])
            case .last(let limit):
                return try Self.pageItems(db, "\(select) ORDER BY created_at DESC, id DESC LIMIT ?", [limit]).reversed()
            case .after(let key, let limit):
                return try Self.pageItems(db, "\(select) AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?", [key.createdAt, key.row, limit])
            case .before(let key, let limit):
                return try Self.pageItems(db, "\(select) AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?", [key.createdAt, key.row, limit]).reversed()
            }
        }
    }

    /// Items in rank order for `heed list`: waiting only, or everything with `all`.
    public func list(all: Bool, limit: Int?) throws -> [QueueItem] {
        try writer.read { db in
            let filter = all ? "" : "WHERE state = 'waiting'"
            let order = all ? "ORDER BY created_at, id" : "ORDER BY created_at, id"
            return try Self.items(db, "\(MentionRow.select) FROM mention \(filter) \(order) LIMIT ?", [limit ?? -1])
        }
    }

    /// Calls `body` with each item in rank order without holding them all in memory.
    public func forEach(all: Bool, limit: Int?, _ body: (QueueItem) throws -> Void) throws {
        try writer.read { db in
            let filter = all ? "" : "WHERE state = 'waiting'"
            let rows = try Row.fetchCursor(db, sql: "\(MentionRow.select) FROM mention \(filter) ORDER BY created_at, id LIMIT ?", arguments: [limit ?? -1])
            while let row = try rows.next() { try body(MentionRow.item(row)) }
        }
    }

    /// One item by its ref.
    public func item(_ ref: Ref) throws -> QueueItem? {
        try writer.read { db in
            try Self.pageItems(db, "\(MentionRow.select) FROM mention WHERE platform = ? AND native_id = ?", [ref.platform.rawValue, ref.id]).first
        }
    }

    static func items(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> [QueueItem] {
        try Array(Row.fetchCursor(db, sql: sql, arguments: arguments).map(MentionRow.item))
    }

    /// Items with their conversations' open counts, for the rows of a page.
    static func pageItems(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> [QueueItem] {
        try countThreads(db, items(db, sql, arguments))
    }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

extension Store {
    /// The absolute place of a waiting item in the rank (an index count: costs its position).
    public func rank(of key: RankKey) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE state = 'waiting' AND (created_at, id) < (?, ?)", arguments: [key.createdAt, key.row]) ?? 0
        }
    }
}

extension Store {
    /// SQLite's query plan for a statement, for tests that pin index use.
    public func explain(_ sql: String) throws -> String {
        try writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "\n")
        }
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
