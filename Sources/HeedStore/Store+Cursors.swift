import Foundation
import GRDB
import HeedCore

/// Takes one fetched page inside one transaction: its mentions (through the import's sink),
/// the answers the user gave elsewhere, and the cursors that say where the next fetch starts.
/// Answers and cursors are written after the page's mentions, so an answer finds an item of
/// the same page; a page that fails leaves neither its items nor its cursors behind.
final class FetchSink: FetchPageSink {
    private let sink: ImportSink
    private var answers: [(Ref, Int64)] = []
    private var threadAnswers: [(Platform, [String], Int64)] = []
    private var cursors: [String: String] = [:]

    init(sink: ImportSink) { self.sink = sink }

    /// What the page's import did so far.
    var counts: ImportCounts { sink.counts }

    /// Stores one mention (see `ImportSink.put`).
    public func put(_ mention: Mention) throws { try sink.put(mention) }
    /// Counts a record that is valid but not for the queue.
    public func skip() { sink.skip() }
    /// Counts a malformed record.
    public func reject() { sink.reject() }

    /// The user answered `ref` elsewhere at `date`: marked replied when the page is written
    /// (or when the item arrives, if it is not in the store yet).
    public func answered(_ ref: Ref, at date: Date) throws {
        answers.append((ref, Store.milliseconds(date)))
    }

    /// The user answered in a conversation (any of `conversations`, which name the same thread)
    /// at `date`: its items that arrived at or before then are marked replied.
    public func answered(conversation conversations: [String], on platform: Platform, at date: Date) {
        threadAnswers.append((platform, conversations, Store.milliseconds(date)))
    }

    /// Moves a cursor of the account, in the page's transaction.
    public func setCursor(_ name: String, to value: String) {
        cursors[name] = value
    }

    /// Writes the answers and cursors after the page's mentions; returns what it did.
    fileprivate func finish(_ db: Database, account: String, now: Int64) throws -> FetchedCounts {
        try sink.finish()
        var result = FetchedCounts()
        result.counts = sink.counts
        for (ref, at) in answers {
            try db.execute(sql: """
                UPDATE mention SET state = \(StoredState.replied.sql), state_at = ?, draft_id = NULL, snoozed_until = NULL
                WHERE platform = ? AND native_id = ? AND state IN \(StoredState.open.sql)
                """, arguments: [at, ref.platform.rawValue, ref.id])
            if db.changesCount > 0 {
                result.answeredElsewhere += 1
            } else if try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM mention WHERE platform = ? AND native_id = ?)", arguments: [ref.platform.rawValue, ref.id])! {
                // Not fetched yet: marked replied when it arrives.
                try db.execute(sql: "INSERT OR REPLACE INTO answered_elsewhere (platform, native_id, at) VALUES (?, ?, ?)",
                               arguments: [ref.platform.rawValue, ref.id, at])
            }
        }
        for (platform, conversations, at) in threadAnswers where !conversations.isEmpty {
            let marks = conversations.map { _ in "?" }.joined(separator: ", ")
            try db.execute(sql: """
                UPDATE mention SET state = \(StoredState.replied.sql), state_at = ?, draft_id = NULL, snoozed_until = NULL
                WHERE platform = ? AND conversation IN (\(marks)) AND state IN \(StoredState.open.sql) AND created_at <= ?
                """, arguments: StatementArguments([at, platform.rawValue] as [any DatabaseValueConvertible] + conversations + [at]))
            result.answeredElsewhere += db.changesCount
        }
        for (name, value) in cursors {
            try db.execute(sql: "INSERT OR REPLACE INTO fetch_cursor (account, name, value, at) VALUES (?, ?, ?, ?)",
                           arguments: [account, name, value, now])
        }
        return result
    }
}

extension Store {
    /// The cursors kept for an account, by name: where its next fetch starts.
    public func cursors(account: String) throws -> [String: String] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT name, value FROM fetch_cursor WHERE account = ?", arguments: [account])
            return Dictionary(rows.map { ($0["name"] as String, $0["value"] as String) }, uniquingKeysWith: { $1 })
        }
    }

    /// Forgets an account's cursors: its next fetch is a first one again.
    public func forgetCursors(account: String) throws {
        try write { db in try db.execute(sql: "DELETE FROM fetch_cursor WHERE account = ?", arguments: [account]) }
    }

    /// Takes one fetched page of `account` in one transaction: what `body` puts and answers,
    /// and the cursors it moves, all stored, or nothing when it throws.
    public func fetching(account: String, now: Date, _ body: (any FetchPageSink) throws -> Void) throws -> FetchedCounts {
        defer { cachedQueries.changed() }
        let counts = try bulkWrite { db in
            let sink = try ImportSink(db: db, now: now)
            let page = FetchSink(sink: sink)
            do {
                try body(page)
                return try page.finish(db, account: account, now: Self.milliseconds(now))
            } catch {
                sink.abandon()
                throw error
            }
        }
        if try unindexedCount() <= Self.indexAtOnce { try catchUpSearch() }
        return counts
    }
}
