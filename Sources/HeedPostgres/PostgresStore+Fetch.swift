import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

/// The team store's `FetchPageSink`: one fetched page inside one transaction. Its mentions go
/// through the import's `PostgresSink`; the answers the user gave in a platform's own app and
/// the account's cursors are written after them, so an answer finds an item of the same page
/// and a page that fails leaves neither its items nor its cursors behind.
final class PostgresFetchSink: FetchPageSink {
    private let sink: PostgresSink
    private var answers: [(Ref, Int64)] = []
    private var threadAnswers: [(Platform, [String], Int64)] = []
    private var cursors: [String: String] = [:]

    init(sink: PostgresSink) { self.sink = sink }

    /// What the page's import did so far.
    var counts: ImportCounts { sink.counts }

    /// Stores one mention (see `PostgresSink.put`).
    func put(_ mention: Mention) throws { try sink.put(mention) }
    /// Counts a record that is valid but not for the queue.
    func skip() { sink.skip() }
    /// Counts a malformed record.
    func reject() { sink.reject() }

    /// The user answered `ref` elsewhere at `date`: marked replied when the page is written.
    func answered(_ ref: Ref, at date: Date) throws {
        answers.append((ref, PostgresStore.milliseconds(date)))
    }

    /// The user answered in a conversation at `date`: its open items that arrived at or before
    /// then are marked replied.
    func answered(conversation conversations: [String], on platform: Platform, at date: Date) {
        threadAnswers.append((platform, conversations, PostgresStore.milliseconds(date)))
    }

    /// Moves a cursor of the account, in the page's transaction.
    func setCursor(_ name: String, to value: String) {
        cursors[name] = value
    }

    /// Writes the answers and cursors after the page's mentions; returns what it did.
    func finish(_ link: Link, account: String, now: Int64) throws -> FetchedCounts {
        try sink.finish()
        var result = FetchedCounts()
        result.counts = sink.counts
        for (ref, at) in answers {
            let binds: [Bind] = [.text(ref.platform.rawValue), .text(ref.id), .int(at)]
            let changed = try link.execute("""
                UPDATE mention SET state = 'replied', state_at = $3, state_by = NULL, draft_id = NULL, snoozed_until = NULL
                WHERE platform = $1 AND native_id = $2 AND state IN ('waiting', 'snoozed')
                """, binds)
            if changed > 0 {
                result.answeredElsewhere += changed
                continue
            }
            // Not fetched yet: marked replied when it arrives.
            try link.execute("""
                INSERT INTO answered_elsewhere (platform, native_id, at) SELECT $1, $2, $3
                WHERE NOT EXISTS (SELECT 1 FROM mention WHERE platform = $1 AND native_id = $2)
                ON CONFLICT (platform, native_id) DO UPDATE SET at = excluded.at
                """, binds)
        }
        for (platform, conversations, at) in threadAnswers where !conversations.isEmpty {
            result.answeredElsewhere += try link.execute("""
                UPDATE mention SET state = 'replied', state_at = $1, state_by = NULL, draft_id = NULL, snoozed_until = NULL
                WHERE platform = $2 AND conversation = ANY($3) AND state IN ('waiting', 'snoozed') AND created_at <= $1
                """, [.int(at), .text(platform.rawValue), .texts(conversations)])
        }
        for (name, value) in cursors {
            try link.execute("""
                INSERT INTO fetch_cursor (account, name, value, at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (account, name) DO UPDATE SET value = excluded.value, at = excluded.at
                """, [.text(account), .text(name), .text(value), .int(now)])
        }
        return result
    }
}

extension PostgresStore {
    /// The cursors kept for an account, by name: where its next fetch starts.
    public func cursors(account: String) throws -> [String: String] {
        let rows = try links.with { try $0.rows("SELECT name, value FROM fetch_cursor WHERE account = $1", [.text(account)]) }
        var cursors: [String: String] = [:]
        for row in rows {
            let (name, value) = try row.decode((String, String).self)
            cursors[name] = value
        }
        return cursors
    }

    /// Forgets an account's cursors: its next fetch is a first one again.
    public func forgetCursors(account: String) throws {
        try links.transaction { link in _ = try link.execute("DELETE FROM fetch_cursor WHERE account = $1", [.text(account)]) }
    }

    /// Takes one fetched page of `account` in one transaction: what `body` puts and answers,
    /// and the cursors it moves, all stored, or nothing when it throws.
    public func fetching(account: String, now: Date, _ body: (any FetchPageSink) throws -> Void) throws -> FetchedCounts {
        let counts = try links.transaction(retry: false) { link in
            let sink = try PostgresSink(link: link, now: now)
            defer { sink.settle() }
            let page = PostgresFetchSink(sink: sink)
            try body(page)
            return try page.finish(link, account: account, now: Self.milliseconds(now))
        }
        try? catchUpAfterImport(everyday: Self.indexAtOnce)
        return counts
    }

    /// The store's own failures (a server's error, a `StoreError`) in one line naming the
    /// store; nil for any other error, which the caller words itself.
    public func storeFailure(_ error: any Error) -> StoreError? {
        if let known = error as? StoreError { return known }
        guard error is PSQLError || error is PostgresFailure else { return nil }
        return PostgresFailure.explaining(error, store: location)
    }
}
