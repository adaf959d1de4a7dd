import CSV
import Foundation
import HeedCore

/// CSV with a header row naming heed's fields: `platform,id,text,created_at` at least, and any
/// of `kind`, `author_handle` (or `author`), `author_name`, `author_url`, `url`, `conversation`,
/// `in_reply_to`, `state`. Each row is read by the same rules as a line of heed's JSON Lines.
enum CSVLines {
    static let authorColumns = ["author_handle": "handle", "author.handle": "handle", "author": "handle",
                                "author_name": "name", "author.name": "name", "author_url": "url", "author.url": "url"]

    /// Whether a first line names heed's fields as CSV columns.
    static func looksLikeHeader(_ line: ArraySlice<UInt8>) -> Bool {
        guard let text = String(validating: line, as: UTF8.self) else { return false }
        let columns = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" \t\u{FEFF}")).lowercased() })
        return columns.contains("platform") && columns.contains("id")
    }

    static func read(_ reader: inout LineReader, file: String, emit: (ImportEvent) throws -> Void) throws {
        let bytes = try reader.rest()
        guard let text = String(validating: bytes, as: UTF8.self) else {
            try emit(ReadContext(file: file).rejected("byte \(MentionFile.firstInvalidUTF8(bytes))", "not valid UTF-8"))
            return
        }
        let csv: CSVReader
        do {
            csv = try CSVReader(string: text, hasHeaderRow: true, trimFields: false)
        } catch {
            try emit(ReadContext(file: file).rejected("line 1", "not CSV: \(error)"))
            return
        }
        let header = (csv.headerRow ?? []).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\u{FEFF}")).lowercased() }
        var row = 1
        while let values = csv.next() {
            row += 1
            if values.allSatisfy({ $0.isEmpty }) { continue }
            var fields: [String: Any] = [:]
            var author: [String: Any] = [:]
            for (column, value) in zip(header, values) where !value.isEmpty {
                if let key = authorColumns[column] { author[key] = value } else { fields[column] = value }
            }
            if !author.isEmpty { fields["author"] = author }
            if values.count != header.count {
                try emit(ReadContext(file: file).rejected("row \(row)", "has \(values.count) fields, the header has \(header.count)"))
                continue
            }
            switch HeedLines.decode(fields: fields) {
            case .success(let mention): try emit(.mention(mention))
            case .failure(let problem): try emit(ReadContext(file: file).rejected("row \(row)", problem.reason))
            }
        }
        if let error = csv.error {
            try emit(ReadContext(file: file).rejected("row \(row + 1)", "not CSV: \(error)"))
        }
    }
}
