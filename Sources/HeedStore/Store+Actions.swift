import Foundation
import GRDB
import HeedCore

/// What an action does to each item it applies to: a new state, or (`assignee`) a new assignee.
struct Transition {
    var action: UndoneAction.Kind
    var state: StoredState
    var draft: String?
    var snoozedUntil: Int64?
    var assignee: String?

    /// The journal entry's new values (state, state_at, draft_id, snoozed_until, state_by,
    /// assignee) as SQL over the item's row, and their arguments; an assignment keeps the state
    /// columns, a state change the assignee.
    func newValues(at: Int64, by person: String) -> (sql: String, arguments: [DatabaseValueConvertible?]) {
        if action == .assign { return ("state, state_at, draft_id, snoozed_until, state_by, ?", [assignee]) }
        let answered = state == .acknowledged || state == .replied
        return ("?, ?, ?, ?, ?, assignee", [state.rawValue, answered ? at : nil, draft, snoozedUntil, state == .waiting ? nil : person])
    }
}

extension Store {
    /// Acknowledges items, threads or a whole query as one action (one undo).
    @discardableResult
    public func acknowledge(_ selection: Selection, at date: Date) throws -> AnswerResult {
        try apply(selection, Transition(action: .acknowledge, state: .acknowledged), now: date)
    }

    /// Marks items (a thread answered with one reply) replied with one draft.
    @discardableResult
    public func markReplied(_ selection: Selection, draft: String, at date: Date) throws -> AnswerResult {
        try apply(selection, Transition(action: .reply, state: .replied, draft: draft), now: date)
    }

    /// Takes items out of the queue until `until`; they come back at their place then.
    @discardableResult
    public func snooze(_ selection: Selection, until: Date, at date: Date) throws -> AnswerResult {
        try apply(selection, Transition(action: .snooze, state: .snoozed, snoozedUntil: Self.milliseconds(until)), now: date)
    }

    /// Assigns the open items of a selection to `person` (nil: nobody), as one action; items
    /// already so assigned are left out.
    @discardableResult
    public func assign(_ selection: Selection, to assignee: String?, at date: Date) throws -> AnswerResult {
        try apply(selection, Transition(action: .assign, state: .waiting, assignee: assignee), now: date)
    }

