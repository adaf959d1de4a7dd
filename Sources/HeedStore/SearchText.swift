import HeedCore

/// The SQLite store's match expressions (FTS5) for the folded words of `SearchText`.
extension SearchText {
    /// A phrase for the match expression: the term's words quoted, prefix-matched when
    /// `SearchText.term` says its last word is a prefix.
    static func phrase(_ text: String, prefix: Bool) -> String? {
        guard let term = term(text, prefix: prefix) else { return nil }
        let quoted = "\"" + term.words.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return term.lastIsPrefix ? quoted + "*" : quoted
    }

    /// What a query asks of the full-text index: rows that must match, and rows that must not.
    struct Match: Equatable {
        var include: String?
        var exclude: String?
    }

    static func match(_ query: Query) -> Match {
        let terms = parts(of: query) { text, prefix, _ in phrase(text, prefix: prefix) }
        var all = terms.all
        if !terms.authors.isEmpty { all.append("who : (" + terms.authors.joined(separator: " OR ") + ")") }
        let exclude = terms.excluded.isEmpty ? nil : terms.excluded.map { "(\($0))" }.joined(separator: " OR ")
        return Match(include: all.isEmpty ? nil : all.map { "(\($0))" }.joined(separator: " AND "), exclude: exclude)
    }
}
