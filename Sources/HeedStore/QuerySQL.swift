import Foundation
import GRDB
import HeedCore

/// A query in SQL: the conditions on `mention` and their arguments.
struct QuerySQL {
    var conditions: [String] = []
    var arguments: [DatabaseValueConvertible?] = []
    /// Whether the rows are listed from a key list made once (full-text, tag or unindexed
    /// scopes) rather than paged from the rank index.
    var listed = false
    /// What finds the rows of a listed search: the full-text match, else the first tag (also
    /// among `conditions`).
    var driver: Driver?
    /// `conditions` and `arguments` without the driver's, for when the driver's index leads.
    var rest: (conditions: [String], arguments: [DatabaseValueConvertible?]) = ([], [])

    /// The index that finds a search's rows.
    enum Driver: Equatable {
        /// A full-text match expression.
        case text(String)
        /// A tag.
        case tag(String)

        /// The name the count of its rows is kept under.
        var name: String {
            switch self {
            case .text(let match): "text " + match
            case .tag(let tag): "tag " + tag
            }
        }
    }

    /// The conditions of `query` at `now`: `targets` answer the due terms (none: they match
    /// nothing), and `is:mine` finds the items assigned to `person`.
    init(_ query: Query, now: Date, targets: ResponseTargets?, person: String = "") {
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
        if query.usesTargets {
            let due = targets?.conditions(query, now: now) ?? [DueCondition(clauses: [], negated: false)]
            for condition in due { add(condition, now: now) }
        }
        for tag in query.excludedTags {
            conditions.append("NOT " + Self.tagged)
            arguments.append(tag)
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
        var tags = query.tags
        if let include = match.include {
            driver = .text(include)
        } else if !tags.isEmpty {
            driver = .tag(tags.removeFirst())
        }
        for tag in tags {
            conditions.append(Self.tagged)
            arguments.append(tag)
        }
        rest = (conditions, arguments)
        switch driver {
        case .text(let include):
            conditions.append("id IN (SELECT rowid FROM search WHERE search MATCH ?)")
            arguments.append(include)
        case .tag(let tag):
            conditions.append(Self.tagged)
            arguments.append(tag)
        case nil:
            break
        }
        // Assignees are found by their own index, few at a time: listed like a search.
        listed = driver != nil || query.scope == .answered || query.scope == .all || query.mine || !query.assignees.isEmpty
    }

    /// An item carries the tag bound to it (one lookup of the tag index per row).
    static let tagged = "EXISTS (SELECT 1 FROM mention_tag t WHERE t.tag = ? AND t.mention_id = mention.id)"

    private mutating func add(_ column: String, _ values: [String], negated: Bool) {
        guard !values.isEmpty else { return }
        conditions.append("\(column) \(negated ? "NOT IN" : "IN") (\(values.map { _ in "?" }.joined(separator: ", ")))")
        arguments += values.sorted().map { $0 as DatabaseValueConvertible? }
    }

    /// A due term: an OR over the target keys of "the key matches and the item was created
    /// within the key's bound" (negated for `due>`, among items some key matches); a bound on
    /// creation times when one holds for every clause, so the rank index is read up to it only.
    private mutating func add(_ condition: DueCondition, now: Date) {
        var any: [String] = []
        var matched: [String] = []
        var anyArguments: [DatabaseValueConvertible?] = []
        var matchedArguments: [DatabaseValueConvertible?] = []
        for clause in condition.clauses {
            let key = QuerySQL(clause.key, now: now, targets: nil)
            matched.append("(\(key.whereClause))")
            matchedArguments += key.arguments
            switch clause.bound {
            case .never: continue
            case .always:
                any.append("(\(key.whereClause))")
                anyArguments += key.arguments
            case .atOrBefore(let time):
                any.append("(\(key.whereClause) AND created_at <= ?)")
                anyArguments += key.arguments + [time]
            case .before(let time):
                any.append("(\(key.whereClause) AND created_at < ?)")
                anyArguments += key.arguments + [time]
            }
        }
        let anyClause = any.isEmpty ? "0" : "(" + any.joined(separator: " OR ") + ")"
        if condition.negated {
            conditions.append("(" + (matched.isEmpty ? "0" : matched.joined(separator: " OR ")) + ") AND NOT " + anyClause)
            arguments += matchedArguments + anyArguments
        } else {
            if let most = condition.createdAtMost {
                conditions.append("created_at <= ?")
                arguments.append(most)
            }
            conditions.append(anyClause)
            arguments += anyArguments
        }
    }

    var whereClause: String { conditions.isEmpty ? "1" : conditions.joined(separator: " AND ") }
    var statementArguments: StatementArguments { StatementArguments(arguments) }

    /// The rows the driver finds that meet the rest of the query, its index leading:
    /// `SELECT <columns> FROM search CROSS JOIN mention … WHERE search MATCH ? AND …`.
    func driven(_ columns: String) -> SQLStatement? {
        guard let driver else { return nil }
        let rest = self.rest.conditions.isEmpty ? "" : " AND " + self.rest.conditions.joined(separator: " AND ")
        switch driver {
        case .text(let include):
            return SQLStatement("SELECT \(columns) FROM search CROSS JOIN mention ON mention.id = search.rowid WHERE search MATCH ?\(rest)",
                                StatementArguments([include] + self.rest.arguments))
        case .tag(let tag):
            return SQLStatement("SELECT \(columns) FROM mention_tag CROSS JOIN mention ON mention.id = mention_tag.mention_id WHERE mention_tag.tag = ?\(rest)",
                                StatementArguments([tag] + self.rest.arguments))
        }
    }
}
