import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for the import's hot loop: values are
/// bound straight from Swift (no `StatementArguments`, no boxing) and the statement is reused
/// for every record. Values are bound exactly as GRDB binds them (text up to its first NUL,
/// integers as 64-bit), so what is stored is the same as through GRDB.
struct RawStatement {
    let statement: Statement
    private let db: Database
    /// Kept here: GRDB's own accessors check they run on the connection's queue.
    private let sql: String

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        self.sql = sql
        statement = try db.makeStatement(sql: sql)
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    @inline(__always)
    func bind(_ index: Int32, _ text: String?) {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withCString { _ = sqlite3_bind_text(handle, index, $0, -1, Self.transient) }
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_int64(handle, index, value)
    }

    /// Runs a statement that returns no row, and resets it.
    func execute() throws {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
    }

    /// Binds the gathered texts without copying them, runs the statement (no row expected),
    /// resets it and clears its bindings, so no pointer into `texts` outlives the call.
    func execute(_ texts: borrowing TextBindings) throws {
        _ = try first(texts) { _ in () }
    }

    /// Binds the gathered texts, steps to the first row and hands it to `body`; nil when there
    /// is none. Resets the statement and clears its bindings after.
    func first<T>(_ texts: borrowing TextBindings, _ body: (Row) -> T) throws -> T? {
        try texts.bytes.withUnsafeBufferPointer { buffer in
            defer {
                sqlite3_reset(handle)
                sqlite3_clear_bindings(handle)
            }
            bindTexts(texts, buffer)
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return nil }
            guard code == SQLITE_ROW else { throw error(code) }
            return body(Row(handle))
        }
    }

    private func bindTexts(_ texts: borrowing TextBindings, _ buffer: UnsafeBufferPointer<UInt8>) {
        let base = UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
        for slot in texts.slots {
            if slot.offset < 0 || base == nil {
                sqlite3_bind_null(handle, slot.index)
            } else {
                // SQLITE_STATIC (nil): the bytes stay put until the statement is reset.
                sqlite3_bind_text(handle, slot.index, base! + slot.offset, -1, nil)
            }
        }
    }

    /// Steps to the first row and hands it to `body`; nil when there is none. Resets after.
    func first<T>(_ body: (Row) -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw error(code) }
        return body(Row(handle))
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }

    /// The current row's columns, read as GRDB reads them.
    struct Row {
        let handle: OpaquePointer
        init(_ handle: OpaquePointer) { self.handle = handle }

        func int64(_ column: Int32) -> Int64? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
        }

        func text(_ column: Int32) -> String? {
            guard sqlite3_column_type(handle, column) != SQLITE_NULL, let bytes = sqlite3_column_text(handle, column) else { return nil }
            return String(cString: bytes)
        }

        /// Whether the column holds exactly this text (NULL for nil), compared as Swift
        /// compares strings, the way `DatabaseValue` equality does.
        func holds(_ column: Int32, _ value: String?) -> Bool {
            let type = sqlite3_column_type(handle, column)
            guard let value else { return type == SQLITE_NULL }
            guard type == SQLITE_TEXT else { return false }
            return text(column) == value
        }

        func holds(_ column: Int32, _ value: Int64) -> Bool {
            sqlite3_column_type(handle, column) == SQLITE_INTEGER && sqlite3_column_int64(handle, column) == value
        }
    }
}

/// Text parameters gathered for one run of a statement, NUL-terminated in one reused buffer:
/// binding them costs no allocation. Bound like GRDB binds text (up to the first NUL).
struct TextBindings: ~Copyable {
    fileprivate(set) var bytes: [UInt8] = []
    fileprivate(set) var slots: [(index: Int32, offset: Int)] = []

    init() {
        bytes.reserveCapacity(4_096)
        slots.reserveCapacity(16)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
    }

    /// Text for parameter `index`; nil binds NULL.
    mutating func add(_ index: Int32, _ text: String?) {
        guard let text else {
            slots.append((index, -1))
            return
        }
        slots.append((index, bytes.count))
        bytes.append(contentsOf: text.utf8)
        bytes.append(0)
    }

    /// Text for parameter `index` that `write` appends as UTF-8 (it must hold no NUL).
    mutating func add(_ index: Int32, writing write: (inout [UInt8]) -> Void) {
        slots.append((index, bytes.count))
        write(&bytes)
        bytes.append(0)
    }
}

extension Database {
    /// Rows changed by the last statement (triggers not counted).
    var rawChanges: Int32 { sqlite3_changes(sqliteConnection) }
}
