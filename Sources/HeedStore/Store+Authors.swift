import Foundation
import GRDB
import HeedCore

extension Store {
    /// The user's history with one author across the given accounts (handles compared
    /// case-insensitively, with or without a leading "@"): counts by state, the median time
    /// to answer, their first item's time, their `recent` newest items and their newest answered
    /// one, taken at `now`.
    /// Each account's rows are found through the full-text index's `who` column (its handle's
    /// words in order), then compared exactly: no index of its own slows every import.
    public func authorHistory(_ identities: [(platform: Platform, handle: String)], now: Date, recent: Int) throws -> AuthorHistory {
        var tally = AuthorTally(identities)
        return try writer.read { db in
            for (platform, handle) in tally.lookups {
                guard let account = AuthorRows(platform: platform, handle: handle) else { continue }
                let times = account.times
                let rows = try Row.fetchCursor(db, sql: times.sql, arguments: times.arguments)
                while let row = try rows.next() {
                    tally.count(StoredState(rawValue: row[0]) ?? .waiting, created: row[1], answeredAt: row[2])
                }
                tally.add(newest: try Self.items(db, account.newest(recent)), lastAnswered: try Self.items(db, account.lastAnswered).first)
            }
            var history = tally.history(now: now, recent: recent)
            let indexed = try Self.indexedUpTo(db)
            history.complete = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM mention").map { $0 <= indexed } ?? true
            return history
        }
    }

    /// The statements that read one account's rows: full-text matches of its handle, then the
    /// exact account. The unary + keeps SQLite from walking the (platform, native_id) index over
    /// a whole platform and testing each row against the matches (85 ms at a million items):
    /// they are looked up by id.
    struct AuthorRows {
        static let match = "id IN (SELECT rowid FROM search WHERE search MATCH ?) AND +platform = ? AND +author_handle = ? COLLATE NOCASE"
        let arguments: [DatabaseValueConvertible]

        /// Nil for a handle with no word to look for.
        init?(platform: Platform, handle: String) {
            guard let words = SearchText.phrase(handle, prefix: false) else { return nil }
            arguments = ["who : " + words, platform.rawValue, handle]
        }

        /// State, creation and answer times of every row.
        var times: SQLStatement {
            SQLStatement("SELECT state, created_at, state_at FROM mention WHERE \(Self.match)", StatementArguments(arguments))
        }

        /// The newest `limit` rows.
        func newest(_ limit: Int) -> SQLStatement {
            SQLStatement("\(MentionRow.select) FROM mention WHERE \(Self.match) ORDER BY created_at DESC, id DESC LIMIT ?", StatementArguments(arguments + [limit]))
        }

        /// The newest answered row.
        var lastAnswered: SQLStatement {
            SQLStatement("\(MentionRow.select) FROM mention WHERE \(Self.match) AND state IN \(StoredState.answered.sql) ORDER BY created_at DESC, id DESC LIMIT 1",
                         StatementArguments(arguments))
        }
    }
}
