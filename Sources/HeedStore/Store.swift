import Foundation
import GRDB
import HeedCore

/// Why the store cannot be used, in words a user can act on.
public struct StoreError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The SQLite store of mentions, their states and the undo journal.
public final class Store: Sendable {
    let writer: any DatabaseWriter
    public let path: String?
    /// The key list of the last searched view (see `ViewCache`).
    let views = ViewCache()

    /// Opens (creating when new, owner-only) the store at `path`.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try FileSecurity.makePrivateFolder(folder)
        try FileSecurity.touchPrivateFile(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // Two cores, one screen: two readers are plenty, and each keeps a page cache in memory.
        configuration.maximumReaderCount = 2
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            db.add(function: Store.foldFunction)
        }
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError("cannot open the store \(path): \(error.localizedDescription)")
        }
        self.path = path
        try migrate()
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
