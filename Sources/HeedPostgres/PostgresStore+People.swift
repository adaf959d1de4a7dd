import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

/// Conversations and the history with one author.
extension PostgresStore {
    /// Every item of a conversation, oldest first, whatever its state (the newest `limit`).
    public func thread(of ref: Ref, limit: Int) throws -> [QueueItem] {
        try links.with { link in
            let one = Statement("\(ItemRow.select) FROM mention m WHERE m.platform = $1 AND m.native_id = $2", [.text(ref.platform.rawValue), .text(ref.id)])
            guard let row = try link.rows(one).first else { return [] }
            let item = try ItemRow.item(row)
            guard let conversation = item.mention.conversation else { return [item] }
            let all = Statement("\(ItemRow.select) FROM mention m WHERE m.platform = $1 AND m.conversation = $2 ORDER BY m.created_at DESC, m.id DESC LIMIT $3",
                                [.text(ref.platform.rawValue), .text(conversation), .int(Int64(limit))])
            return try link.rows(all).map(ItemRow.item).reversed()
        }
    }

    /// The user's history with one author across the given accounts (handles compared without
    /// case, with or without a leading "@"). Each account's rows are found through the search
    /// index's author words, then compared exactly; `complete` is false while the index lags.
    public func authorHistory(_ identities: [(platform: Platform, handle: String)], now: Date, recent: Int) throws -> AuthorHistory {
        var tally = AuthorTally(identities)
        return try links.with { link in
            for (platform, handle) in tally.lookups {
                guard let words = Lexemes.phrase(handle, prefix: false, author: true) else { continue }
                let account = "m.id IN (SELECT mention_id FROM search WHERE doc @@ $1::tsquery) AND m.platform = $2 AND lower(m.author_handle) = lower($3)"
                let binds: [Bind] = [.text(words), .text(platform.rawValue), .text(handle)]
                for row in try link.rows("SELECT m.state, m.created_at, m.state_at FROM mention m WHERE \(account)", binds) {
                    let (name, created, at) = try row.decode((String, Int64, Int64?).self)
                    tally.count(StoredState(rawValue: name) ?? .waiting, created: created, answeredAt: at)
                }
                let answered = Statement("\(ItemRow.select) FROM mention m WHERE \(account) AND m.state IN ('acknowledged', 'replied') ORDER BY m.created_at DESC, m.id DESC LIMIT 1", binds)
                tally.add(newest: try link.rows("\(ItemRow.select) FROM mention m WHERE \(account) ORDER BY m.created_at DESC, m.id DESC LIMIT $4", binds + [.int(Int64(recent))]).map(ItemRow.item),
                          lastAnswered: try link.rows(answered).first.map(ItemRow.item))
            }
            var history = tally.history(now: now, recent: recent)
            history.complete = try unindexed(link) == 0
            return history
        }
    }
}
