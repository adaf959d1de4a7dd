import Foundation
import HeedCore
import HeedStorage

/// The team store's search index: the text `SearchText` folds (the same as the SQLite store's),
/// cut into lexemes here rather than by the server's parser (which splits by the server's
/// locale and drops emoji), written as a `tsvector` literal; searches as `tsquery` literals.
///
/// A lexeme is a run of letters, digits, marks, private-use characters and symbols (so emoji),
/// lowercased, with Latin, Greek and Cyrillic accents removed (`café` → `cafe`); everything else
/// separates. The author's handle and name are weighted A, the text D, with a gap between them so
/// that no phrase spans both; `from:` asks for weight A.
enum Lexemes {
    /// Bytes a lexeme keeps at most (PostgreSQL refuses longer ones).
    static let longest = 255
    /// Positions the server keeps (later words share the last one).
    static let lastPosition = 16_383
    /// Bytes of a document at most (the server refuses a `tsvector` of a megabyte): the words of
    /// a longer text beyond it are not searchable.
    static let largest = 900_000

    /// The lexemes of a folded text, in order.
    static func of(_ folded: String) -> [String] {
        var lexemes: [String] = []
        var current = String.UnicodeScalarView()
        var plain = true
        func finish() {
            guard !current.isEmpty else { return }
            // A run of marks alone (a variation selector after an emoji) normalizes to nothing.
            let lexeme = plain ? String(current) : normalized(String(current))
            if !lexeme.isEmpty { lexemes.append(lexeme) }
            current.removeAll(keepingCapacity: true)
            plain = true
        }
        for scalar in folded.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                if (0x30...0x39).contains(value) || (0x61...0x7A).contains(value) {
                    current.append(scalar)
                } else if (0x41...0x5A).contains(value) {
                    current.append(Unicode.Scalar(value + 0x20)!)
                } else {
                    finish()
                }
            } else if isLexical(scalar) {
                current.append(scalar)
                plain = false
            } else {
                finish()
            }
        }
        finish()
        return lexemes
    }

    /// Letters, digits, marks, private use and symbols other than math, currency and modifiers.
    static func isLexical(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark,
             .privateUse, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Lowercased, accents of Latin, Greek and Cyrillic removed, variation selectors dropped,
    /// composed again, cut to `longest` bytes at a character's end.
    static func normalized(_ text: String) -> String {
        // Most words beyond ASCII (CJK, kana, Hangul syllables, emoji) come out as they went in:
        // Foundation's decomposition of them would be most of what indexing costs.
        if text.unicodeScalars.allSatisfy(isUnchanged) { return cut(text) }
        return decomposedAndFolded(text)
    }

    /// Scalars that lowercasing, decomposing, dropping accents and composing again leave as
    /// they are, wherever they stand: ASCII below `A` and after `Z`, the rest of Latin-1 before
    /// its first letter with an accent, kana (not the combining sound marks, which compose),
    /// CJK ideographs (not the compatibility ones, which decompose), Hangul syllables (which
    /// decompose and compose back), and pictographs and symbols without decompositions.
    static func isUnchanged(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x40, 0x5B...0xBF: return true
        case 0x3041...0x3098, 0x309B...0x30FF: return true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x20000...0x2A6DF: return true
        case 0xAC00...0xD7A3: return true
        case 0x1F300...0x1FAFF: return true
        default: return false
        }
    }

    /// `normalized` the long way: every step done.
    static func decomposedAndFolded(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F, 0xFE00...0xFE0F: continue
            default: kept.append(scalar)
            }
        }
        return cut(String(kept).precomposedStringWithCanonicalMapping)
    }

    /// At most `longest` bytes, cut at a character's end.
    static func cut(_ text: String) -> String {
        guard text.utf8.count > longest else { return text }
        var cut = ""
        for character in text where cut.utf8.count + character.utf8.count <= longest { cut.append(character) }
        return cut
    }

    /// The `tsvector` literal of an item: its author's words (weight A), then its text's.
    static func document(handle: String?, name: String?, text: String) -> String {
        var out = ""
        var position = 1
        func add(_ lexemes: [String], weight: String) {
            for lexeme in lexemes where out.utf8.count < largest {
                out += out.isEmpty ? "'" : " '"
                out += lexeme
                out += "':\(min(position, lastPosition))\(weight)"
                position += 1
            }
        }
        add(of(SearchText.who(handle: handle, name: name)), weight: "A")
        position += 1
        add(of(SearchText.fold(text)), weight: "")
        return out
    }

    /// A search term as a `tsquery` phrase (`'a' <-> 'b':*`), the last lexeme a prefix when
    /// `SearchText.term` says so; `author` restricts it to the author's words. Nil when the
    /// term holds nothing to look for.
    static func phrase(_ text: String, prefix: Bool, author: Bool = false) -> String? {
        guard let term = SearchText.term(text, prefix: prefix) else { return nil }
        let lexemes = term.words.flatMap { of(String($0)) }
        guard !lexemes.isEmpty else { return nil }
        let weight = author ? "A" : ""
        let parts = lexemes.enumerated().map { index, lexeme in
            let last = index == lexemes.count - 1
            let marks = (last && term.lastIsPrefix ? "*" : "") + weight
            return "'\(lexeme)'" + (marks.isEmpty ? "" : ":" + marks)
        }
        return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " <-> ") + ")"
    }

    /// What a query asks of the index: items that must match, and items that must not.
    struct Match: Equatable {
        var include: String?
        var exclude: String?
    }

    /// A query's words, phrases and authors (all of them) and excluded words (any of them).
    static func match(_ query: Query) -> Match {
        let terms = SearchText.parts(of: query) { text, prefix, author in phrase(text, prefix: prefix, author: author) }
        let all = terms.all + (terms.authors.isEmpty ? [] : ["(" + terms.authors.joined(separator: " | ") + ")"])
        return Match(include: all.isEmpty ? nil : all.joined(separator: " & "), exclude: terms.excluded.isEmpty ? nil : terms.excluded.joined(separator: " | "))
    }
}
