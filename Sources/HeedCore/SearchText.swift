/// The text the full-text index holds, and the match expressions that search it.
///
/// SQLite's unicode61 tokenizer splits words at spaces and punctuation, which finds nothing in
/// Chinese, Japanese, Korean or Thai (written without spaces) and drops emoji. So texts are
/// folded before indexing: a run of ideographs, kana, Hangul or Thai becomes its overlapping
/// pairs of characters and then its last character alone (`東京都` → `東京 京都 都`), and every
/// emoji stands apart as a token of its own (the tokenizer counts symbols as word characters).
/// A search for `京都` becomes the pair `京都`, found inside any run; `ありがとう` the phrase
/// `あり りが がと とう`; one character, `京*`: the pairs it starts and the runs it ends. Pairs
/// are much rarer than single characters, so a phrase reads far fewer positions.
///
/// The stores' full-text indexes hold folded text; `QueryMatch` reads the same folding to
/// match an item in memory (rules, targets) exactly as a search would.
public enum SearchText {
    /// The folded text; ASCII comes back unchanged.
    public static func fold(_ text: String) -> String {
        fold(text, query: false).text
    }

    /// The folded text; for a query, a run at the very end keeps only its pairs (the text it is
    /// looked for in may go on), and `endsAlone` says the text ends with a run of one character,
    /// to be matched as a prefix.
    public static func fold(_ text: String, query: Bool) -> (text: String, endsAlone: Bool) {
        var needsFolding = false
        for byte in text.utf8 where byte >= 0xE0 {
            needsFolding = true
            break
        }
        guard needsFolding else { return (text, false) }
        var folded = String.UnicodeScalarView()
        let space = Unicode.Scalar(0x20)!
        var run: [Unicode.Scalar] = []
        func endRun(last: Bool) {
            guard !run.isEmpty else { return }
            folded.append(space)
            for index in run.indices.dropLast() {
                folded.append(run[index])
                folded.append(run[index + 1])
                folded.append(space)
            }
            if !(last && query && run.count > 1) {
                folded.append(run[run.count - 1])
                folded.append(space)
            }
            run.removeAll()
        }
        for scalar in text.unicodeScalars {
            if formsRuns(scalar) {
                run.append(scalar)
                continue
            }
            endRun(last: false)
            if standsAlone(scalar) {
                folded.append(space)
                folded.append(scalar)
                folded.append(space)
            } else {
                folded.append(scalar)
            }
        }
        let endsAlone = run.count == 1
        endRun(last: true)
        return (String(folded), endsAlone)
    }

    /// Scripts written without spaces: indexed as pairs of characters.
    public static func formsRuns(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF, 0x1780...0x17FF, 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3040...0x31FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF,
             0xFF66...0xFF9F, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    /// Scripts written without spaces, and pictographs: what the tokenizer alone would not find.
    public static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2190...0x2BFF, 0x1F000...0x1FAFF:
            return scalar.properties.isEmoji
        default:
            return formsRuns(scalar)
        }
    }

    /// The `who` column: the handle and the display name.
    public static func who(handle: String?, name: String?) -> String {
        fold((handle ?? "") + " " + (name ?? ""))
    }

    /// A phrase for the match expression: folded, quoted, prefix-matched when `prefix` and
    /// the phrase is a single word of a spaced script of three letters or more (a prefix of one
    /// or two letters would match most of the store), or when it ends with a lone character of
    /// a run (a CJK run is otherwise matched by its pairs, as typed).
    public static func phrase(_ text: String, prefix: Bool) -> String? {
        guard let pattern = pattern(text, prefix: prefix) else { return nil }
        let quoted = "\"" + pattern.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return pattern.prefix ? quoted + "*" : quoted
    }

    /// What `phrase` looks for: the folded words, and whether the last is matched as a prefix
    /// (one character of a run is found where it starts a pair or ends a run); nil when the
    /// text holds nothing to look for.
    public static func pattern(_ text: String, prefix: Bool) -> (text: String, prefix: Bool)? {
        let (folded, endsAlone) = fold(text, query: true)
        let tokens = folded.split(whereSeparator: { $0 == " " })
        guard !tokens.isEmpty else { return nil }
        let joined = tokens.joined(separator: " ")
        if endsAlone { return (joined, true) }
        let spaced = tokens.count == 1 && tokens[0].count >= 3 && !tokens[0].unicodeScalars.contains(where: standsAlone)
        return (joined, prefix && spaced)
    }

    /// What a query asks of the full-text index: rows that must match, and rows that must not.
    public struct Match: Equatable, Sendable {
        public var include: String?
        public var exclude: String?
    }

    /// The match expressions (FTS5's syntax) of a query's words, phrases and authors.
    public static func match(_ query: Query) -> Match {
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
