/// The text a store's full-text index holds, and the words a search term looks for: the
/// same folding for every store, so that a search finds the same items in each.
///
/// SQLite's unicode61 tokenizer splits words at spaces and punctuation, which finds nothing in
/// Chinese, Japanese, Korean or Thai (written without spaces) and drops emoji. So texts are
/// folded before indexing: a run of ideographs, kana, Hangul or Thai becomes its overlapping
/// pairs of characters and then its last character alone (`東京都` → `東京 京都 都`), and every
/// emoji stands apart as a token of its own (the tokenizer counts symbols as word characters).
/// A search for `京都` becomes the pair `京都`, found inside any run; `ありがとう` the phrase
/// `あり りが がと とう`; one character, `京*`: the pairs it starts and the runs it ends. Pairs
/// are much rarer than single characters, so a phrase reads far fewer positions. `QueryMatch`
/// reads the same folding to match an item in memory (rules, targets) exactly as a search would.
public enum SearchText {
    /// The folded text; ASCII comes back unchanged.
    public static func fold(_ text: String) -> String {
        fold(text, query: false).text
    }

    /// The folded text; for a query, a run at the very end keeps only its pairs (the text it is
    /// looked for in may go on), and `endsAlone` says the text ends with a run of one character,
    /// to be matched as a prefix.
    public static func fold(_ text: String, query: Bool) -> (text: String, endsAlone: Bool) {
        guard needsFolding(text) else { return (text, false) }
        var folded = String.UnicodeScalarView()
        let endsAlone = fold(text, query: query, into: &folded)
        return (String(folded), endsAlone)
    }

    /// Whether folding would change the text (only scalars of three UTF-8 bytes or more can).
    static func needsFolding(_ text: String) -> Bool {
        text.utf8.contains { $0 >= 0xE0 }
    }

    /// Gives the folded text's scalars to `sink`, as they come (matching in memory cuts words
    /// from them without building the folded text); whether the text ends with a run of one.
    @discardableResult
    static func fold<Sink: FoldedScalars>(_ text: String, query: Bool, into sink: inout Sink) -> Bool {
        let space = Unicode.Scalar(0x20)!
        var run: [Unicode.Scalar] = []
        func endRun(last: Bool) {
            guard !run.isEmpty else { return }
            sink.take(space)
            for index in run.indices.dropLast() {
                sink.take(run[index])
                sink.take(run[index + 1])
                sink.take(space)
            }
            if !(last && query && run.count > 1) {
                sink.take(run[run.count - 1])
                sink.take(space)
            }
            run.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if formsRuns(scalar) {
                run.append(scalar)
                continue
            }
            endRun(last: false)
            if standsAlone(scalar) {
                sink.take(space)
                sink.take(scalar)
                sink.take(space)
            } else {
                sink.take(scalar)
            }
        }
        let endsAlone = run.count == 1
        endRun(last: true)
        return endsAlone
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
        fold(whoText(handle: handle, name: name))
    }

    /// The `who` column before folding.
    static func whoText(handle: String?, name: String?) -> String {
        (handle ?? "") + " " + (name ?? "")
    }

    /// A search term as the index's words: folded and split at spaces, and whether its last
    /// word is matched as a prefix. That is when `prefix` is asked for and the term is a single
    /// word of a spaced script of three letters or more (a prefix of one or two letters would
    /// match most of the store), or when it ends with a lone character of a run (a CJK run is
    /// otherwise matched by its pairs, as typed). Nil when nothing of it can be looked for.
    public static func term(_ text: String, prefix: Bool) -> (words: [Substring], lastIsPrefix: Bool)? {
        let (folded, endsAlone) = fold(text, query: true)
        let words = folded.split(whereSeparator: { $0 == " " })
        guard !words.isEmpty else { return nil }
        // One character of a run is found where it starts a pair or ends a run.
        if endsAlone { return (words, true) }
        let spaced = words.count == 1 && words[0].count >= 3 && !words[0].unicodeScalars.contains(where: standsAlone)
        return (words, prefix && spaced)
    }

    /// What a query asks of a full-text index, each term made a phrase of the index's syntax by
    /// `phrase(text, prefix, author)`: the words and phrases that must all match, the authors of
    /// which one must, and the words none may.
    public static func parts(of query: Query, phrase: (String, _ prefix: Bool, _ author: Bool) -> String?) -> (all: [String], authors: [String], excluded: [String]) {
        (query.words.compactMap { phrase($0, true, false) } + query.phrases.compactMap { phrase($0, false, false) },
         query.authors.compactMap { phrase($0, true, true) },
         query.excludedWords.compactMap { phrase($0, true, false) })
    }
}

/// What takes a folded text a scalar at a time (`SearchText.fold(_:query:into:)`).
protocol FoldedScalars {
    mutating func take(_ scalar: Unicode.Scalar)
}

extension String.UnicodeScalarView: FoldedScalars {
    mutating func take(_ scalar: Unicode.Scalar) { append(scalar) }
}
