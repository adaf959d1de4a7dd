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
        var parts: [String] = []
        parts += query.words.compactMap { phrase($0, prefix: true) }
        parts += query.phrases.compactMap { phrase($0, prefix: false) }
        let authors = query.authors.compactMap { phrase($0, prefix: true) }
        if !authors.isEmpty { parts.append("who : (" + authors.joined(separator: " OR ") + ")") }
        let excluded = query.excludedWords.compactMap { phrase($0, prefix: true) }
        let exclude = excluded.isEmpty ? nil : excluded.map { "(\($0))" }.joined(separator: " OR ")
        return Match(include: parts.isEmpty ? nil : parts.map { "(\($0))" }.joined(separator: " AND "), exclude: exclude)
    }
}
