import Foundation
import GRDB
import HeedCore

/// The outcome of answering items: which changed, and which someone else had answered already.
public struct AnswerResult: Sendable, Equatable {
    public var changed: [Ref]
    public var alreadyAnswered: [Ref]
    public var unknown: [Ref]
}

extension Store {
    /// Acknowledges waiting items ("seen, no reply needed"), journaled for undo.
    @discardableResult
    public func acknowledge(_ refs: [Ref], at date: Date) throws -> AnswerResult {
        try answer(refs, action: "acknowledge", state: "acknowledged", draft: nil, at: date)
    }

    /// Acknowledges every waiting item created before `date`, journaled as one action.
    public func acknowledge(createdBefore cutoff: Date, at date: Date) throws -> Int {
        let refs: [Ref] = try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT platform, native_id FROM mention WHERE state = 'waiting' AND created_at < ?", arguments: [Self.milliseconds(cutoff)])
                .compactMap { row in Platform(rawValue: row["platform"]).map { Ref(platform: $0, id: row["native_id"]) } }
        }
        return try acknowledge(refs, at: date).changed.count
    }

    /// Marks an item replied with the outbox draft that answers it, journaled for undo.
    @discardableResult
    public func markReplied(_ ref: Ref, draft: String, at date: Date) throws -> AnswerResult {
        try answer([ref], action: "reply", state: "replied", draft: draft, at: date)
    }

    /// Puts a replied item back in the queue because its draft was discarded, journaled for undo.
    /// Only an item still replied with that draft changes.
    @discardableResult
    public func reopen(_ ref: Ref, draft: String, at date: Date) throws -> Bool {
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, state, state_at, draft_id FROM mention WHERE platform = ? AND native_id = ?", arguments: [ref.platform.rawValue, ref.id]),
                  row["state"] as String == "replied", row["draft_id"] as String? == draft else { return false }
            try db.execute(sql: "INSERT INTO journal (at, action) VALUES (?, 'discard')", arguments: [Self.milliseconds(date)])
            let journal = db.lastInsertedRowID
            try db.execute(sql: "UPDATE mention SET state = 'waiting', state_at = NULL, draft_id = NULL WHERE id = ?", arguments: [row["id"] as Int64])
            try db.execute(sql: "INSERT INTO journal_entry (journal_id, mention_id, old_state, old_state_at, old_draft_id, new_state, new_draft_id) VALUES (?, ?, 'replied', ?, ?, 'waiting', NULL)",
                           arguments: [journal, row["id"] as Int64, row["state_at"] as Int64?, draft])
            return true
        }
    }

    private func answer(_ refs: [Ref], action: String, state: String, draft: String?, at date: Date) throws -> AnswerResult {
        try writer.write { db in
            var result = AnswerResult(changed: [], alreadyAnswered: [], unknown: [])
            let at = Self.milliseconds(date)
            try db.execute(sql: "INSERT INTO journal (at, action) VALUES (?, ?)", arguments: [at, action])
            let journal = db.lastInsertedRowID
            for ref in refs {
                guard let row = try Row.fetchOne(db, sql: "SELECT id, state, state_at, draft_id FROM mention WHERE platform = ? AND native_id = ?", arguments: [ref.platform.rawValue, ref.id]) else {
                    result.unknown.append(ref)
                    continue
                }
                guard row["state"] as String == "waiting" else {
                    result.alreadyAnswered.append(ref)
                    continue
                }
                try db.execute(sql: "UPDATE mention SET state = ?, state_at = ?, draft_id = ? WHERE id = ? AND state = 'waiting'",
                               arguments: [state, at, draft, row["id"] as Int64])
                try db.execute(sql: "INSERT INTO journal_entry (journal_id, mention_id, old_state, old_state_at, old_draft_id, new_state, new_draft_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [journal, row["id"] as Int64, row["state"] as String, row["state_at"] as Int64?, row["draft_id"] as String?, state, draft])
                result.changed.append(ref)
            }
            if result.changed.isEmpty { try db.execute(sql: "DELETE FROM journal WHERE id = ?", arguments: [journal]) }
            return result
        }
    }

    /// Undoes the last action not yet undone, putting each item back as it was when it still
    /// holds the state the action gave it. Nil when there is nothing to undo.
    public func undoLast() throws -> UndoneAction? {
        try writer.write { db in
            guard let journal = try Row.fetchOne(db, sql: "SELECT id, action FROM journal WHERE undone = 0 ORDER BY id DESC LIMIT 1") else { return nil }
            let id: Int64 = journal["id"]
            var refs: [Ref] = []
            var drafts: [String] = []
            let entries = try Row.fetchAll(db, sql: """
                SELECT e.*, m.platform, m.native_id, m.state AS current_state, m.draft_id AS current_draft
                FROM journal_entry e JOIN mention m ON m.id = e.mention_id WHERE e.journal_id = ?
                """, arguments: [id])
            for entry in entries {
                guard entry["current_state"] as String == entry["new_state"] as String,
                      (entry["current_draft"] as String?) == (entry["new_draft_id"] as String?) else { continue }
                try db.execute(sql: "UPDATE mention SET state = ?, state_at = ?, draft_id = ? WHERE id = ?",
                               arguments: [entry["old_state"] as String, entry["old_state_at"] as Int64?, entry["old_draft_id"] as String?, entry["mention_id"] as Int64])
                if let platform = Platform(rawValue: entry["platform"]) { refs.append(Ref(platform: platform, id: entry["native_id"])) }
                if let draft = (entry["new_draft_id"] as String?) ?? (entry["old_draft_id"] as String?) { drafts.append(draft) }
            }
            try db.execute(sql: "UPDATE journal SET undone = 1 WHERE id = ?", arguments: [id])
            let kind = UndoneAction.Kind(rawValue: journal["action"]) ?? .acknowledge
            return UndoneAction(kind: kind, refs: refs, drafts: drafts)
        }
    }
}
