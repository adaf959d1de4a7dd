import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

/// Reads the `mention` table's rows into items.
enum ItemRow {
    /// The columns `item` reads, in its order (read by index), from `mention m`.
    static let columns = "m.id, m.platform, m.native_id, m.kind, m.author_handle, m.author_name, m.author_url, m.text, m.created_at, m.url, m.conversation, m.in_reply_to, m.reply_target, m.state, m.state_at, m.draft_id, m.snoozed_until, m.state_by, m.assignee, m.tags, m.priority"

    /// The select of items without anyone's composer.
    static let select = "SELECT \(columns), NULL::text"

    /// The select of items as a queue shows them: with someone else's open composer (not this
    /// session's; a presence not heard from for `Presence.expiry` seconds has ended) and the
    /// open items of the conversation, read in the same statement (the thread index's rows).
    static func shown(session: String) -> String {
        "SELECT \(columns), (SELECT p.person FROM presence p WHERE p.mention_id = m.id AND p.session <> '\(session)' AND p.seen > now() - interval '\(Presence.expiry) seconds' ORDER BY p.since LIMIT 1), "
            + "CASE WHEN m.conversation IS NOT NULL THEN (SELECT count(*) FROM mention t WHERE t.platform = m.platform AND t.conversation = m.conversation AND t.state IN ('waiting', 'snoozed')) END"
    }

    /// The item of a row read with `select` or `shown` (which also counts its conversation's
    /// open items); a platform this heed does not know is an error naming the row (never read
    /// as another platform).
    static func item(_ row: PostgresRow) throws -> QueueItem { try item(row, from: 0) }

    /// The item of a row whose item columns start at cell `first` (after others a statement put first).
    static func item(_ row: PostgresRow, from first: Int) throws -> QueueItem {
        let all = row.makeRandomAccess()
        let cells = Cells(all: all, first: first)
        // An item of a conversation counts as one even when it is no longer open itself.
        let thread = all.count > first + 22 ? max(1, Int(try cells[22].decode(Int64?.self) ?? 1)) : 1
        let id = try cells[0].decode(Int64.self)
        let createdAt = try cells[8].decode(Int64.self)
        let mention = Mention(
            platform: try platform(try cells[1].decode(String.self), row: id),
            id: try cells[2].decode(String.self),
            kind: MentionKind(rawValue: try cells[3].decode(String.self)) ?? .mention,
            author: Author(handle: try cells[4].decode(String?.self), name: try cells[5].decode(String?.self), url: try cells[6].decode(String?.self)),
            text: try cells[7].decode(String.self),
            createdAt: PostgresStore.date(createdAt),
            url: try cells[9].decode(String?.self),
            conversation: try cells[10].decode(String?.self),
            inReplyTo: try cells[11].decode(String?.self),
            replyTarget: decodeTarget(try cells[12].decode(String?.self)),
            state: state(try cells[13].decode(String.self), at: try cells[14].decode(Int64?.self), draft: try cells[15].decode(String?.self),
                         until: try cells[16].decode(Int64?.self)),
            tags: try cells[19].decode([String].self),
            priority: Int(try cells[20].decode(Int64.self))
        )
        return QueueItem(key: RankKey(createdAt: createdAt, row: id), mention: mention, thread: thread, assignee: try cells[18].decode(String?.self),
                         stateBy: try cells[17].decode(String?.self), composing: try cells[21].decode(String?.self))
    }

    /// A row's cells counted from where its item's columns start.
    private struct Cells {
        let all: PostgresRandomAccessRow
        let first: Int
        subscript(_ index: Int) -> PostgresCell { all[first + index] }
    }

    /// The platform a row names, or an error naming the row.
    static func platform(_ name: String, row id: Int64) throws -> Platform {
        guard let platform = Platform(rawValue: name) else { throw StoreError.unknownPlatform(name, row: "mention row \(id)") }
        return platform
    }

    /// An item's state from its columns (a state this heed does not know reads as waiting).
    static func state(_ name: String, at: Int64?, draft: String?, until: Int64?) -> MentionState {
        switch StoredState(rawValue: name) {
        case .acknowledged: return .acknowledged(at: PostgresStore.date(at ?? 0))
        case .replied: return .replied(draft: draft ?? "", at: PostgresStore.date(at ?? 0))
        case .snoozed: return .snoozed(until: PostgresStore.date(until ?? 0))
        case .waiting, nil: return .waiting
        }
    }

    /// The reply target as stored: a JSON object with sorted keys (as `JSONWriter` writes it); nil when empty.
    static func encodeTarget(_ target: [String: String]) -> String? {
        guard !target.isEmpty else { return nil }
        var json = JSONWriter()
        for key in target.keys.sorted() { json.add(key, target[key]) }
        return json.finish()
    }

    static func decodeTarget(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8),
              let value = try? JSONDecoder().decode([String: String].self, from: data) else { return [:] }
        return value
    }

    /// The content columns an import may update; state columns are never among them.
    static let contentColumns = [
        "kind", "author_handle", "author_name", "author_url", "text", "created_at", "url",
        "conversation", "in_reply_to", "reply_target",
    ]
}
