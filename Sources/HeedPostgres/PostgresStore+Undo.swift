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
    ///
    /// One statement does it all (the action found and locked, marked undone, its items put
    /// back and read): `u` waits for one round trip to the server, not three.
    public func undoLast() throws -> UndoneAction? {
        try links.transaction { link in
            let rows = try link.rows(Self.undoStatement, [.text(person), .int(Int64(Self.reportedRefs))])
            var undone: UndoneAction?
            let byPoints = byPriority
            var items: [(key: RankKey, ref: Ref)] = []
            var drafts: [String] = []
            var count = 0
            for row in rows {
                let (what, text, nativeID, number, rowID, priority) = try row.decode((String, String?, String?, Int64?, Int64?, Int64?).self)
                switch what {
                case "action":
                    undone = UndoneAction(kind: UndoneAction.Kind(rawValue: text ?? "") ?? .acknowledge, refs: [], drafts: [], detail: nativeID)
                case "item":
                    guard let text, let nativeID, let number, let rowID else { continue }
                    items.append((RankKey(createdAt: number, row: rowID, priority: byPoints ? priority ?? 0 : 0), Ref(platform: try ItemRow.platform(text, row: rowID), id: nativeID)))
                case "draft":
                    if let text { drafts.append(text) }
                default:
                    count = Int(number ?? 0)
                }
            }
            guard var undone else { return nil }
            items.sort { $0.key < $1.key }
            undone.refs = items.map(\.ref)
            undone.keys = items.map(\.key)
            undone.drafts = drafts.sorted()
            undone.count = count
            return undone
        }
    }

    /// The undo: `last` is the action (an assignment puts back the assignee only; anything
    /// else the state columns, and the tags and points where the entry changed them), `marked`
    /// marks it undone, `u` puts back the items that still hold what it gave them. Rows out: the
    /// action, the first items in rank order, the drafts it named, and how many items.
    static let undoStatement = """
        WITH last AS (
            SELECT id, action, detail, action = '\(UndoneAction.Kind.assign.rawValue)' AS assign FROM journal
            WHERE NOT undone AND (person = $1 OR person IS NULL)
            ORDER BY id DESC LIMIT 1 FOR UPDATE SKIP LOCKED),
        marked AS (UPDATE journal j SET undone = true FROM last WHERE j.id = last.id RETURNING j.id),
        u AS (
            UPDATE mention m SET
                state = CASE WHEN l.assign THEN m.state ELSE e.old_state END,
                state_at = CASE WHEN l.assign THEN m.state_at ELSE e.old_state_at END,
                state_by = CASE WHEN l.assign THEN m.state_by ELSE e.old_state_by END,
                draft_id = CASE WHEN l.assign THEN m.draft_id ELSE e.old_draft_id END,
                snoozed_until = CASE WHEN l.assign THEN m.snoozed_until ELSE e.old_snoozed_until END,
                tags = CASE WHEN NOT l.assign AND e.marks THEN e.old_tags ELSE m.tags END,
                priority = CASE WHEN NOT l.assign AND e.marks THEN e.old_priority ELSE m.priority END,
                assignee = CASE WHEN l.assign THEN e.old_assignee ELSE m.assignee END
            FROM journal_entry e, last l
            WHERE e.journal_id = l.id AND m.id = e.mention_id AND CASE WHEN l.assign
                THEN m.assignee IS NOT DISTINCT FROM e.new_assignee
                ELSE m.state = e.new_state AND m.draft_id IS NOT DISTINCT FROM e.new_draft_id AND m.snoozed_until IS NOT DISTINCT FROM e.new_snoozed_until
                    AND (NOT e.marks OR (m.tags = e.new_tags AND m.priority = e.new_priority))
                END
            RETURNING m.id, m.platform, m.native_id, m.created_at, m.priority, coalesce(e.new_draft_id, e.old_draft_id) AS draft)
        SELECT 'action', action, detail, NULL, NULL, NULL FROM last
        UNION ALL SELECT 'item', platform, native_id, created_at, id, priority FROM (SELECT * FROM u ORDER BY created_at, id LIMIT $2) r
        UNION ALL SELECT 'draft', draft, NULL, NULL, NULL, NULL FROM (SELECT DISTINCT draft FROM u WHERE draft IS NOT NULL) d
        UNION ALL SELECT 'count', NULL, NULL, count(*), NULL, NULL FROM u
        """
}
