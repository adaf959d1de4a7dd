import Foundation
import HeedCore
import HeedStorage
import NIOCore
import PostgresNIO

/// One batch of an import on its way to the server: its rows as `COPY` text, made by the
/// caller, and the statements that move them into `mention`, run by a task on the import's
/// connection (`PostgresSink`).
struct MovingBatch: Sendable {
    /// Items in the batch.
    let count: Int
    let importedAt: Int64
    /// The last row the search index holds: changed items up to it are indexed again.
    let indexed: Int64
    /// Copied straight into `mention` (`BulkLoad`), not through `incoming`.
    let bulk: Bool
    /// Whether the rules' journal needs the last row before the batch.
    let lastRowNeeded: Bool
    /// The batch's rows as `COPY` text, for `mention` in a bulk load, for `incoming` otherwise.
    let rows: ByteBuffer

    init(mentions: [Mention], importedAt: Int64, indexed: Int64, bulk: Bool, lastRowNeeded: Bool) {
        count = mentions.count
        self.importedAt = importedAt
        self.indexed = indexed
        self.bulk = bulk
        self.lastRowNeeded = lastRowNeeded
        rows = Self.copyText(mentions, importedAt: bulk ? importedAt : nil)
    }

    /// Moves the batch into `mention`. In a bulk load it is copied straight in, inside a
    /// savepoint: should an item of it have come before in the same import, the copy is taken
    /// back and the batch goes the everyday way, which keeps the first and updates its content.
    func move(_ link: Link) async throws -> Moved {
        let lastRow = lastRowNeeded ? try await link.rows(async: "SELECT coalesce(max(id), 0) FROM mention").first?.decode(Int64.self) ?? 0 : 0
        guard bulk else { return try await moveKnown(link, data: rows, lastRow: lastRow) }
        try await link.rows(async: "SAVEPOINT batch")
        do {
            try await link.copy(async: "mention", columns: Self.columns + ["imported_at"], rows)
            try await link.rows(async: "RELEASE SAVEPOINT batch")
            return Moved(count: count, inserted: count, updated: [], lastRow: lastRow)
        } catch where PostgresFailure.state(error) == "23505" {
            try await link.rows(async: "ROLLBACK TO SAVEPOINT batch")
            try await link.rows(async: "RELEASE SAVEPOINT batch")
        }
        return try await moveKnown(link, data: Self.numbered(rows), lastRow: lastRow)
    }

    /// The everyday way: copied into `incoming`, new items inserted (in the batch's order; one
    /// answered elsewhere comes in replied), known ones whose content differs updated.
    private func moveKnown(_ link: Link, data: ByteBuffer, lastRow: Int64) async throws -> Moved {
        try await link.copy(async: "incoming", columns: ["seq"] + Self.columns, data)
        let moved = try await link.rows(async: """
            WITH ins AS (
                INSERT INTO mention (platform, native_id, kind, author_handle, author_name, author_url, text, created_at, url, conversation,
                    in_reply_to, reply_target, state, state_at, draft_id, snoozed_until, tags, priority, imported_at)
                SELECT i.platform, i.native_id, i.kind, i.author_handle, i.author_name, i.author_url, i.text, i.created_at, i.url, i.conversation,
                    i.in_reply_to, i.reply_target,
                    CASE WHEN i.state = 'waiting' AND x.at IS NOT NULL THEN 'replied' ELSE i.state END,
                    CASE WHEN i.state = 'waiting' AND x.at IS NOT NULL THEN x.at ELSE i.state_at END,
                    i.draft_id, i.snoozed_until, i.tags, i.priority, $1
                FROM incoming i LEFT JOIN answered_elsewhere x ON x.platform = i.platform AND x.native_id = i.native_id
                ORDER BY i.seq
                ON CONFLICT (platform, native_id) DO NOTHING
                RETURNING platform, native_id),
            used AS (
                DELETE FROM answered_elsewhere x USING ins, incoming i
                WHERE x.platform = ins.platform AND x.native_id = ins.native_id AND i.platform = ins.platform AND i.native_id = ins.native_id
                AND i.state = 'waiting' RETURNING 1)
            SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM used)
            """, [.int(importedAt)]).first?.decode((Int, Int).self)
        let inserted = moved?.0 ?? 0
        let content = ItemRow.contentColumns
        // A batch wholly new (a first import, a backlog) has nothing to compare.
        let updated = inserted == count ? [] : try await link.rows(async: """
            UPDATE mention m SET \(content.map { "\($0) = i.\($0)" }.joined(separator: ", "))
            FROM incoming i WHERE m.platform = i.platform AND m.native_id = i.native_id
            AND (\(content.map { "m.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(content.map { "i.\($0)" }.joined(separator: ", ")))
            RETURNING m.id, m.author_handle, m.author_name, m.text
            """)
        var changed: [Moved.Change] = []
        for row in updated {
            let (id, handle, name, text) = try row.decode((Int64, String?, String?, String).self)
            changed.append(Moved.Change(id: id, document: id <= indexed ? Lexemes.document(handle: handle, name: name, text: text) : nil))
        }
        try await link.rows(async: "TRUNCATE incoming")
        return Moved(count: count, inserted: inserted, updated: changed, lastRow: lastRow)
    }

