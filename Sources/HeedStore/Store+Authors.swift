import Foundation
import GRDB
import HeedCore

extension Store {
    /// An account's rows: full-text matches of its handle, then the exact account. The unary +
    /// keeps SQLite from walking the (platform, native_id) index over a whole platform and
    /// testing each row against the matches (85 ms at a million items): they are looked up by id.
    static let authorMatch = "id IN (SELECT rowid FROM search WHERE search MATCH ?) AND +platform = ? AND +author_handle = ? COLLATE NOCASE"

    /// The user's history with one author across the given accounts (handles compared
    /// case-insensitively, with or without a leading "@"): counts by state, the median time
    /// to answer, their first item's time, their `recent` newest items and their newest answered
    /// one, taken at `now`.
    /// Each account's rows are found through the full-text index's `who` column (its handle's
    /// words in order), then compared exactly: no index of its own slows every import.
    public func authorHistory(_ identities: [(platform: Platform, handle: String)], now: Date, recent: Int = 50) throws -> AuthorHistory {
        var accounts: [Identity] = []
        for (platform, handle) in identities {
            let account = Identity(platform: platform, handle: handle)
            if !account.handle.isEmpty, !accounts.contains(where: account.matches) { accounts.append(account) }
        }
        // A stored handle may carry the "@" (YouTube's "@name") or not: both spellings are asked for.
        let lookups = accounts.flatMap { account in [account.handle, "@" + account.handle].map { (account.platform.rawValue, $0) } }
        return try writer.read { db in
            var counts: [String: Int] = [:]
            var durations: [Double] = []
            var first: Int64?
            var items: [QueueItem] = []
            var lastAnswered: QueueItem?
            for (platform, handle) in lookups {
                guard let words = SearchText.phrase(handle, prefix: false) else { continue }
                let arguments: StatementArguments = ["who : " + words, platform, handle]
                let rows = try Row.fetchCursor(db, sql: "SELECT state, created_at, state_at FROM mention WHERE \(Self.authorMatch)", arguments: arguments)
                while let row = try rows.next() {
                    let state: String = row[0]
                    let created: Int64 = row[1]
                    counts[state, default: 0] += 1
                    first = min(first ?? created, created)
                    if state == "acknowledged" || state == "replied", let at = row[2] as Int64?, at >= created {
                        durations.append(Double(at - created) / 1000)
                    }
                }
                items += try Self.items(db, "\(MentionRow.select) FROM mention WHERE \(Self.authorMatch) ORDER BY created_at DESC, id DESC LIMIT ?", arguments + [recent])
                let answered = try Self.items(db, "\(MentionRow.select) FROM mention WHERE \(Self.authorMatch) AND state IN ('acknowledged', 'replied') ORDER BY created_at DESC, id DESC LIMIT 1", arguments)
                if let item = answered.first, lastAnswered.map({ item.key > $0.key }) ?? true { lastAnswered = item }
            }
            items.sort { $0.key > $1.key }
            var history = AuthorHistory(
                identities: accounts, asOf: now, total: counts.values.reduce(0, +),
                replied: counts["replied"] ?? 0, acknowledged: counts["acknowledged"] ?? 0,
                waiting: counts["waiting"] ?? 0, snoozed: counts["snoozed"] ?? 0,
                timed: durations.count, medianSeconds: AnswerFigures.percentile(durations.sorted(), 0.5),
                firstAt: first.map(Self.date), recent: items.prefix(max(0, recent)).map(\.mention),
                lastAnswered: lastAnswered?.mention
            )
            let indexed = try Int64.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'indexed'") ?? 0
            history.complete = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM mention").map { $0 <= indexed } ?? true
            return history
        }
    }
}
