/// Where each key of a TOML text is written, found in one pass: problems name their line
/// without reading the whole text again for every key (a config of 5,000 views stays fast).
public struct KeyLines: Sendable {
    /// The text's lines, as written.
    public let rows: [Substring]
    /// The first line of each `[table]` header (by the name between the brackets).
    private var tables: [String: Int] = [:]
    /// The first line of each key in each table ("" for keys before any header); keys are
    /// kept both as written and without their quotes.
    private var keys: [String: [String: Int]] = [:]
    /// The table each line belongs to.
    private var sectionOfRow: [String?] = []

    /// Finds the lines of every table and key of `text`.
    public init(_ text: String) {
        // "\r\n" is one Character: a file with CRLF line ends is split at each too.
        rows = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        sectionOfRow.reserveCapacity(rows.count)
        var current: String?
        for (index, row) in rows.enumerated() {
            let trimmed = row.trimmingBlanks
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                let name = String(trimmed.dropFirst().dropLast())
                if tables[name] == nil { tables[name] = index + 1 }
                current = name
                sectionOfRow.append(current)
                continue
            }
            sectionOfRow.append(current)
            guard let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingBlanks
            for form in [String(key), Self.unquoted(key)] where keys[current ?? "", default: [:]][form] == nil {
                keys[current ?? "", default: [:]][form] = index + 1
            }
        }
    }

    /// The line where `key` is assigned within `[section]` (or at the top without one), or
    /// where a table of that name starts, whichever comes first.
    public func line(of key: String, section: String? = nil) -> Int? {
        let found = [tables[key], keys[section ?? "", default: [:]][key]].compactMap { $0 }
        return found.min()
    }

    /// The line within `[section]` holding the quoted `entry`, looking from line `start` on,
    /// at most `reach` lines (a list may span lines).
    public func line(ofEntry entry: String, section: String, from start: Int?, reach: Int = 50) -> Int? {
        let quoted = ["\"\(entry)\"", "'\(entry)'"]
        let first = max(0, (start ?? 1) - 1)
        for index in first..<min(rows.count, first + reach) where sectionOfRow[index] == section {
            if quoted.contains(where: { rows[index].contains($0) }) { return index + 1 }
        }
        return nil
    }

    static func unquoted(_ key: Substring) -> String {
        if key.count >= 2, let first = key.first, first == key.last, first == "\"" || first == "'" { return String(key.dropFirst().dropLast()) }
        return String(key)
    }
}

extension Substring {
    /// Without spaces and tabs at either end.
    var trimmingBlanks: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return text
    }
}
