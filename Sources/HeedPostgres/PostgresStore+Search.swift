import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

/// The search index: one `tsvector` per item (see `Lexemes`), filled in order of arrival after
/// imports, in batches (counter `indexed` holds the last row it has), as in the SQLite store.
extension PostgresStore {
    /// Imports that leave at most this many rows unindexed are indexed at once.
    public static let indexAtOnce = 50_000
    /// The most rows indexed in one transaction (about 15 MiB held).
    static let largestBatch = 10_000

    /// Rows the index does not hold yet.
    func unindexed(_ link: Link) throws -> Int {
        try link.rows("SELECT count(*) FROM mention WHERE id > (SELECT value FROM counter WHERE name = 'indexed')").first?.decode(Int.self) ?? 0
    }

    /// As `MentionStore`'s: after an import, the index catches up at once when at most
    /// `everyday` rows wait for it, which are counted no further than that (a backlog's million
    /// would take a while to count).
    func catchUpAfterImport(everyday: Int) throws {
        let waiting = try links.with { link in
            try link.rows("SELECT count(*) FROM (SELECT FROM mention WHERE id > (SELECT value FROM counter WHERE name = 'indexed') LIMIT $1) w",
                          [.int(Int64(everyday + 1))]).first?.decode(Int.self) ?? 0
        }
        if waiting <= everyday { try catchUpSearch() }
    }

    /// Rows the search index does not hold yet (imported since it last caught up).
    public func unindexedCount() throws -> Int {
        try links.with { link in try unindexed(link) }
    }

    /// Brings the index up to date, `batch` rows a transaction (an interrupted run leaves a
    /// consistent index the next goes on from; two heeds catching up take turns). Returns how
    /// many rows it indexed; `progress` hears the running total. A batch holds at most
    /// `largestBatch` rows, whatever is asked: its rows and documents are held until it is sent.
    @discardableResult
    public func catchUpSearch(batch: Int, progress: ((Int) -> Void)?) throws -> Int {
        let batch = min(batch, Self.largestBatch)
        var total = 0
        while true {
            let done: Int = try links.transaction { link in
                try link.execute("SELECT pg_advisory_xact_lock(hashtext('heed search index'))")
                let indexed = try link.rows("SELECT value FROM counter WHERE name = 'indexed'").first?.decode(Int64.self) ?? 0
                let rows = try link.rows("SELECT id, author_handle, author_name, text FROM mention WHERE id > $1 ORDER BY id LIMIT $2",
                                         [.int(indexed), .int(Int64(max(1, batch)))])
                guard !rows.isEmpty else { return 0 }
                var documents: [(Int64, String)] = []
                documents.reserveCapacity(rows.count)
                for row in rows {
                    let (id, handle, name, text) = try row.decode((Int64, String?, String?, String).self)
                    documents.append((id, Lexemes.document(handle: handle, name: name, text: text)))
                }
                try Self.index(link, documents)
                try link.execute("UPDATE counter SET value = $1 WHERE name = 'indexed'", [.int(documents.last?.0 ?? indexed)])
                return documents.count
            }
            guard done > 0 else { return total }
            total += done
            progress?(total)
        }
    }

    /// Writes (or replaces) the index's documents of these rows.
    static func index(_ link: Link, _ documents: [(Int64, String)]) throws {
        guard !documents.isEmpty else { return }
        try link.execute("""
            INSERT INTO search (mention_id, doc) SELECT * FROM unnest($1::bigint[], $2::text[]::tsvector[])
            ON CONFLICT (mention_id) DO UPDATE SET doc = excluded.doc
            """, [.ints(documents.map(\.0)), .texts(documents.map(\.1))])
    }
}
