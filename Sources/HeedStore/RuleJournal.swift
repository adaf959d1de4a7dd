import Foundation
import GRDB
import GRDBSQLite
import HeedCore

/// What the rules did to the new items of one import, in the journal: one journal row per
/// rule (action `rule`, its label as the detail), one entry per item it changed, with the
/// item's state, tags and points before and after (`marks` = 1). Journal rows are made in the
/// rules' order (a rule's row makes the rows of the rules before it too), so that undo takes
/// the last rule's first: an item two rules changed goes back one rule at a time. Rows of
/// rules that changed nothing are removed when the import ends.
///
/// Runs on the import's writer thread with `MentionWriter`, through raw statements only.
struct RuleJournal {
    private let db: Database
    private let now: Int64
    /// The journal row of each rule, by its number; the highest rule number with a row.
    private var rows: [Int: Int64] = [:]
    private var highest = 0
    private var labelled = Set<Int>()
    private var open: RawStatement
    private var name: RawStatement
    private var entry: RawStatement
    private var unused: RawStatement

    init(db: Database, now: Int64) throws {
        self.db = db
        self.now = now
        (open, name, entry, unused) = try Self.statements(db)
    }

    private static func statements(_ db: Database) throws -> (RawStatement, RawStatement, RawStatement, RawStatement) {
        (try RawStatement(db, "INSERT INTO journal (at, action) VALUES (?, '\(UndoneAction.Kind.rule.rawValue)')"),
         try RawStatement(db, "UPDATE journal SET detail = ? WHERE id = ?"),
         try RawStatement(db, """
            INSERT INTO journal_entry (journal_id, mention_id, old_state, old_state_at, old_draft_id, old_snoozed_until,
                new_state, new_draft_id, new_snoozed_until, marks, old_tags, new_tags, old_priority, new_priority)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
            """),
         try RawStatement(db, "DELETE FROM journal WHERE id = ? AND NOT EXISTS (SELECT 1 FROM journal_entry WHERE journal_id = ?)"))
    }

    /// Prepares the statements again after a schema change (see `MentionWriter.prepareAgain`).
    mutating func prepareAgain() throws {
        (open, name, entry, unused) = try Self.statements(db)
    }

    /// Journals the changes made to a new item (row `mention`).
    mutating func journal(_ changes: [RuleChange], of mention: Int64) throws {
        for change in changes {
            let journal = try row(for: change.rule, label: change.label)
            let old = Self.columns(change.before.state), new = Self.columns(change.after.state)
            entry.bind(1, journal)
            entry.bind(2, mention)
            entry.bind(3, old.state)
            entry.bind(4, old.at)
            entry.bind(5, old.draft)
            entry.bind(6, old.snoozedUntil)
            entry.bind(7, new.state)
            entry.bind(8, new.draft)
            entry.bind(9, new.snoozedUntil)
            entry.bind(10, MentionRow.encodeTags(change.before.tags))
            entry.bind(11, MentionRow.encodeTags(change.after.tags))
            entry.bind(12, Int64(change.before.priority))
            entry.bind(13, Int64(change.after.priority))
            try entry.execute()
        }
    }

    /// The journal row of a rule, made (with those of the rules before it) when first needed.
    private mutating func row(for rule: Int, label: String) throws -> Int64 {
        while highest < rule {
            highest += 1
            open.bind(1, now)
            try open.execute()
            rows[highest] = db.rawLastRowID
        }
        guard let journal = rows[rule] else { throw DatabaseError(message: "no journal row for rule \(rule)") }
        if labelled.insert(rule).inserted {
            name.bind(1, label)
            name.bind(2, journal)
            try name.execute()
        }
        return journal
    }

    /// Removes the rows of rules that changed nothing.
    func finish() throws {
        for journal in rows.values {
            unused.bind(1, journal)
            unused.bind(2, journal)
            try unused.execute()
        }
    }

    /// A state as the journal's columns hold it.
    static func columns(_ state: MentionState) -> (state: String, at: Int64?, draft: String?, snoozedUntil: Int64?) {
        switch state {
        case .waiting: (StoredState.waiting.rawValue, nil, nil, nil)
        case .acknowledged(let at): (StoredState.acknowledged.rawValue, Store.milliseconds(at), nil, nil)
        case .replied(let draft, let at): (StoredState.replied.rawValue, Store.milliseconds(at), draft.isEmpty ? nil : draft, nil)
        case .snoozed(let until): (StoredState.snoozed.rawValue, nil, nil, Store.milliseconds(until))
        }
    }
}

extension Database {
    /// The row of the last insert on this connection, read through SQLite's C API (callable on
    /// the import's writer thread).
    var rawLastRowID: Int64 { sqlite3_last_insert_rowid(sqliteConnection) }
}
