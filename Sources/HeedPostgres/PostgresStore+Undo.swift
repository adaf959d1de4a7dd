import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

extension PostgresStore {
    /// Undoes this person's last action not yet undone (another person's stay theirs to undo),
    /// putting back each item that still holds what the action gave it: the state columns after
    /// an answer, a snooze or a discard (and the tags and points when the action changed them:
    /// a tag action, a rule), the assignee after an assignment. Two undos at once take
    /// two actions (one skips the action the other holds). Nil when there is nothing to undo.
    public func undoLast() throws -> UndoneAction? {
        try links.transaction { link in
            guard let last = try link.rows("""
                SELECT id, action, detail FROM journal WHERE NOT undone AND (person = $1 OR person IS NULL)
                ORDER BY id DESC LIMIT 1 FOR UPDATE SKIP LOCKED
                """, [.text(person)]).first else { return nil }
            let (id, action, detail) = try last.decode((Int64, String, String?).self)
            let kind = UndoneAction.Kind(rawValue: action) ?? .acknowledge
            let restore: String
            let still: String
            if kind == .assign {
                restore = "assignee = e.old_assignee"
                still = "m.assignee IS NOT DISTINCT FROM e.new_assignee"
            } else {
                restore = """
                    state = e.old_state, state_at = e.old_state_at, state_by = e.old_state_by, draft_id = e.old_draft_id, snoozed_until = e.old_snoozed_until,
                    tags = CASE WHEN e.marks THEN e.old_tags ELSE m.tags END, priority = CASE WHEN e.marks THEN e.old_priority ELSE m.priority END
                    """
                still = """
                    m.state = e.new_state AND m.draft_id IS NOT DISTINCT FROM e.new_draft_id AND m.snoozed_until IS NOT DISTINCT FROM e.new_snoozed_until
                    AND (NOT e.marks OR (m.tags = e.new_tags AND m.priority = e.new_priority))
                    """
            }
            let rows = try link.rows("""
                WITH u AS (
                    UPDATE mention m SET \(restore) FROM journal_entry e
                    WHERE e.journal_id = $1 AND m.id = e.mention_id AND \(still)
                    RETURNING m.id, m.platform, m.native_id, m.created_at, m.priority, coalesce(e.new_draft_id, e.old_draft_id) AS draft)
                SELECT 'item', platform, native_id, created_at, id, priority FROM (SELECT * FROM u ORDER BY created_at, id LIMIT $2) r
                UNION ALL SELECT 'draft', draft, NULL, NULL, NULL, NULL FROM (SELECT DISTINCT draft FROM u WHERE draft IS NOT NULL) d
                UNION ALL SELECT 'count', NULL, NULL, count(*), NULL, NULL FROM u
                """, [.int(id), .int(Int64(Self.reportedRefs))])
            try link.execute("UPDATE journal SET undone = true WHERE id = $1", [.int(id)])
            var undone = UndoneAction(kind: kind, refs: [], drafts: [], detail: detail)
            let byPoints = byPriority
            var items: [(key: RankKey, ref: Ref)] = []
            for row in rows {
                let (what, text, nativeID, number, rowID, priority) = try row.decode((String, String?, String?, Int64?, Int64?, Int64?).self)
                switch what {
                case "item":
                    guard let text, let nativeID, let number, let rowID else { continue }
                    items.append((RankKey(createdAt: number, row: rowID, priority: byPoints ? priority ?? 0 : 0), Ref(platform: try ItemRow.platform(text, row: rowID), id: nativeID)))
                case "draft":
                    if let text { undone.drafts.append(text) }
                default:
                    undone.count = Int(number ?? 0)
                }
            }
            items.sort { $0.key < $1.key }
            undone.refs = items.map(\.ref)
            undone.keys = items.map(\.key)
            undone.drafts.sort()
            return undone
        }
    }
}
