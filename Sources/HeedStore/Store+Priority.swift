import Foundation
import GRDB
import HeedCore

/// Pages of a queue ranked by priority (`rank = "priority"`): most points first, then longest
/// wait. The waiting items fall in three bands: with points (from `mention_priority`, which
/// holds only them, most points first), without (from the rank index, `priority = 0` read from
/// the index itself) and with negative points (from `mention_priority` again). A page past a
/// key is the rest of the key's own points, then every later band, each part read from its
/// index in order and cut at the page's size, the parts put together in rank order: as many
/// rows read as a page holds, anywhere in the queue, as when ranked by wait alone.
extension Store {
    /// One part of a page: which rows, from which index, whether their points are all the same.
    private struct Part {
        var condition: String
        var arguments: [DatabaseValueConvertible?] = []
        var withPoints: Bool
        var samePoints: Bool
    }

    private static var positive: Part { Part(condition: "priority <> 0 AND priority > 0", withPoints: true, samePoints: false) }
    private static var zero: Part { Part(condition: "priority = 0", withPoints: false, samePoints: true) }
    private static var negative: Part { Part(condition: "priority <> 0 AND priority < 0", withPoints: true, samePoints: false) }

    /// The statement of a page of a query ranked by priority; `newestFirst` when its rows come
    /// reversed. `dense` forces each part's index (a search checked row by row).
    static func priorityPageStatement(_ sql: QuerySQL, _ request: PageRequest, dense: Bool) -> (statement: SQLStatement, newestFirst: Bool) {
        let parts: [Part]
        let limit: Int
        var forward = true
        switch request {
        case .first(let count):
            parts = [positive, zero, negative]
            limit = count
        case .last(let count):
            parts = [negative, zero, positive]
            limit = count
            forward = false
        case .after(let key, let count):
            limit = count
            var same = Part(condition: "priority = ? AND (created_at, id) > (?, ?)", arguments: [key.priority, key.createdAt, key.row], withPoints: key.priority != 0, samePoints: true)
            if same.withPoints { same.condition += " AND priority <> 0" }
            let fewer = [DatabaseValueConvertible?](arrayLiteral: key.priority)
            if key.priority > 0 {
                parts = [same, Part(condition: positive.condition + " AND priority < ?", arguments: fewer, withPoints: true, samePoints: false), zero, negative]
            } else if key.priority == 0 {
                parts = [same, negative]
            } else {
                parts = [same, Part(condition: negative.condition + " AND priority < ?", arguments: fewer, withPoints: true, samePoints: false)]
            }
        case .before(let key, let count):
            limit = count
            forward = false
            var same = Part(condition: "priority = ? AND (created_at, id) < (?, ?)", arguments: [key.priority, key.createdAt, key.row], withPoints: key.priority != 0, samePoints: true)
            if same.withPoints { same.condition += " AND priority <> 0" }
            let more = [DatabaseValueConvertible?](arrayLiteral: key.priority)
            if key.priority < 0 {
                parts = [same, Part(condition: negative.condition + " AND priority > ?", arguments: more, withPoints: true, samePoints: false), zero, positive]
            } else if key.priority == 0 {
                parts = [same, positive]
            } else {
                parts = [same, Part(condition: positive.condition + " AND priority > ?", arguments: more, withPoints: true, samePoints: false)]
            }
        }
        var selects: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        for (index, part) in parts.enumerated() {
            let from = dense ? (part.withPoints ? "mention INDEXED BY mention_priority" : "mention INDEXED BY mention_rank") : "mention"
            let order = forward ? (part.samePoints ? "created_at, id" : "priority DESC, created_at, id")
                : (part.samePoints ? "created_at DESC, id DESC" : "priority, created_at DESC, id DESC")
            selects.append("SELECT * FROM (\(MentionRow.select), \(index) AS part FROM \(from) WHERE \(sql.whereClause) AND \(part.condition) ORDER BY \(order) LIMIT ?)")
            arguments += sql.arguments + part.arguments + [limit]
        }
        let order = forward ? "part, priority DESC, created_at, id" : "part, priority, created_at DESC, id DESC"
        let statement = "SELECT * FROM (\(selects.joined(separator: " UNION ALL "))) ORDER BY \(order) LIMIT ?"
        return (SQLStatement(statement, StatementArguments(arguments + [limit])), !forward)
    }
}
