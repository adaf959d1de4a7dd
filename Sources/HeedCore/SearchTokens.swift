import Foundation

/// The words a store's full-text index sees in a folded text (`SearchText.fold`), cut and
/// folded as SQLite's unicode61 tokenizer does with `remove_diacritics 2` and the categories
/// `L* N* Co So`: letters, numbers, private-use characters and symbols such as emoji (skin
/// tones too) make words, everything else separates them; letters are case-folded one scalar
/// to one (lowercased, and final sigma, ϕ, ϖ, µ and the like to their plain forms), a Latin
/// letter loses its accents when it is an ASCII letter underneath, and the combining accents
/// U+0300…U+0331 that SQLite treats as diacritics vanish inside a word. In-memory matching
/// (`QueryMatch`) reads these so that a rule or a target finds what a search finds; a test
/// compares them with SQLite's own tokenizer.
public enum SearchTokens {
    /// The words of a folded text, in order.
    public static func of(_ folded: String) -> [String] {
        words(folded).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The words of a folded text, in order, as the UTF-8 bytes the index keeps and compares
    /// (matching in memory compares them as SQLite does, byte for byte).
    public static func words(_ folded: String) -> [ArraySlice<UInt8>] {
        var cutter = WordCutter(capacity: folded.utf8.count)
        for scalar in folded.unicodeScalars { cutter.take(scalar) }
        return cutter.words()
    }

    /// The words of a text once folded (`SearchText.fold`), cut as the folding comes, without
    /// building the folded text.
    public static func words(ofText text: String) -> [ArraySlice<UInt8>] {
        var cutter = WordCutter(capacity: text.utf8.count * 2)
        if SearchText.needsFolding(text) {
            SearchText.fold(text, query: false, into: &cutter)
        } else {
            for scalar in text.unicodeScalars { cutter.take(scalar) }
        }
        return cutter.words()
    }

    /// Cuts words from a folded text a scalar at a time: their bytes in one buffer, and where
    /// each ends, so a text's words take two allocations however many there are.
    struct WordCutter: FoldedScalars {
        private var bytes: [UInt8] = []
        private var ends: [Int] = []
        private var start = 0

        init(capacity: Int) {
            bytes.reserveCapacity(capacity)
        }

        mutating func take(_ scalar: Unicode.Scalar) {
            let code = scalar.value
            if code < 0x80 {
                // ASCII: letters and digits make words, lowercased.
                switch UInt8(code) {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(UInt8(code))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(UInt8(code) + 32)
                default: end()
                }
                return
            }
            switch kind(of: scalar, code) {
            case Kind.separator: end()
            case Kind.kept: append(scalar, to: &bytes)
            case Kind.dropped: return
            default: fold(scalar, into: &bytes)
            }
        }

        private mutating func end() {
            if bytes.count > start { ends.append(bytes.count) }
            start = bytes.count
        }

        /// The words cut so far, the last one ended.
        mutating func words() -> [ArraySlice<UInt8>] {
            end()
            var words: [ArraySlice<UInt8>] = []
            words.reserveCapacity(ends.count)
            var from = 0
            for to in ends {
                // Only words' bytes are kept: each starts where the one before ended.
                words.append(bytes[from..<to])
                from = to
            }
            return words
        }
    }

    /// How a scalar is read (`kinds`).
    private enum Kind {
        /// Separates words.
        static let separator: UInt8 = 0
        /// Part of a word as it is.
        static let kept: UInt8 = 1
        /// A diacritic, dropped inside a word.
        static let dropped: UInt8 = 2
        /// Part of a word once lowercased, or once a Latin letter is its ASCII letter.
        static let folded: UInt8 = 3
    }

    /// How a scalar is read: from a table for the Basic Multilingual Plane (asking Unicode's
    /// tables for each scalar of each text took most of matching a rule). The table is made
    /// in three parts, each when a text first needs it (alphabets and punctuation; kana and
    /// CJK; Hangul and the rest), a few milliseconds each.
    private static func kind(of scalar: Unicode.Scalar, _ code: UInt32) -> UInt8 {
        switch code {
        case ..<0x3000: alphabets[Int(code)]
        case ..<0xA000: ideographs[Int(code - 0x3000)]
        case ..<0x10000: hangul[Int(code - 0xA000)]
        default: kind(of: scalar)
        }
    }

    private static let alphabets = kinds(0..<0x3000)
    private static let ideographs = kinds(0x3000..<0xA000)
    private static let hangul = kinds(0xA000..<0x10000)

    private static func kinds(_ codes: Range<UInt32>) -> [UInt8] {
        codes.map { code in Unicode.Scalar(code).map { kind(of: $0) } ?? Kind.separator }
    }

    private static func kind(of scalar: Unicode.Scalar) -> UInt8 {
        if isDiacritic(scalar) { return Kind.dropped }
        // Skin tones (emoji modifiers, category Sk) are symbols to SQLite, as other emoji are.
        guard isWordCharacter(scalar) || scalar.properties.isEmojiModifier else { return Kind.separator }
        let properties = scalar.properties
        let folds = properties.changesWhenLowercased || properties.changesWhenCaseFolded || latinBase(scalar.value) != nil
        return folds ? Kind.folded : Kind.kept
    }

    /// Whether a scalar belongs to a word: categories L*, N*, Co and So.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// The combining accents SQLite's unicode61 drops inside words (its diacritic table).
    static func isDiacritic(_ scalar: Unicode.Scalar) -> Bool {
        let code = scalar.value
        guard code >= 768, code <= 817 else { return false }
        let low: UInt32 = 0x0802_9FDF, high: UInt32 = 0x0003_61F8
        return code < 800 ? low & (1 << (code - 768)) != 0 : high & (1 << (code - 800)) != 0
    }

    /// Appends a word character lowercased, a Latin letter over an ASCII one without its accents.
    static func fold(_ scalar: Unicode.Scalar, into word: inout [UInt8]) {
        let properties = scalar.properties
        if !properties.changesWhenLowercased, properties.changesWhenCaseFolded {
            // A lowercase letter that case folding still changes, as SQLite folds it: final
            // sigma, the Greek symbol forms (ϕ φ, ϖ π, ϑ θ), the micro sign, the long s.
            // Simple folding, one scalar to one: a letter whose folding is longer (ŉ, ß) stays.
            let folded = String(scalar).folding(options: .caseInsensitive, locale: nil).unicodeScalars
            return appendFolded(folded.count == 1 ? folded[folded.startIndex] : scalar, to: &word)
        }
        guard properties.changesWhenLowercased else { return appendFolded(scalar, to: &word) }
        for lower in properties.lowercaseMapping.unicodeScalars where !isDiacritic(lower) {
            appendFolded(lower, to: &word)
        }
    }

    /// Appends a lowercase scalar, a precomposed Latin letter as its ASCII letter.
    private static func appendFolded(_ scalar: Unicode.Scalar, to word: inout [UInt8]) {
        if let base = latinBase(scalar.value) {
            word.append(base)
        } else {
            append(scalar, to: &word)
        }
    }

    /// The ASCII letter under a precomposed Latin letter (from `latinBases`), if any.
    private static func latinBase(_ code: UInt32) -> UInt8? {
        guard code >= latinFirst, code < latinFirst + UInt32(latinBases.count) else { return nil }
        let base = latinBases[Int(code - latinFirst)]
        return base == 0 ? nil : base
    }

    private static func append(_ scalar: Unicode.Scalar, to word: inout [UInt8]) {
        word.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// The first scalar of the Latin letters that may stand over an ASCII one (U+00C0).
    private static let latinFirst: UInt32 = 0xC0
    /// For each scalar from U+00C0 to U+1EFF, the ASCII letter it decomposes to, or 0: worked
    /// out once, since decomposing takes Foundation a string each time. Only the Latin blocks
    /// (U+00C0…U+024F, U+1E00…U+1EFF) hold such letters; the scripts between them have none.
    private static let latinBases: [UInt8] = (latinFirst...0x1EFF).map { code in
        guard code <= 0x24F || code >= 0x1E00, let scalar = Unicode.Scalar(code), let base = asciiBase(scalar) else { return 0 }
        return UInt8(base.value)
    }

    /// The ASCII letter a precomposed Latin letter decomposes to, if any.
    static func asciiBase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard let first = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first,
              first.isASCII, first.properties.isAlphabetic else { return nil }
        return first
    }
}
