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
        // One statement, its own transaction: the action is taken (skipping one another undo
        // holds), marked undone, and its items put back, in one round trip to the server.
        // The items put back come as rows of their own (the first `reportedRefs`, in rank
        // order), each with the action, its count and its drafts; an action that put nothing
        // back is one row without an item.
        let rows = try links.statement("""
            WITH j AS (
                SELECT id, action, detail FROM journal WHERE NOT undone AND (person = $1 OR person IS NULL)
                ORDER BY id DESC LIMIT 1 FOR UPDATE SKIP LOCKED),
            done AS (UPDATE journal SET undone = true FROM j WHERE journal.id = j.id),
            u AS (
                UPDATE mention m SET \(Self.restore) FROM j JOIN journal_entry e ON e.journal_id = j.id
                WHERE m.id = e.mention_id AND \(Self.still)
                RETURNING \(ItemRow.columns), coalesce(e.new_draft_id, e.old_draft_id) AS draft)
            SELECT j.action, j.detail, (SELECT count(*) FROM u), (SELECT coalesce(array_agg(DISTINCT draft), '{}') FROM u WHERE draft IS NOT NULL),
                \(ItemRow.columns.replacingOccurrences(of: "m.", with: "r.")), NULL::text
            FROM j LEFT JOIN LATERAL (SELECT * FROM u ORDER BY created_at, id LIMIT $2) r ON true
            """, [.text(person), .int(Int64(Self.reportedRefs))])
        guard let first = rows.first else { return nil }
        let (action, detail, count, drafts) = try first.decode((String, String?, Int, [String]).self)
        var undone = UndoneAction(kind: UndoneAction.Kind(rawValue: action) ?? .acknowledge, refs: [], drafts: drafts.sorted(), count: count, detail: detail)
        let byPoints = byPriority
        var items: [QueueItem] = []
        for row in rows where try row.makeRandomAccess()[4].decode(Int64?.self) != nil {
            var item = try ItemRow.item(row, from: 4)
            if byPoints { item.key.priority = Int64(item.mention.priority) }
            items.append(item)
        }
        items.sort { $0.key < $1.key }
        undone.refs = items.map(\.mention.ref)
        undone.keys = items.map(\.key)
        undone.named = Array(items.prefix(UndoneAction.namedAtMost))
        return undone
    }

    /// What an undo writes back: the assignee for an assignment; else the state columns, and
    /// the tags and points when the action changed them (a tag action, a rule).
    private static let restore = """
        assignee = CASE WHEN j.action = 'assign' THEN e.old_assignee ELSE m.assignee END,
        state = CASE WHEN j.action = 'assign' THEN m.state ELSE e.old_state END,
        state_at = CASE WHEN j.action = 'assign' THEN m.state_at ELSE e.old_state_at END,
        state_by = CASE WHEN j.action = 'assign' THEN m.state_by ELSE e.old_state_by END,
        draft_id = CASE WHEN j.action = 'assign' THEN m.draft_id ELSE e.old_draft_id END,
        snoozed_until = CASE WHEN j.action = 'assign' THEN m.snoozed_until ELSE e.old_snoozed_until END,
        tags = CASE WHEN j.action <> 'assign' AND e.marks THEN e.old_tags ELSE m.tags END,
        priority = CASE WHEN j.action <> 'assign' AND e.marks THEN e.old_priority ELSE m.priority END
        """

    /// The items an undo puts back: those that still hold what the action gave them.
    private static let still = """
        CASE WHEN j.action = 'assign' THEN m.assignee IS NOT DISTINCT FROM e.new_assignee
        ELSE m.state = e.new_state AND m.draft_id IS NOT DISTINCT FROM e.new_draft_id AND m.snoozed_until IS NOT DISTINCT FROM e.new_snoozed_until
            AND (NOT e.marks OR (m.tags = e.new_tags AND m.priority = e.new_priority)) END
        """
}
