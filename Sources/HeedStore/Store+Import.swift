import Foundation
import GRDB
import HeedCore

/// Takes the mentions of one import inside one transaction.
public final class ImportSink {
    private let db: Database
    private let now: Int64
    public private(set) var counts = ImportCounts()
    /// Whether any reply made elsewhere waits for its item: checked on insert only then.
    private var answersWaiting: Bool

    init(db: Database, now: Date) throws {
        self.db = db
        self.now = Store.milliseconds(now)
        answersWaiting = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM answered_elsewhere)") ?? false
    }

    /// The user's own reply (seen in an imported file) answers `ref`: a waiting item becomes
    /// replied elsewhere; an item not yet imported is remembered and marked when it arrives.
    public func answered(_ ref: Ref, at date: Date) throws {
        let at = Store.milliseconds(date)
        try db.execute(sql: "UPDATE mention SET state = 'replied', state_at = ?, draft_id = NULL WHERE platform = ? AND native_id = ? AND state = 'waiting'",
                       arguments: [at, ref.platform.rawValue, ref.id])
        if db.changesCount > 0 {
            counts.updated += 1
            return
        }
        let known = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM mention WHERE platform = ? AND native_id = ?)", arguments: [ref.platform.rawValue, ref.id]) ?? false
        guard !known else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO answered_elsewhere (platform, native_id, at) VALUES (?, ?, ?)", arguments: [ref.platform.rawValue, ref.id, at])
        answersWaiting = true
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
        var mentionState = mention.state
        if answersWaiting, mention.state.isWaiting,
           let at = try Int64.fetchOne(db, sql: "DELETE FROM answered_elsewhere WHERE platform = ? AND native_id = ? RETURNING at", arguments: [mention.platform.rawValue, mention.id]) {
            mentionState = .replied(draft: "", at: Store.date(at))
        }
        switch mentionState {
        case .waiting: break
        case .acknowledged(let at): state = ["acknowledged", Store.milliseconds(at), nil, nil]
        case .replied(let draft, let at): state = ["replied", Store.milliseconds(at), draft.isEmpty ? nil : draft, nil]
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
            let sink = try ImportSink(db: db, now: now)
            try body(sink)
            return sink.counts
        }
    }
}
