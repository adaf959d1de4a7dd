import Foundation
import HeedCore
import HeedStorage
import NIOCore
import PostgresNIO

/// The team store's `MentionSink`: the mentions of one import, inside the import's transaction.
///
/// Mentions are gathered in batches and sent with `COPY` into a temporary table, then moved
/// with two statements: an `INSERT … ON CONFLICT DO NOTHING` of the new ones (a reply made
/// elsewhere before its item arrived makes it come in replied) and an `UPDATE` of the known
/// ones whose content differs (their state is never touched). A batch holds each item once: a
/// mention put again is preceded by a flush, so counts are as if stored one by one. The waiting
/// counters follow through the table's statement triggers. The search index is caught up after
/// the import commits, except for changed items it already holds, indexed again on the spot.
/// What rules did to new items is journaled as each batch lands (`RuleEntries`).
///
/// A batch is moved by a task on the import's connection while the next one is read and made
/// (`Running`): the server's work and heed's overlap. Whatever reads or writes beside the
/// batches (an answer, the counts, the end) first waits for the batch on its way (`land`).
/// An import into an empty store whose first batch is full is a bulk load (`BulkLoad`).
final class PostgresSink: MentionSink {
    private let link: Link
    private let now: Int64
    /// The last row before this import: rows above it are new.
    private let lastBefore: Int64
    /// The last row the search index holds.
    private let indexed: Int64
    private var batch: [Mention] = []
    private var inBatch = Set<Ref>()
    private var stored = ImportCounts()
    private var skipped = 0
    private var rejected = 0
    /// The rules' changes to the items of the batch, by ref, journaled if they turn out new.
    private var ruled: [Ref: [RuleChange]] = [:]
    private var journal: RuleEntries
    /// The batch on its way to the server, with the rules' changes to journal once it lands.
    private var moving: (running: Running<Moved>, ruled: [Ref: [RuleChange]])?
    /// Whether this sink may load an empty store in bulk (an import may, a fetched page not).
    private let bulkAllowed: Bool
    /// The bulk load, when the first batch began one.
    private var bulk: BulkLoad?
    /// Whether a batch was sent (the first decides on a bulk load).
    private var flushed = false

    /// Items sent to the server at once.
    static let batchSize = 5_000

    /// `bulk`: an import (not a fetched page) may load an empty store in bulk.
    init(link: Link, now: Date, bulk: Bool = false) throws {
        self.link = link
        self.now = PostgresStore.milliseconds(now)
        bulkAllowed = bulk
        journal = RuleEntries(link: link, now: self.now)
        lastBefore = try link.rows("SELECT coalesce(max(id), 0) FROM mention").first?.decode(Int64.self) ?? 0
        indexed = try link.rows("SELECT value FROM counter WHERE name = 'indexed'").first?.decode(Int64.self) ?? 0
        try link.execute("""
            CREATE TEMP TABLE IF NOT EXISTS incoming (seq integer, platform text, native_id text, kind text, author_handle text,
                author_name text, author_url text, text text, created_at bigint, url text, conversation text, in_reply_to text,
                reply_target text, state text, state_at bigint, draft_id text, snoozed_until bigint, tags text[], priority bigint) ON COMMIT DELETE ROWS
            """)
        try link.execute("TRUNCATE incoming")
    }

    /// What the import did so far.
    var counts: ImportCounts {
        try? flush()
        try? land()
        var counts = stored
        counts.skipped = skipped
        counts.rejected = rejected
        return counts
    }

    /// Stores one mention (new: inserted with its state; known: changed content updated).
    func put(_ mention: Mention) throws {
        try put(mention, changes: [])
    }

    /// Puts a mention in the batch with what the rules changed in it: a mention put again sends
    /// the batch first, and the changes go with the batch the mention goes with (the one that
    /// it fills included).
    private func put(_ mention: Mention, changes: [RuleChange]) throws {
        if inBatch.contains(mention.ref) { try flush() }
        batch.append(mention)
        inBatch.insert(mention.ref)
        if !changes.isEmpty { ruled[mention.ref] = changes }
        if batch.count >= Self.batchSize { try flush() }
    }

    /// Stores one mention as the rules' steps leave it; what each rule changed is journaled
    /// when the item turns out new (a known item keeps its state, tags and points).
    func put(_ mention: Mention, ruled steps: [RuleStep], at date: Date) throws {
        var marks = ItemMarks(mention)
        let changes = RuleChange.applying(steps, to: &marks, at: date)
        var stored = mention
        (stored.state, stored.tags, stored.priority) = (marks.state, marks.tags, marks.priority)
        try put(stored, changes: changes)
    }

