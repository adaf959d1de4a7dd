import Foundation
import GRDB
import HeedCore

/// A query in SQL: the conditions on `mention` and their arguments.
struct QuerySQL {
    var conditions: [String] = []
    var arguments: [DatabaseValueConvertible?] = []
    /// Whether the rows are listed from a key list made once (full-text or unindexed scopes)
    /// rather than paged from the rank index.
    var listed = false
    /// The full-text part that must match, when there is one (also among `conditions`).
    var include: String?
    /// `conditions` and `arguments` without the full-text inclusion, for when the full-text
    /// index drives the query.
    var rest: (conditions: [String], arguments: [DatabaseValueConvertible?]) = ([], [])

    /// The conditions of `query` at `now`; `is:mine` finds the items assigned to `person`.
    init(_ query: Query, now: Date, person: String = "") {
        switch query.scope {
        case .waiting: conditions.append("state = \(StoredState.waiting.sql)")
        case .snoozed: conditions.append("state = \(StoredState.snoozed.sql)")
        case .answered: conditions.append("state IN \(StoredState.answered.sql)")
        case .all: break
        }
        // Unary + keeps SQLite from paging by the (platform, native_id) key instead of the rank.
        add("+platform", query.platforms.map(\.rawValue), negated: false)
        add("+platform", query.excludedPlatforms.map(\.rawValue), negated: true)
        add("+kind", query.kinds.map(\.rawValue), negated: false)
        add("+kind", query.excludedKinds.map(\.rawValue), negated: true)
        if let olderThan = query.olderThan {
            conditions.append("created_at < ?")
            arguments.append(Store.milliseconds(now.addingTimeInterval(-olderThan)))
        }
        if let newerThan = query.newerThan {
            conditions.append("created_at > ?")
            arguments.append(Store.milliseconds(now.addingTimeInterval(-newerThan)))
        }
        if query.mine {
            conditions.append("assignee = ? COLLATE NOCASE")
            arguments.append(person)
        }
        if query.unassigned { conditions.append("assignee IS NULL") }
        if !query.assignees.isEmpty {
            conditions.append("assignee COLLATE NOCASE IN (\(query.assignees.map { _ in "?" }.joined(separator: ", ")))")
            arguments += query.assignees.map { $0 as DatabaseValueConvertible? }
        }
        let match = SearchText.match(query)
        if let exclude = match.exclude {
            conditions.append("id NOT IN (SELECT rowid FROM search WHERE search MATCH ?)")
            arguments.append(exclude)
        }
        rest = (conditions, arguments)
        if let include = match.include {
            self.include = include
            conditions.append("id IN (SELECT rowid FROM search WHERE search MATCH ?)")
            arguments.append(include)
        }
        // Assignees are found by their own index, few at a time: listed like a search.
        listed = match.include != nil || query.scope == .answered || query.scope == .all || query.mine || !query.assignees.isEmpty
    }

    private mutating func add(_ column: String, _ values: [String], negated: Bool) {
        guard !values.isEmpty else { return }
        conditions.append("\(column) \(negated ? "NOT IN" : "IN") (\(values.map { _ in "?" }.joined(separator: ", ")))")
        arguments += values.sorted().map { $0 as DatabaseValueConvertible? }
    }

    var whereClause: String { conditions.isEmpty ? "1" : conditions.joined(separator: " AND ") }
    var statementArguments: StatementArguments { StatementArguments(arguments) }

    /// The rows of the full-text matches that meet the rest of the query, the full-text index
    /// driving: `SELECT <columns> FROM search CROSS JOIN mention … WHERE search MATCH ? AND …`.
    func matched(_ columns: String, include: String) -> SQLStatement {
        let rest = self.rest.conditions.isEmpty ? "" : " AND " + self.rest.conditions.joined(separator: " AND ")
        return SQLStatement("SELECT \(columns) FROM search CROSS JOIN mention ON mention.id = search.rowid WHERE search MATCH ?\(rest)",
                            StatementArguments([include] + self.rest.arguments))
    }
}
