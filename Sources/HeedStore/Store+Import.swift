import Foundation
import GRDB
import HeedCore

/// The SQLite store's `MentionSink`: takes the mentions of one import inside one transaction.
///
/// `put` and `answered` queue their work in batches, in order, for a writer thread, which
/// carries it out with `MentionWriter` while the caller goes on reading the file: on two
/// cores, parsing and SQLite overlap. At most `batchesAhead` batches wait, so memory stays
/// flat. The
/// connection is only ever used by one thread at a time: whatever the sink does on it itself
/// (bulk mode, the end of the import) waits for the writer to finish what it was given first.
/// An error on the writer thread is thrown by a later `put` or `answered` or by the end of the
/// import, and rolls the whole import back as before; records read meanwhile are not stored.
///
/// Bulk mode: once an import has inserted many items (at least `bulkAfter`: a quarter of the
/// rows the store had, and never fewer than `bulkMinimum`), keeping the secondary indexes (rank,
/// thread, snoozed) sorted item by item costs more than building them again, and the waiting
/// counter's insert trigger costs a statement per item. So, inside the import's transaction,
/// those indexes, the tag table's and the journal entries' secondary indexes, and the triggers
/// `mention_waiting_insert` and `mention_tags_insert` are dropped; `finish()` (still inside the
/// transaction) lists the new items' tags in one statement, creates the rest again from their
/// own SQL as stored in `sqlite_master` (so the schema is the same text afterwards) and adds
/// the waiting items inserted meanwhile to the counters (total and per platform, the latter
/// made when new).
///
/// `finish()` also wakes snoozed items whose conversation got a new item. The full-text index
/// is caught up after the import commits, in batches of its own (`Store.catchUpSearch`).
/// SQLite's DDL is transactional: other connections never see the schema without them, and an
/// import that fails rolls the drop back with everything else. The counter's other triggers
/// (update, delete) stay, so `answered` keeps it exact.
public final class ImportSink: MentionSink {
    private let db: Database
    private let writer: MentionWriter
    private let shared = Shared()
    private let thread: WriterThread
    /// Batches queued or being stored, at most `batchesAhead`.
    private let slots = DispatchSemaphore(value: ImportSink.batchesAhead)
    private var batch: [Work] = []
    private var skipped = 0
    private var rejected = 0
    /// Items inserted before bulk mode starts.
    private let bulkAfter: Int
    private var bulk: Bulk?
    private var finished = false

    /// What the writer thread is asked to do, in order.
    private enum Work: Sendable {
        case put(Mention, [RuleStep], at: Date)
        case answered(Ref, at: Int64)
    }

    /// Records handed to the writer thread at once.
    static let batchSize = 256
    /// Batches given to the writer thread and not yet stored, at most (the writer runs at a
    /// lower priority: it needs work ahead when it gets the processor).
    static let batchesAhead = 8
    /// Bulk mode never starts before this many items were inserted by one import.
    static let bulkMinimum = 20_000

    /// What bulk mode dropped, to create again.
    private struct Bulk {
        var indexes: [String]
        var triggers: [String]
        /// The last row before bulk mode: the tags of the rows after it are listed at the end.
        var tagsAfter: Int64
    }
    /// The last row before this import: rows above it are new.
    private let lastBefore: Int64

    /// What the writer thread tells the sink between batches.
    private final class Shared: @unchecked Sendable {
        private let lock = NSLock()
        private var failure: (any Error)?
        private var stopped = false
        private var imported = 0

        /// Whether the writer should go on (no failure, not stopped).
        var running: Bool { lock.withLock { failure == nil && !stopped } }
        func fail(_ error: any Error) { lock.withLock { if failure == nil { failure = error } } }
        func stop() { lock.withLock { stopped = true } }
        func published(imported count: Int) { lock.withLock { imported = count } }
        var importedSoFar: Int { lock.withLock { imported } }

        func check() throws {
            if let error = lock.withLock({ failure }) { throw error }
        }
    }

    /// When the import runs.
    private let now: Date

    init(db: Database, now: Date, bulkAfter: Int? = nil) throws {
        self.db = db
        self.now = now
        writer = try MentionWriter(db: db, now: Store.milliseconds(now))
        let rows = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM mention") ?? 0
        lastBefore = Int64(rows)
        self.bulkAfter = bulkAfter ?? max(Self.bulkMinimum, rows / 4)
        batch.reserveCapacity(Self.batchSize)
        // Last: an init that throws has no deinit to end the thread.
        thread = WriterThread(name: "heed import writer")
    }

    deinit {
        // Never leave the writer thread on the connection (a failed import rolls back next).
        stop()
        thread.close()
    }

    /// What the import did so far (waits for the writer thread).
    public var counts: ImportCounts {
        try? submit()
        thread.sync()
        var counts = writer.counts
        counts.skipped = skipped
        counts.rejected = rejected
        return counts
    }

    /// The user's own reply (seen in an imported file) answers `ref`: a waiting item becomes
    /// replied elsewhere; an item not yet imported is remembered and marked when it arrives.
    public func answered(_ ref: Ref, at date: Date) throws {
        try add(.answered(ref, at: Store.milliseconds(date)))
    }

    /// Stores one mention: new ones are inserted (with their state when it is given), known
    /// ones have changed content updated and their state left alone.
    public func put(_ mention: Mention) throws {
        try add(.put(mention, [], at: now))
    }

    /// Stores one mention and, when it is new, applies and journals what the rules did to it
    /// (see `RuleJournal`).
    public func put(_ mention: Mention, ruled steps: [RuleStep], at date: Date) throws {
        try add(.put(mention, steps, at: date))
    }

