import Foundation

/// The keys of one table of a TOML file in the order they are written, with their lines:
/// TOMLKit hands a table's keys back in an order of its own, and `[views]` and `[keys]` mean
/// the written order. Reads bare keys (`Mastodon`), basic strings (`"Late DMs"`, escapes
/// included) and literal strings (`'a "b"'`) at the start of a line; one pass over the text.
enum TableKeys {
    /// `(key, line)` for each key assigned directly in `[section]`, first to last.
    static func ordered(in section: String, of text: String) -> [(key: String, line: Int)] {
        var inside = false
        var found: [(String, Int)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                inside = header(line) == section
                continue
            }
            guard inside, let key = key(line) else { continue }
            found.append((key, index + 1))
        }
        return found
    }

    /// The table a header line names (`[views]`, `[ "views" ]`), or nil for an array of tables.
    static func header(_ line: Substring) -> String? {
        guard !line.hasPrefix("[["), let close = line.lastIndex(of: "]") else { return nil }
        let inner = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
        if inner.count >= 2, let first = inner.first, first == "\"" || first == "'", inner.last == first {
            return String(inner.dropFirst().dropLast())
        }
        return inner
    }

    /// The key a line assigns (`name = …`), read as TOML reads it; nil when the line assigns none.
    static func key(_ line: Substring) -> String? {
        var rest = line[...]
        var key = ""
        switch rest.first {
        case "\"":
            rest = rest.dropFirst()
            var escaped = false
            while let character = rest.first {
                rest = rest.dropFirst()
                if escaped {
                    key.append(unescape(character))
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    return equalsFollows(rest) ? key : nil
                } else {
                    key.append(character)
                }
            }
            return nil
        case "'":
            rest = rest.dropFirst()
            guard let close = rest.firstIndex(of: "'") else { return nil }
            return equalsFollows(rest[rest.index(after: close)...]) ? String(rest[..<close]) : nil
        default:
            let bare = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            guard !bare.isEmpty, bare.allSatisfy(\.isASCII) else { return nil }
            return equalsFollows(rest.dropFirst(bare.count)) ? String(bare) : nil
        }
    }

    /// Whether `=` comes next, after blanks.
    static func equalsFollows(_ rest: Substring) -> Bool {
        rest.drop { $0 == " " || $0 == "\t" }.first == "="
    }

    /// The character a simple escape stands for (`\n`, `\t`, `\"`, `\\`); others as written.
    static func unescape(_ character: Character) -> Character {
        switch character {
        case "n": "\n"
        case "t": "\t"
        case "r": "\r"
        default: character
        }
    }
}
