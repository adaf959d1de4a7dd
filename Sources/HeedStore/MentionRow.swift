import Foundation
import GRDB
import HeedCore

/// Reads and writes the `mention` table's columns.
enum MentionRow {
    /// The columns `item` reads, in its order (by index: naming a column per read costs more
    /// than the rest of reading a row).
    static let select = "SELECT id, platform, native_id, kind, author_handle, author_name, author_url, text, created_at, url, conversation, in_reply_to, reply_target, state, state_at, draft_id, snoozed_until"

    static func item(_ row: Row) -> QueueItem {
        let createdAt: Int64 = row[8]
        let mention = Mention(
            platform: Platform(rawValue: row[1]) ?? .mastodon,
            id: row[2],
            kind: MentionKind(rawValue: row[3]) ?? .mention,
            author: Author(handle: row[4], name: row[5], url: row[6]),
            text: row[7],
            createdAt: Store.date(createdAt),
            url: row[9],
            conversation: row[10],
            inReplyTo: row[11],
            replyTarget: decodeTarget(row[12]),
            state: state(row)
        )
        return QueueItem(key: RankKey(createdAt: createdAt, row: row[0]), mention: mention)
    }

    static func state(_ row: Row) -> MentionState {
        let at: Int64? = row[14]
        switch row[13] as String {
        case "acknowledged": return .acknowledged(at: Store.date(at ?? 0))
        case "replied": return .replied(draft: row[15] ?? "", at: Store.date(at ?? 0))
        case "snoozed": return .snoozed(until: Store.date(row[16] ?? 0))
        default: return .waiting
        }
    }

    static func decodeTarget(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8),
              let value = try? JSONDecoder().decode([String: String].self, from: data) else { return [:] }
        return value
    }

    /// The reply target as stored: a JSON object with sorted keys, byte for byte what
    /// `JSONWriter` writes; nil when empty.
    static func encodeTarget(_ target: [String: String]) -> String? {
        guard !target.isEmpty else { return nil }
        var bytes: [UInt8] = []
        writeTarget(target, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `encodeTarget`'s text (of a non-empty target) as UTF-8.
    static func writeTarget(_ target: [String: String], into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for key in target.keys.sorted() {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            quote(key, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            quote(target[key] ?? "", into: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// `JSONWriter.quote` on bytes.
    static func quote(_ text: String, into bytes: inout [UInt8]) {
        JSONWriter.quote(text, into: &bytes)
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
