import Foundation
import GRDB
import HeedCore

/// The whole store, record by record, for `heed store copy` (see `CopiedRecord`).
extension Store {
    /// Every item in the order it arrived, the replies made elsewhere still waiting for their
    /// items, then the journal, oldest action first, each followed by its entries.
    public func copyOut(_ body: (CopiedRecord) throws -> Void) throws {
        try writer.read { db in
            let items = try Row.fetchCursor(db, sql: "\(MentionRow.select), imported_at FROM mention ORDER BY id")
            while let row = try items.next() {
                let item = try MentionRow.item(row)
                var mention = item.mention
                mention.state = .waiting
                try body(.item(mention, Self.copiedState(row, from: 13), importedAt: row[21]))
            }
            let answers = try Row.fetchCursor(db, sql: "SELECT platform, native_id, at FROM answered_elsewhere ORDER BY rowid")
            while let row = try answers.next() {
                guard let platform = Platform(rawValue: row[0]) else { continue }
                try body(.answeredElsewhere(Ref(platform: platform, id: row[1]), at: row[2]))
            }
            let journals = try Row.fetchCursor(db, sql: "SELECT id, at, action, person, undone, detail FROM journal ORDER BY id")
            while let journal = try journals.next() {
                try body(.action(at: journal["at"], name: journal["action"], person: journal["person"], undone: journal["undone"], detail: journal["detail"]))
                let entries = try Row.fetchCursor(db, sql: """
                    SELECT m.platform, m.native_id, m.id, e.old_state, e.old_state_at, e.old_draft_id, e.old_snoozed_until, e.old_state_by, e.old_assignee,
                        e.new_state, e.new_state_at, e.new_draft_id, e.new_snoozed_until, e.new_state_by, e.new_assignee,
                        e.marks, e.old_tags, e.old_priority, e.new_tags, e.new_priority
                    FROM journal_entry e JOIN mention m ON m.id = e.mention_id WHERE e.journal_id = ? ORDER BY e.rowid
                    """, arguments: [journal["id"] as Int64])
                while let row = try entries.next() {
                    let ref = Ref(platform: try MentionRow.platform(row[0], row: row[2]), id: row[1])
                    var old = Self.journalState(row, from: 3), new = Self.journalState(row, from: 9)
                    if row[15] as Bool {
                        old.marks = CopiedMarks(tags: MentionRow.decodeTags(row[16]), priority: row[17] ?? 0)
                        new.marks = CopiedMarks(tags: MentionRow.decodeTags(row[18]), priority: row[19] ?? 0)
                    }
                    try body(.entry(ref, old: old, new: new))
                }
            }
        }
    }

    /// An item's state columns read with `MentionRow.select` (state at `index`).
    static func copiedState(_ row: Row, from index: Int) -> CopiedState {
        CopiedState(state: StoredState(rawValue: row[index]) ?? .waiting, at: row[index + 1], by: row[index + 4], draft: row[index + 2],
                    snoozedUntil: row[index + 3], assignee: row[index + 5])
    }

    /// A journal entry's side: state, at, draft, snoozed until, by, assignee from `index`.
    static func journalState(_ row: Row, from index: Int) -> CopiedState {
        CopiedState(state: StoredState(rawValue: row[index]) ?? .waiting, at: row[index + 1], by: row[index + 4], draft: row[index + 2],
                    snoozedUntil: row[index + 3], assignee: row[index + 5])
    }

    /// Writes another store's records as one transaction; then the search index catches up as
    /// after an import.
    public func copyIn(_ body: (any CopySink) throws -> Void) throws -> CopyCounts {
        defer { cachedQueries.changed() }
        let counts = try bulkWrite { db in
            let sink = CopyWriter(db)
            try body(sink)
            return sink.counts
        }
        if try unindexedCount() <= Self.indexAtOnce { try catchUpSearch() }
        return counts
    }
}

/// The SQLite store's `CopySink`, on the copy's transaction.
final class CopyWriter: CopySink {
    private let db: Database
    private(set) var counts = CopyCounts()
    private var journal: Int64?

    init(_ db: Database) { self.db = db }

    func put(_ record: CopiedRecord) throws {
        switch record {
        case .item(let mention, let state, let importedAt):
            try db.execute(sql: """
                INSERT INTO mention (platform, native_id, \(MentionRow.contentColumns.joined(separator: ", ")), state, state_at, draft_id, snoozed_until, state_by, assignee,
                    imported_at, tags, priority)
                VALUES (\(Array(repeating: "?", count: 21).joined(separator: ", "))) ON CONFLICT (platform, native_id) DO NOTHING
                """, arguments: [mention.platform.rawValue, mention.id, mention.kind.rawValue, mention.author.handle, mention.author.name, mention.author.url,
                                 mention.text, Store.milliseconds(mention.createdAt), mention.url, mention.conversation, mention.inReplyTo,
                                 MentionRow.encodeTarget(mention.replyTarget), state.state.rawValue, state.at, state.draft, state.snoozedUntil, state.by,
                                 state.assignee, importedAt, MentionRow.encodeTags(mention.tags), mention.priority])
            if db.changesCount > 0 { counts.items += 1 } else { counts.kept += 1 }
        case .answeredElsewhere(let ref, let at):
            try db.execute(sql: """
                INSERT INTO answered_elsewhere (platform, native_id, at) SELECT ?, ?, ?
                WHERE NOT EXISTS (SELECT 1 FROM mention WHERE platform = ? AND native_id = ?) ON CONFLICT DO NOTHING
                """, arguments: [ref.platform.rawValue, ref.id, at, ref.platform.rawValue, ref.id])
            counts.answers += db.changesCount
        case .action(let at, let name, let person, let undone, let detail):
            try db.execute(sql: "INSERT INTO journal (at, action, person, undone, detail) VALUES (?, ?, ?, ?, ?)", arguments: [at, name, person, undone, detail])
            journal = db.lastInsertedRowID
            counts.actions += 1
        case .entry(let ref, let old, let new):
            guard let journal else { throw StoreError("a journal entry came before its action") }
            try db.execute(sql: """
                INSERT INTO journal_entry (journal_id, mention_id, old_state, old_state_at, old_draft_id, old_snoozed_until, old_state_by, old_assignee,
                    new_state, new_state_at, new_draft_id, new_snoozed_until, new_state_by, new_assignee, marks, old_tags, old_priority, new_tags, new_priority)
                SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM mention WHERE platform = ? AND native_id = ?
                """, arguments: [journal, old.state.rawValue, old.at, old.draft, old.snoozedUntil, old.by, old.assignee,
                                 new.state.rawValue, new.at, new.draft, new.snoozedUntil, new.by, new.assignee,
                                 old.marks != nil || new.marks != nil, old.marks.flatMap { MentionRow.encodeTags($0.tags) }, old.marks?.priority,
                                 new.marks.flatMap { MentionRow.encodeTags($0.tags) }, new.marks?.priority, ref.platform.rawValue, ref.id])
        }
    }
}