    private func add(_ work: Work) throws {
        batch.append(work)
        guard batch.count >= Self.batchSize else { return }
        try submit()
        if bulk == nil, shared.importedSoFar >= bulkAfter { try startBulk() }
    }

    /// Counts a record that was valid but not for the queue.
    public func skip() { skipped += 1 }

    /// Counts a malformed record.
    public func reject() { rejected += 1 }

    // MARK: - The writer thread

    /// Hands the batch to the writer thread (waiting while `batchesAhead` are queued); throws
    /// what the writer thread failed with, if it did.
    private func submit() throws {
        try shared.check()
        guard !batch.isEmpty else { return }
        let work = batch
        batch.removeAll(keepingCapacity: true)
        slots.wait()
        thread.async { [writer, shared, slots] in
            defer { slots.signal() }
            guard shared.running else { return }
            do {
                for item in work {
                    switch item {
                    case .put(let mention, let steps, let date): try writer.store(mention, steps: steps, at: date)
                    case .answered(let ref, let at): try writer.answered(ref, at: at)
                    }
                }
            } catch {
                shared.fail(error)
            }
            shared.published(imported: writer.counts.imported)
        }
    }

    /// Stores everything put so far; after it, the connection is the sink's alone.
    private func drain() throws {
        try submit()
        thread.sync()
        try shared.check()
    }

    /// Lets the writer thread finish what it is doing and drop the rest.
    private func stop() {
        shared.stop()
        thread.sync()
    }

    // MARK: - Bulk mode

    /// Drops the secondary indexes and the waiting counter's insert trigger (see the type's notes).
    private func startBulk() throws {
        try drain()
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND tbl_name IN ('mention', 'mention_tag', 'journal_entry') AND sql IS NOT NULL
            """)
        let triggers = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('mention_waiting_insert', 'mention_tags_insert')
            """)
        guard triggers.count == 2, !indexes.isEmpty else {
            // Not the schema this was written for: stay in the ordinary mode.
            bulk = Bulk(indexes: [], triggers: [], tagsAfter: 0)
            return
        }
        let last = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM mention") ?? 0
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
        for index in indexes { try db.execute(sql: "DROP INDEX \(index["name"] as String)") }
        try writer.prepareAgain()
        writer.bulk = true
        bulk = Bulk(indexes: indexes.map { $0["sql"] }, triggers: triggers.map { $0["sql"] }, tagsAfter: last)
    }

    /// Ends the import inside its transaction: everything put is stored, what bulk mode dropped
    /// is created again and the counter brought up to date.
    func finish() throws {
        try drain()
        guard !finished else { return }
        finished = true
        if let bulk, writer.bulk {
            // What `mention_tags_insert` would have listed, in the table's own order.
            try db.execute(sql: """
                INSERT OR IGNORE INTO mention_tag (tag, mention_id)
                SELECT t.value, m.id FROM mention m, json_each(m.tags) t WHERE m.id > ? AND m.tags IS NOT NULL ORDER BY 1, 2
                """, arguments: [bulk.tagsAfter])
            for index in bulk.indexes { try db.execute(sql: index) }
            for trigger in bulk.triggers { try db.execute(sql: trigger) }
            for (platform, count) in writer.bulkWaiting {
                try db.execute(sql: "UPDATE counter SET value = value + ? WHERE name = ?", arguments: [count, Counter.waiting])
                try db.execute(sql: "INSERT INTO counter (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
                               arguments: [Counter.waiting(platform), count])
            }
        }
        // With the journal's indexes back: removing the rows of rules that changed nothing
        // looks their entries up by them.
        try writer.finishRules()
        // New activity in a snoozed item's conversation brings it back early.
        try db.execute(sql: """
            UPDATE mention SET state = \(StoredState.waiting.sql), snoozed_until = NULL
            WHERE state = \(StoredState.snoozed.sql) AND conversation IS NOT NULL AND EXISTS (
                SELECT 1 FROM mention n WHERE n.platform = mention.platform AND n.conversation = mention.conversation AND n.id > ?)
            """, arguments: [lastBefore])
    }

    /// The import failed: the writer thread stops before the transaction rolls back.
    func abandon() { stop() }
}

extension Store {
    /// Runs one import in one transaction: everything `body` puts is stored, or nothing is
    /// when it throws.
    public func importing(now: Date, _ body: (any MentionSink) throws -> Void) throws -> ImportCounts {
        try importing(now: now, bulkAfter: nil) { try body($0) }
    }

    /// Imports that leave at most this many rows unindexed are indexed for search at once;
    /// larger backlogs are indexed by the next open queue in the background, or by a search
    /// from the shell, so a large import returns as soon as its items are stored.
    public static let indexAtOnce = 50_000

    /// `bulkAfter` sets when bulk mode starts (tests use small numbers).
    func importing(now: Date, bulkAfter: Int?, _ body: (ImportSink) throws -> Void) throws -> ImportCounts {
        defer { cachedQueries.changed() }
        let counts = try loadWrite { db in
            let sink = try ImportSink(db: db, now: now, bulkAfter: bulkAfter)
            do {
                try body(sink)
                try sink.finish()
            } catch {
                sink.abandon()
                throw error
            }
            return sink.counts
        }
        // The items are in; the search index follows in batches of its own, at once for an
        // import of everyday size, later for a large backlog (see `catchUpSearch`).
        if try unindexedCount() <= Self.indexAtOnce { try catchUpSearch() }
        return counts
    }
}