    /// The columns `copyText` writes, in order (after `seq` for `incoming`, before `imported_at`
    /// for `mention`).
    static let columns = ["platform", "native_id", "kind", "author_handle", "author_name", "author_url", "text", "created_at", "url",
                          "conversation", "in_reply_to", "reply_target", "state", "state_at", "draft_id", "snoozed_until", "tags", "priority"]

    /// Rows made for `mention` made over for `incoming`: each led by its place instead of ended
    /// by its import time (a plain number, the last field: its line's last tab is before it).
    static func numbered(_ rows: ByteBuffer) -> ByteBuffer {
        var out = ByteBufferAllocator().buffer(capacity: rows.readableBytes + rows.readableBytes / 20)
        rows.withUnsafeReadableBytes { bytes in
            var start = 0, seq = 0
            while start < bytes.count, let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let last = bytes[start..<end].lastIndex(of: UInt8(ascii: "\t")) ?? end
                out.writeString("\(seq)\t")
                out.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[start..<last]))
                out.writeInteger(UInt8(ascii: "\n"))
                start = end + 1
                seq += 1
            }
        }
        return out
    }

    /// The batch as `COPY` text: tab-separated fields, `\N` for null, escapes for what would end
    /// one; each row led by its place in the batch for `incoming`, or ended by `importedAt` for
    /// `mention`.
    private static func copyText(_ mentions: [Mention], importedAt: Int64?) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: mentions.count * 300)
        for (seq, mention) in mentions.enumerated() {
            let state = RuleEntries.columns(mention.state)
            let fields: [String?] = [
                mention.platform.rawValue, mention.id, mention.kind.rawValue, mention.author.handle, mention.author.name,
                mention.author.url, mention.text, String(PostgresStore.milliseconds(mention.createdAt)), mention.url, mention.conversation,
                mention.inReplyTo, ItemRow.encodeTarget(mention.replyTarget), state.state, state.at.map(String.init),
                state.draft, state.snoozedUntil.map(String.init), PostgresSink.arrayLiteral(Tag.sorted(mention.tags)), String(mention.priority),
            ]
            if let importedAt {
                CopyText.write(fields + [String(importedAt)], into: &buffer)
            } else {
                CopyText.write([String(seq)] + fields, into: &buffer)
            }
        }
        return buffer
    }
}

/// What a batch did: items inserted, and those whose content changed (with their search
/// document when the index already holds them).
struct Moved: Sendable {
    struct Change: Sendable {
        let id: Int64
        let document: String?
    }

    let count: Int
    let inserted: Int
    let updated: [Change]
    /// The last row before the batch, when asked for.
    let lastRow: Int64
}
