import HeedCore

/// The text the full-text index holds, and the match expressions that search it.
///
/// SQLite's unicode61 tokenizer splits words at spaces and punctuation, which finds nothing in
/// Chinese, Japanese, Korean or Thai (written without spaces) and drops emoji. So texts are
/// folded before indexing: every ideograph, kana, Hangul syllable, Thai letter and emoji stands
/// apart as a token of its own (the tokenizer counts symbols as word characters), and a search
/// for `東京` becomes the phrase `"東 京"`: the two characters side by side, anywhere.
enum SearchText {
    /// The folded text; ASCII comes back unchanged.
    static func fold(_ text: String) -> String {
        var needsFolding = false
        for byte in text.utf8 where byte >= 0xE0 {
            needsFolding = true
            break
        }
        guard needsFolding else { return text }
        var folded = String.UnicodeScalarView()
        let space = Unicode.Scalar(0x20)!
        for scalar in text.unicodeScalars {
            if standsAlone(scalar) {
                folded.append(space)
                folded.append(scalar)
                folded.append(space)
            } else {
                folded.append(scalar)
            }
        }
        return String(folded)
    }

    /// Scripts written without spaces, and pictographs.
    static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF, 0x1780...0x17FF, 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3040...0x31FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF,
             0xFF66...0xFF9F, 0x20000...0x3FFFF:
            return true
        case 0x2190...0x2BFF, 0x1F000...0x1FAFF:
            return scalar.properties.isEmoji
        default:
            return false
        }
    }

    /// The `who` column: the handle and the display name.
    static func who(handle: String?, name: String?) -> String {
        fold((handle ?? "") + " " + (name ?? ""))
    }

    /// A phrase for the match expression: folded, quoted, prefix-matched when `prefix` and
    /// the phrase is a single word of a spaced script of three letters or more (a CJK run is
    /// matched as typed; a prefix of one or two letters would match most of the store).
    static func phrase(_ text: String, prefix: Bool) -> String? {
        let folded = fold(text)
        let tokens = folded.split(whereSeparator: { $0 == " " })
        guard !tokens.isEmpty else { return nil }
        let quoted = "\"" + tokens.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let spaced = tokens.count == 1 && tokens[0].count >= 3 && !tokens[0].unicodeScalars.contains(where: standsAlone)
        return prefix && spaced ? quoted + "*" : quoted
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