    /// Everyone who has acted on the store and everyone items are assigned to, by name.
    public func teammates() throws -> [String] {
        let names = try writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT person FROM journal WHERE person IS NOT NULL UNION SELECT DISTINCT assignee FROM mention WHERE assignee IS NOT NULL")
        }
        return Set(names + [person]).sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
    }

    /// Puts a replied item back in the queue because its draft was discarded, journaled for undo.
    /// Only an item still replied with that draft changes.
    @discardableResult
    public func reopen(_ ref: Ref, draft: String, at date: Date) throws -> Bool {
        defer { cachedQueries.changed() }
        return try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, state, state_at, draft_id FROM mention WHERE platform = ? AND native_id = ?", arguments: [ref.platform.rawValue, ref.id]),
                  row["state"] as String == StoredState.replied.rawValue, row["draft_id"] as String? == draft else { return false }
            try db.execute(sql: "INSERT INTO journal (at, action, person) VALUES (?, ?, ?)", arguments: [Self.milliseconds(date), UndoneAction.Kind.discard.rawValue, person])
            let journal = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO journal_entry (journal_id, mention_id, old_state, old_state_at, old_draft_id, old_state_by, old_assignee, new_state, new_draft_id, new_assignee)
                SELECT ?, id, state, state_at, draft_id, state_by, assignee, ?, NULL, assignee FROM mention WHERE id = ?
                """, arguments: [journal, StoredState.waiting.rawValue, row["id"] as Int64])
            try db.execute(sql: "UPDATE mention SET state = ?, state_at = NULL, draft_id = NULL, state_by = NULL WHERE id = ?", arguments: [StoredState.waiting.rawValue, row["id"] as Int64])
            return true
        }
    }

    /// Snoozed items whose time has come wait again, at their old place. Not journaled: it is
    /// the snooze ending, not an action.
    @discardableResult
    public func wakeSnoozed(now: Date) throws -> Int {
        let snoozed = StoredState.snoozed.sql
        // Looked for first on a reader, so that a launch does not wait for another write.
        let due = try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM mention WHERE state = \(snoozed) AND snoozed_until <= ?)", arguments: [Self.milliseconds(now)]) ?? false
        }
        guard due else { return 0 }
        let woken = try write { db in
            try db.execute(sql: "UPDATE mention SET state = \(StoredState.waiting.sql), snoozed_until = NULL, state_by = NULL WHERE state = \(snoozed) AND snoozed_until <= ?", arguments: [Self.milliseconds(now)])
            return db.changesCount
        }
        if woken > 0 { cachedQueries.changed() }
        return woken
    }

    /// The rows an action applies to: open (waiting or snoozed) items of the selection; the
    /// refs named that are unknown or answered already are reported.
    private func rows(_ db: Database, _ selection: Selection, result: inout AnswerResult) throws -> [Int64] {
        switch selection {
        case .view:
            return []
        case .refs(let refs), .threads(let refs):
            var ids: [Int64] = []
            var seen = Set<Int64>()
            for ref in refs {
                guard let row = try Row.fetchOne(db, sql: "SELECT id, state, conversation FROM mention WHERE platform = ? AND native_id = ?", arguments: [ref.platform.rawValue, ref.id]) else {
                    result.unknown.append(ref)
                    continue
                }
                if let state = StoredState(rawValue: row["state"]), StoredState.open.contains(state) {
                    if seen.insert(row["id"]).inserted { ids.append(row["id"]) }
                } else {
                    result.alreadyAnswered.append(ref)
                }
                if case .threads = selection, let conversation = row["conversation"] as String? {
                    for id in try Int64.fetchAll(db, sql: "SELECT id FROM mention WHERE platform = ? AND conversation = ? AND state IN \(StoredState.open.sql)",
                                                 arguments: [ref.platform.rawValue, conversation])
                    where seen.insert(id).inserted { ids.append(id) }
                }
            }
            return ids
        }
    }

    /// Applies a transition to the open items of a selection as one journaled action.
    private func apply(_ selection: Selection, _ transition: Transition, now: Date) throws -> AnswerResult {
        defer { cachedQueries.changed() }
        return try write { db in
            var result = AnswerResult(changed: [], alreadyAnswered: [], unknown: [])
            let ids = try rows(db, selection, result: &result)
            let at = Self.milliseconds(now)
            try db.execute(sql: "INSERT INTO journal (at, action, person) VALUES (?, ?, ?)", arguments: [at, transition.action.rawValue, person])
            let journal = db.lastInsertedRowID
            let new = transition.newValues(at: at, by: person)
            // An assignment leaves out the items it would not change.
            let only = transition.action == .assign ? "assignee IS NOT ? AND" : ""
            let insert = """
                INSERT INTO journal_entry (journal_id, mention_id, old_state, old_state_at, old_draft_id, old_snoozed_until, old_state_by, old_assignee,
                    new_state, new_state_at, new_draft_id, new_snoozed_until, new_state_by, new_assignee)
                SELECT ?, id, state, state_at, draft_id, snoozed_until, state_by, assignee, \(new.sql) FROM mention WHERE state IN \(StoredState.open.sql) AND \(only)
                """
            let values: [DatabaseValueConvertible?] = [journal] + new.arguments + (only.isEmpty ? [] : [transition.assignee])
            if case .view(let query) = selection {
                let sql = querySQL(query, now: now)
                try db.execute(sql: insert + " " + sql.whereClause, arguments: StatementArguments(values + sql.arguments))
            } else {
                let record = try db.makeStatement(sql: insert + " id = ?")
                for id in ids { try record.execute(arguments: StatementArguments(values + [id])) }
            }
            try db.execute(sql: """
                UPDATE mention SET state = e.new_state, state_at = e.new_state_at, draft_id = e.new_draft_id, snoozed_until = e.new_snoozed_until,
                    state_by = e.new_state_by, assignee = e.new_assignee
                FROM journal_entry e WHERE e.journal_id = ? AND mention.id = e.mention_id
                """, arguments: [journal])
            let changed = try Row.fetchAll(db, sql: "SELECT m.id, m.platform, m.native_id FROM journal_entry e JOIN mention m ON m.id = e.mention_id WHERE e.journal_id = ? LIMIT ?",
                                           arguments: [journal, Self.reportedRefs])
            result.changed = try changed.map(Self.ref)
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal_entry WHERE journal_id = ?", arguments: [journal]) ?? 0
            if count == 0 { try db.execute(sql: "DELETE FROM journal WHERE id = ?", arguments: [journal]) }
            result.changedCount = count
            return result
        }
    }

    /// Refs an action reports by name, at most (a bulk action reports its count beyond).
    static let reportedRefs = 1_000

    /// The ref of a row read with its `id`, `platform` and `native_id`; a platform this heed
    /// does not know is an error naming the row.
    static func ref(_ row: Row) throws -> Ref {
        Ref(platform: try MentionRow.platform(row["platform"], row: row["id"]), id: row["native_id"])
    }

    /// Undoes this person's last action not yet undone (actions from before people were named,
    /// and rules' actions, count as theirs), putting each item back as it was when it still
    /// holds what the action gave it: its state (and its tags and points when the action
    /// changed them), or after an assignment its assignee. Nil when there is nothing to undo.
    public func undoLast() throws -> UndoneAction? {
        defer { cachedQueries.changed() }
        let byPriority = byPriority
        return try write { db in
            guard let journal = try Row.fetchOne(db, sql: "SELECT id, action, detail FROM journal WHERE undone = 0 AND (person = ? OR person IS NULL) ORDER BY id DESC LIMIT 1",
                                                 arguments: [person]) else { return nil }
            let id: Int64 = journal["id"]
            let kind = UndoneAction.Kind(rawValue: journal["action"]) ?? .acknowledge
            let holds = kind == .assign ? "m.assignee IS e.new_assignee" : Self.holds("m")
            let still = "FROM journal_entry e JOIN mention m ON m.id = e.mention_id WHERE e.journal_id = ? AND \(holds)"
            let rows = try Row.fetchAll(db, sql: "SELECT m.platform, m.native_id, m.created_at, m.id, m.priority \(still) ORDER BY m.created_at, m.id LIMIT ?", arguments: [id, Self.reportedRefs])
            // In rank order (by points first when the store ranks by them).
            let put = try rows.map { (ref: try Self.ref($0), key: RankKey(createdAt: $0["created_at"], row: $0["id"], priority: byPriority ? $0["priority"] : 0)) }
                .sorted { $0.key < $1.key }
            let drafts = try String.fetchAll(db, sql: "SELECT DISTINCT coalesce(e.new_draft_id, e.old_draft_id) AS draft \(still) AND draft IS NOT NULL", arguments: [id])
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(still)", arguments: [id]) ?? 0
            let restore = kind == .assign ? "assignee = e.old_assignee"
                : """
                    state = e.old_state, state_at = e.old_state_at, draft_id = e.old_draft_id, snoozed_until = e.old_snoozed_until, state_by = e.old_state_by,
                    tags = CASE WHEN e.marks = 1 THEN e.old_tags ELSE m.tags END, priority = CASE WHEN e.marks = 1 THEN e.old_priority ELSE m.priority END
                    """
            try db.execute(sql: """
                UPDATE mention AS m SET \(restore)
                FROM journal_entry e WHERE e.journal_id = ? AND m.id = e.mention_id AND \(holds)
                """, arguments: [id])
            try db.execute(sql: "UPDATE journal SET undone = 1 WHERE id = ?", arguments: [id])
            var undone = UndoneAction(kind: kind, refs: put.map(\.ref), drafts: drafts, count: count, keys: put.map(\.key), detail: journal["detail"])
            let named = put.prefix(UndoneAction.namedAtMost).map(\.key.row)
            if !named.isEmpty {
                let statement = SQLStatement("\(MentionRow.select) FROM mention WHERE id IN (\(named.map { _ in "?" }.joined(separator: ", ")))", StatementArguments(named))
                undone.named = ranked(try Self.pageItems(db, statement)).sorted { $0.key < $1.key }
            }
            return undone
        }
    }

    /// An item (the table named `item`) still holds what journal entry `e` gave it: its state,
    /// and its tags and points when the entry changed them.
    static func holds(_ item: String) -> String {
        """
        \(item).state = e.new_state AND \(item).draft_id IS e.new_draft_id AND \(item).snoozed_until IS e.new_snoozed_until
        AND (e.marks = 0 OR (\(item).tags IS e.new_tags AND \(item).priority = e.new_priority))
        """
    }
}
