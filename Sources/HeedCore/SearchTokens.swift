import Foundation

/// The words a store's full-text index sees in a folded text (`SearchText.fold`), cut and
/// folded as SQLite's unicode61 tokenizer does with `remove_diacritics 2` and the categories
/// `L* N* Co So`: letters, numbers, private-use characters and symbols such as emoji make words,
/// everything else separates them; letters are lowercased (final sigma as sigma), a Latin
/// letter loses its accents when it is an ASCII letter underneath, and the combining accents
/// U+0300…U+0331 that SQLite treats as diacritics vanish inside a word. In-memory matching
/// (`QueryMatch`) reads these so that a rule or a target finds what a search finds.
public enum SearchTokens {
    /// The words of a folded text, in order.
    public static func of(_ folded: String) -> [String] {
        var tokens: [String] = []
        let utf8 = folded.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: letters and digits make words, lowercased.
            var current: [UInt8] = []
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
                default:
                    if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
                    current.removeAll(keepingCapacity: true)
                }
            }
            if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
            return tokens
        }
        var current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if isDiacritic(scalar) { continue }
            guard isWordCharacter(scalar) else {
                if !current.isEmpty { tokens.append(String(current)) }
                current = String.UnicodeScalarView()
                continue
            }
            fold(scalar, into: &current)
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
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
    static func fold(_ scalar: Unicode.Scalar, into word: inout String.UnicodeScalarView) {
        if scalar == "ς" { return word.append("σ") }
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            if lower.value >= 0xC0, lower.value <= 0x1EFF, let base = asciiBase(lower) {
                word.append(base)
            } else if !isDiacritic(lower) {
                word.append(lower)
            }
        }
    }

    /// The ASCII letter a precomposed Latin letter decomposes to, if any.
    static func asciiBase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard let first = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first,
              first.isASCII, first.properties.isAlphabetic else { return nil }
        return first
    }
}