    /// The user's own reply (seen in an imported file) answers `ref`: a waiting item becomes
    /// replied elsewhere; an item not yet imported is remembered and marked when it arrives.
    func answered(_ ref: Ref, at date: Date) throws {
        try flush()
        try land()
        let at = PostgresStore.milliseconds(date)
        let binds: [Bind] = [.text(ref.platform.rawValue), .text(ref.id), .int(at)]
        if try link.execute("UPDATE mention SET state = 'replied', state_at = $3, state_by = NULL, draft_id = NULL WHERE platform = $1 AND native_id = $2 AND state = 'waiting'", binds) > 0 {
            stored.updated += 1
            return
        }
        try link.execute("""
            INSERT INTO answered_elsewhere (platform, native_id, at) SELECT $1, $2, $3
            WHERE NOT EXISTS (SELECT 1 FROM mention WHERE platform = $1 AND native_id = $2)
            ON CONFLICT (platform, native_id) DO UPDATE SET at = excluded.at
            """, binds)
    }

    func skip() { skipped += 1 }

    func reject() { rejected += 1 }

    /// Makes the batch's rows and sends them on their way once the batch before has landed.
    private func flush() throws {
        guard !batch.isEmpty else { return }
        defer {
            batch.removeAll(keepingCapacity: true)
            inBatch.removeAll(keepingCapacity: true)
            ruled.removeAll()
        }
        if !flushed {
            flushed = true
            if bulkAllowed, lastBefore == 0, batch.count >= Self.batchSize { bulk = try BulkLoad.begin(link) }
        }
        let sending = MovingBatch(mentions: batch, importedAt: now, indexed: indexed, bulk: bulk != nil, lastRowNeeded: !ruled.isEmpty)
        try land()
        moving = (link.running { link in try await sending.move(link) }, ruled)
    }

    /// Waits for the batch on its way and takes in what it did.
    private func land() throws {
        guard let (running, ruled) = moving else { return }
        moving = nil
        let moved = try running.wait()
        stored.imported += moved.inserted
        stored.updated += moved.updated.count
        stored.unchanged += moved.count - moved.inserted - moved.updated.count
        try PostgresStore.index(link, moved.updated.compactMap { change in change.document.map { (change.id, $0) } })
        if !ruled.isEmpty { try journal.journal(ruled, after: moved.lastRow) }
    }

    /// Waits for the batch on its way, whatever it did: the import failed and the connection
    /// is about to be rolled back and given back.
    func settle() {
        guard let (running, _) = moving else { return }
        moving = nil
        _ = try? running.wait()
    }

    /// Ends the import inside its transaction: everything put is stored, and snoozed items whose
    /// conversation got a new item come back early.
    func finish() throws {
        try flush()
        try land()
        try bulk?.finish(link, after: lastBefore)
        try journal.finish()
        // An import that grew the table by a tenth or more takes its statistics at once, as
        // the server's own vacuum would a minute later: plans made while the store was small
        // (a reference's check that scans the table, kept by a connection) are made again.
        if bulk == nil, stored.imported >= Self.batchSize, Int64(stored.imported) * 10 >= lastBefore {
            try link.execute("ANALYZE mention")
        }
        try link.execute("""
            UPDATE mention SET state = 'waiting', snoozed_until = NULL, state_by = NULL
            WHERE state = 'snoozed' AND conversation IS NOT NULL AND EXISTS (
                SELECT 1 FROM mention n WHERE n.platform = mention.platform AND n.conversation = mention.conversation AND n.id > $1)
            """, [.int(lastBefore)])
    }
}

extension PostgresSink {
    /// A text array as PostgreSQL reads it: every element quoted, `"` and `\` escaped.
    static func arrayLiteral(_ values: [String]) -> String {
        "{" + values.map { value in
            // Foundation's replacing is slow, and tags rarely hold either character.
            guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }) else { return "\"" + value + "\"" }
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }
}

/// `COPY`'s text format.
enum CopyText {
    /// One row: fields separated by tabs, nulls as `\N`, backslashes, tabs, newlines and
    /// carriage returns escaped, and NUL (which PostgreSQL's text cannot hold) dropped. The row
    /// is made in an array and written to the buffer at once (a buffer's writes one byte at a
    /// time cost more than the rest of an import).
    static func write(_ fields: [String?], into buffer: inout ByteBuffer) {
        var row: [UInt8] = []
        row.reserveCapacity(fields.reduce(fields.count) { $0 + ($1?.utf8.count ?? 2) })
        for (index, field) in fields.enumerated() {
            if index > 0 { row.append(UInt8(ascii: "\t")) }
            guard let field else {
                row.append(UInt8(ascii: "\\"))
                row.append(UInt8(ascii: "N"))
                continue
            }
            let utf8 = field.utf8
            if !utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0 }) {
                row.append(contentsOf: utf8)
                continue
            }
            for byte in utf8 {
                switch byte {
                case 0x5C: row += [0x5C, 0x5C]
                case 0x09: row += [0x5C, UInt8(ascii: "t")]
                case 0x0A: row += [0x5C, UInt8(ascii: "n")]
                case 0x0D: row += [0x5C, UInt8(ascii: "r")]
                case 0: continue
                default: row.append(byte)
                }
            }
        }
        row.append(UInt8(ascii: "\n"))
        buffer.writeBytes(row)
    }
}
