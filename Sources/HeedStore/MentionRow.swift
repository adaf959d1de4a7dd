import Foundation
import GRDB
import HeedCore

/// Reads and writes the `mention` table's columns.
enum MentionRow {
    /// The columns `item` reads, in its order (by index: naming a column per read costs more
    /// than the rest of reading a row).
    static let select = "SELECT id, platform, native_id, kind, author_handle, author_name, author_url, text, created_at, url, conversation, in_reply_to, reply_target, state, state_at, draft_id, snoozed_until, state_by, assignee, tags, priority"

    /// The item of a row read with `select`; a platform this heed does not know is an error
    /// naming the row (never read as another platform).
    static func item(_ row: Row) throws -> QueueItem {
        let id: Int64 = row[0]
        let createdAt: Int64 = row[8]
        let mention = Mention(
            platform: try platform(row[1], row: id),
            id: row[2],
            kind: MentionKind(rawValue: row[3]) ?? .mention,
            author: Author(handle: row[4], name: row[5], url: row[6]),
            text: row[7],
            createdAt: Store.date(createdAt),
            url: row[9],
            conversation: row[10],
            inReplyTo: row[11],
            replyTarget: decodeTarget(row[12]),
            state: state(row),
            tags: decodeTags(row[19]),
            priority: row[20]
        )
        return QueueItem(key: RankKey(createdAt: createdAt, row: id), mention: mention, assignee: row[18], stateBy: row[17])
    }

    /// The platform a row names, or an error naming the row.
    static func platform(_ name: String, row id: Int64) throws -> Platform {
        guard let platform = Platform(rawValue: name) else { throw StoreError.unknownPlatform(name, row: "mention row \(id)") }
        return platform
    }

    /// The state of a row read with `select` (a state this heed does not know reads as waiting).
    static func state(_ row: Row) -> MentionState {
        let at: Int64? = row[14]
        switch StoredState(rawValue: row[13]) {
        case .acknowledged: return .acknowledged(at: Store.date(at ?? 0))
        case .replied: return .replied(draft: row[15] ?? "", at: Store.date(at ?? 0))
        case .snoozed: return .snoozed(until: Store.date(row[16] ?? 0))
        case .waiting, nil: return .waiting
        }
    }

    /// The tags as stored: a JSON array of tags, sorted (see `Tag`); nil when there are none.
    static func encodeTags(_ tags: [String]) -> String? {
        guard !tags.isEmpty else { return nil }
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, tag) in (Tag.inOrder(tags) ? tags : Tag.sorted(tags)).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            quote(tag, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The tags of a stored value (anything unreadable is no tags).
    static func decodeTags(_ text: String?) -> [String] {
        // Most items and journal entries have none: no decoder is made for them.
        guard let text, text != "[]", let data = text.data(using: .utf8), let tags = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return tags
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
    static let contentColumns = [
        "kind", "author_handle", "author_name", "author_url", "text", "created_at", "url",
        "conversation", "in_reply_to", "reply_target",
    ]
}
