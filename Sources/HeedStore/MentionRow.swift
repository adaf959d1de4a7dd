import Foundation
import GRDB
import HeedCore

/// Reads and writes the `mention` table's columns.
enum MentionRow {
    static func item(_ row: Row) -> QueueItem {
        let createdAt: Int64 = row["created_at"]
        let mention = Mention(
            platform: Platform(rawValue: row["platform"]) ?? .mastodon,
            id: row["native_id"],
            kind: MentionKind(rawValue: row["kind"]) ?? .mention,
            author: Author(handle: row["author_handle"], name: row["author_name"], url: row["author_url"]),
            text: row["text"],
            createdAt: Store.date(createdAt),
            url: row["url"],
            conversation: row["conversation"],
            inReplyTo: row["in_reply_to"],
            replyTarget: decodeTarget(row["reply_target"]),
            state: state(row)
        )
        return QueueItem(key: RankKey(createdAt: createdAt, row: row["id"]), mention: mention)
    }

    static func state(_ row: Row) -> MentionState {
        let at: Int64? = row["state_at"]
        switch row["state"] as String {
        case "acknowledged": return .acknowledged(at: Store.date(at ?? 0))
        case "replied": return .replied(draft: row["draft_id"] ?? "", at: Store.date(at ?? 0))
        case "snoozed": return .snoozed(until: Store.date(row["snoozed_until"] ?? 0))
        default: return .waiting
        }
    }

    static func decodeTarget(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8),
              let value = try? JSONDecoder().decode([String: String].self, from: data) else { return [:] }
        return value
    }

    static func encodeTarget(_ target: [String: String]) -> String? {
        guard !target.isEmpty else { return nil }
        var json = JSONWriter()
        for key in target.keys.sorted() { json.add(key, target[key]) }
        return json.finish()
    }

    /// The content columns an import may update; state columns are never among them.
    static func content(_ mention: Mention) -> [DatabaseValueConvertible?] {
        [
            mention.kind.rawValue, mention.author.handle, mention.author.name, mention.author.url,
            mention.text, Store.milliseconds(mention.createdAt), mention.url, mention.conversation,
            mention.inReplyTo, encodeTarget(mention.replyTarget),
        ]
    }

    static let contentColumns = [
        "kind", "author_handle", "author_name", "author_url", "text", "created_at", "url",
        "conversation", "in_reply_to", "reply_target",
    ]
}
