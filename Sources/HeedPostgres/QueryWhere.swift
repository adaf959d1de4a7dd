import Foundation
import HeedCore
import HeedStorage

/// A query as conditions on `mention m`, written into a statement with their binds.
struct QueryWhere {
    let query: Query
    let now: Date
    /// Whose items `is:mine` finds.
    let person: String
    /// What the due terms are measured against (none: they match nothing).
    let targets: ResponseTargets?
    /// The full-text parts: rows that must match (`include`), rows that must not.
    let match: Lexemes.Match

    init(_ query: Query, now: Date, person: String, targets: ResponseTargets? = nil) {
        self.query = query
        self.now = now
        self.person = person
        self.targets = targets
        match = Lexemes.match(query)
    }

    /// Whether the rows are listed from a key list made once (full-text or unindexed scopes)
    /// rather than paged from the rank index.
    var listed: Bool { match.include != nil || query.scope == .answered || query.scope == .all }

    /// The conditions, their binds added to `statement`; `withInclude: false` leaves out the
    /// full-text inclusion (when the index drives the statement).
    func clause(_ statement: inout Statement, withInclude: Bool = true) -> String {
        var conditions: [String] = []
        if let states = query.scope.states { conditions.append("m.state IN (\(states.map { "'\($0.rawValue)'" }.joined(separator: ", ")))") }
        let facets: [(column: String, values: [String], negated: Bool)] = [
            ("m.platform", query.platforms.map(\.rawValue), false), ("m.platform", query.excludedPlatforms.map(\.rawValue), true),
            ("m.kind", query.kinds.map(\.rawValue), false), ("m.kind", query.excludedKinds.map(\.rawValue), true),
        ]
        for facet in facets where !facet.values.isEmpty {
            let any = "\(facet.column) = ANY(\(statement.bind(.texts(facet.values.sorted())))::text[])"
            conditions.append(facet.negated ? "NOT (\(any))" : any)
        }
        if let olderThan = query.olderThan {
            conditions.append("m.created_at < \(statement.bind(.int(PostgresStore.milliseconds(now.addingTimeInterval(-olderThan)))))")
        }
        if let newerThan = query.newerThan {
            conditions.append("m.created_at > \(statement.bind(.int(PostgresStore.milliseconds(now.addingTimeInterval(-newerThan)))))")
        }
        if query.mine { conditions.append("lower(m.assignee) = lower(\(statement.bind(.text(person))))") }
        if query.unassigned { conditions.append("m.assignee IS NULL") }
        if !query.assignees.isEmpty {
            conditions.append("lower(m.assignee) = ANY(\(statement.bind(.texts(query.assignees.map { $0.lowercased() })))::text[])")
        }
        if !query.tags.isEmpty { conditions.append("m.tags @> \(statement.bind(.texts(query.tags)))::text[]") }
        if !query.excludedTags.isEmpty { conditions.append("NOT (m.tags && \(statement.bind(.texts(query.excludedTags)))::text[])") }
        if query.usesTargets {
            for condition in targets?.conditions(query, now: now) ?? [DueCondition(clauses: [], negated: false)] {
                conditions.append(due(condition, &statement))
            }
        }
        if let exclude = match.exclude {
            conditions.append("NOT EXISTS (SELECT 1 FROM search s WHERE s.mention_id = m.id AND s.doc @@ \(statement.bind(.text(exclude)))::tsquery)")
        }
        if withInclude, let include = match.include {
            conditions.append("EXISTS (SELECT 1 FROM search s WHERE s.mention_id = m.id AND s.doc @@ \(statement.bind(.text(include)))::tsquery)")
        }
        return conditions.isEmpty ? "true" : conditions.joined(separator: " AND ")
    }

    /// A due term: an OR over the target keys of "the key matches and the item was created
    /// within the key's bound" (negated for `due>`, among items some key matches), with a bound
    /// on creation times when one holds for every clause (the rank index read up to it only).
    private func due(_ condition: DueCondition, _ statement: inout Statement) -> String {
        var any: [String] = []
        var matched: [String] = []
        for clause in condition.clauses {
            let key = QueryWhere(clause.key, now: now, person: person)
            switch clause.bound {
            case .never: break
            case .always: any.append("(\(key.clause(&statement)))")
            case .atOrBefore(let time): any.append("(\(key.clause(&statement)) AND m.created_at <= \(statement.bind(.int(time))))")
            case .before(let time): any.append("(\(key.clause(&statement)) AND m.created_at < \(statement.bind(.int(time))))")
            }
            if condition.negated { matched.append("(\(key.clause(&statement)))") }
        }
        let anyClause = any.isEmpty ? "false" : "(" + any.joined(separator: " OR ") + ")"
        if condition.negated { return "(" + (matched.isEmpty ? "false" : matched.joined(separator: " OR ")) + ") AND NOT coalesce(" + anyClause + ", false)" }
        guard let most = condition.createdAtMost else { return anyClause }
        return "m.created_at <= \(statement.bind(.int(most))) AND \(anyClause)"
    }

    /// A statement over the query's rows: `build` is given the conditions (their binds already in
    /// the statement, to which it may add its own) and returns the SQL.
    func statement(_ build: (_ clause: String, _ statement: inout Statement) -> String) -> Statement {
        var statement = Statement()
        let clause = self.clause(&statement)
        statement.sql = build(clause, &statement)
        return statement
    }

    /// `columns` of every row of the query, the full-text index driving when there is a full-text part.
    func selecting(_ columns: String) -> Statement {
        match.include.map { matched(columns, include: $0) } ?? statement { clause, _ in "SELECT \(columns) FROM mention m WHERE \(clause)" }
    }

    /// The matching rows with the full-text index driving: `SELECT <columns> FROM search s
    /// JOIN mention m … WHERE s.doc @@ … AND <the rest>`.
    func matched(_ columns: String, include: String) -> Statement {
        var statement = Statement()
        let match = statement.bind(.text(include))
        let rest = clause(&statement, withInclude: false)
        statement.sql = "SELECT \(columns) FROM search s JOIN mention m ON m.id = s.mention_id WHERE s.doc @@ \(match)::tsquery AND \(rest)"
        return statement
    }
}
