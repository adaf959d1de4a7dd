import Foundation
import GRDB
import HeedCore

/// Takes the mentions of one import inside one transaction.
public final class ImportSink {
    private let db: Database
    private let now: Int64
    public private(set) var counts = ImportCounts()

    init(db: Database, now: Date) {
        self.db = db
        self.now = Store.milliseconds(now)
    }

    /// Stores one mention: new ones are inserted (with their state when it is given), known
    /// ones have changed content updated and their state left alone.
    public func put(_ mention: Mention) throws {
        let find = try db.cachedStatement(sql: "SELECT id, \(MentionRow.contentColumns.joined(separator: ", ")) FROM mention WHERE platform = ? AND native_id = ?")
        let content = MentionRow.content(mention)
        if let row = try Row.fetchOne(find, arguments: [mention.platform.rawValue, mention.id]) {
            let same = zip(MentionRow.contentColumns, content).allSatisfy { column, value in
                (row[column] as DatabaseValue) == (value?.databaseValue ?? .null)
            }
            if same { counts.unchanged += 1; return }
            let assignments = MentionRow.contentColumns.map { "\($0) = ?" }.joined(separator: ", ")
            let update = try db.cachedStatement(sql: "UPDATE mention SET \(assignments) WHERE id = ?")
            try update.execute(arguments: StatementArguments(content + [row["id"] as Int64]))
            counts.updated += 1
            return
        }
        let columns = ["platform", "native_id"] + MentionRow.contentColumns + ["state", "state_at", "draft_id", "snoozed_until", "imported_at"]
        let insert = try db.cachedStatement(sql: "INSERT INTO mention (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
        var state: [DatabaseValueConvertible?] = ["waiting", nil, nil, nil]
        switch mention.state {
        case .waiting: break
        case .acknowledged(let at): state = ["acknowledged", Store.milliseconds(at), nil, nil]
        case .replied(let draft, let at): state = ["replied", Store.milliseconds(at), draft, nil]
        case .snoozed(let until): state = ["snoozed", nil, nil, Store.milliseconds(until)]
        }
        try insert.execute(arguments: StatementArguments([mention.platform.rawValue, mention.id] + content + state + [now]))
        counts.imported += 1
    }

    /// Counts a record that was valid but not for the queue.
    public func skip() { counts.skipped += 1 }

    /// Counts a malformed record.
    public func reject() { counts.rejected += 1 }
}

/// Thrown by an import body to undo everything it stored.
public struct ImportRolledBack: Error {
    public let counts: ImportCounts
    public init(counts: ImportCounts) { self.counts = counts }
}

extension Store {
    /// Runs one import in one transaction: everything `body` puts is stored, or nothing is
    /// when it throws.
    public func importing(now: Date, _ body: (ImportSink) throws -> Void) throws -> ImportCounts {
        try writer.write { db in
            let sink = ImportSink(db: db, now: now)
            try body(sink)
            return sink.counts
        }
    }
}
