import Foundation
import GRDB
import HeedCore

/// Tags: added and removed as one journaled action, counted for completion.
extension Store {
    /// Adds and removes tags on the items of a selection (whatever their state) as one action;
    /// items whose tags would not change are left out of it.
    @discardableResult
    public func tag(_ selection: Selection, adding: [String], removing: [String], at date: Date) throws -> AnswerResult {
        let adding = adding.compactMap(Tag.normal), removing = Set(removing.compactMap(Tag.normal))
        defer { cachedQueries.changed() }
        let now = date
        return try write { db in
            var result = AnswerResult(changed: [], alreadyAnswered: [], unknown: [])
            let rows = try taggable(db, selection, now: now, unknown: &result.unknown)
            try db.execute(sql: "INSERT INTO journal (at, action, detail, person) VALUES (?, ?, ?, ?)",
                           arguments: [Self.milliseconds(date), UndoneAction.Kind.tag.rawValue, Self.tagDetail(adding, removing), person])
            let journal = db.lastInsertedRowID
            let record = try db.makeStatement(sql: """
                INSERT INTO journal_entry (journal_id, mention_id, old_state, old_state_at, old_draft_id, old_snoozed_until, old_state_by, old_assignee,
                    new_state, new_state_at, new_draft_id, new_snoozed_until, new_state_by, new_assignee, marks, old_tags, new_tags, old_priority, new_priority)
                SELECT ?, id, state, state_at, draft_id, snoozed_until, state_by, assignee, state, state_at, draft_id, snoozed_until, state_by, assignee,
                    1, tags, ?, priority, priority FROM mention WHERE id = ?
                """)
            let update = try db.makeStatement(sql: "UPDATE mention SET tags = ? WHERE id = ?")
            var count = 0
            for row in rows {
                let old = MentionRow.decodeTags(row.tags)
                let new = Tag.sorted(old.filter { !removing.contains($0) } + adding)
                guard new != old else { continue }
                let stored = MentionRow.encodeTags(new)
                try record.execute(arguments: [journal, stored, row.id])
                try update.execute(arguments: [stored, row.id])
                if result.changed.count < Self.reportedRefs { result.changed.append(row.ref) }
                count += 1
            }
            if count == 0 { try db.execute(sql: "DELETE FROM journal WHERE id = ?", arguments: [journal]) }
            result.changedCount = count
            return result
        }
    }

    /// The journal's words for a change of tags: `+press -vip`.
    static func tagDetail(_ adding: [String], _ removing: Set<String>) -> String {
        (adding.map { "+" + $0 } + removing.sorted().map { "-" + $0 }).joined(separator: " ")
    }

    /// The items a tag action applies to, with their tags: the refs named (unknown ones
    /// reported), their conversations' open items, or every item of a view.
    private func taggable(_ db: Database, _ selection: Selection, now: Date, unknown: inout [Ref]) throws -> [(id: Int64, ref: Ref, tags: String?)] {
        func rows(_ statement: SQLStatement) throws -> [(id: Int64, ref: Ref, tags: String?)] {
            try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments).map { row in (row["id"], try Self.ref(row), row["tags"]) }
        }
        let columns = "SELECT id, platform, native_id, tags, conversation FROM mention"
        switch selection {
        case .view(let query):
            let sql = querySQL(query, now: now)
            return try rows(SQLStatement("\(columns) WHERE \(sql.whereClause) ORDER BY created_at, id", sql.statementArguments))
        case .refs(let refs), .threads(let refs):
            var found: [(id: Int64, ref: Ref, tags: String?)] = []
            var seen = Set<Int64>()
            for ref in refs {
                let named = SQLStatement("\(columns) WHERE platform = ? AND native_id = ?", [ref.platform.rawValue, ref.id])
                guard let row = try Row.fetchOne(db, sql: named.sql, arguments: named.arguments) else {
                    unknown.append(ref)
                    continue
                }
                var items = [(id: row["id"] as Int64, ref: ref, tags: row["tags"] as String?)]
                if case .threads = selection, let conversation = row["conversation"] as String? {
                    items += try rows(SQLStatement("\(columns) WHERE platform = ? AND conversation = ? AND state IN \(StoredState.open.sql)", [ref.platform.rawValue, conversation]))
                }
                for item in items where seen.insert(item.id).inserted { found.append(item) }
            }
            return found
        }
    }

    /// Every tag in use with how many items carry it, most used first (the first 500).
    public func tagCounts() throws -> [TagCount] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT tag, COUNT(*) AS items FROM mention_tag GROUP BY tag ORDER BY items DESC, tag LIMIT 500")
                .map { TagCount(tag: $0["tag"], count: $0["items"]) }
        }
    }
}
