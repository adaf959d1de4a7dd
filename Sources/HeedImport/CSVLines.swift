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

    /// Reads the rows after the header, a batch of whole records at a time (a record ends at
    /// a line end outside quotes), so memory stays bounded however large the file; a record
    /// over `HeedLines.recordLimit` is rejected with its size.
    static func read(_ reader: inout LineReader, file: String, emit: (ImportEvent) throws -> Void) throws {
        var records = Records()
        guard let headerRecord = try records.next(&reader) else { return }
        let context = ReadContext(file: file)
        guard case .whole(let headerBytes) = headerRecord, let headerText = String(validating: headerBytes, as: UTF8.self),
              let headerRow = (try? CSVReader(string: headerText, hasHeaderRow: false, trimFields: false))?.next() else {
            return try emit(context.rejected("row 1", "not a CSV header row"))
        }
        let header = headerRow.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\u{FEFF}")).lowercased() }
        var row = 1
        var batch = ""
        var batchRows = 0
        func flush() throws {
            guard batchRows > 0 else { return }
            defer { batch = ""; batchRows = 0 }
            let first = row - batchRows + 1
            let csv: CSVReader
            do {
                csv = try CSVReader(string: batch, hasHeaderRow: false, trimFields: false)
            } catch {
                return try emit(context.rejected("row \(first)", "not CSV: \(error)"))
            }
            var at = first - 1
            while let values = csv.next() {
                at += 1
                try take(values, header: header, row: at, context: context, emit: emit)
            }
            if let error = csv.error { try emit(context.rejected("row \(at + 1)", "not CSV: \(error)")) }
        }
        while let record = try records.next(&reader) {
            row += 1
            switch record {
            case .tooLong(let size):
                try flush()
                try emit(context.rejected("row \(row)", HeedLines.tooLong(size)))
            case .whole(let bytes):
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    try flush()
                    try emit(context.rejected("row \(row)", "not valid UTF-8 (byte \(MentionFile.firstInvalidUTF8(bytes)) of the row)"))
                    continue
                }
                batch += text
                batch += "\n"
                batchRows += 1
                if batch.utf8.count >= Self.batchSize { try flush() }
            }
        }
        try flush()
    }

    /// How much text of whole records is read at once.
    static let batchSize = 1 << 20

    /// One row's values to a mention, or its rejection.
    private static func take(_ values: [String], header: [String], row: Int, context: ReadContext, emit: (ImportEvent) throws -> Void) throws {
        if values.allSatisfy({ $0.isEmpty }) { return }
        var fields: [String: Any] = [:]
        var author: [String: Any] = [:]
        for (column, value) in zip(header, values) where !value.isEmpty {
            if let key = authorColumns[column] { author[key] = value } else { fields[column] = value }
        }
        if !author.isEmpty { fields["author"] = author }
        if values.count != header.count {
            return try emit(context.rejected("row \(row)", "has \(values.count) fields, the header has \(header.count)"))
        }
        switch HeedLines.decode(fields: fields) {
        case .success(let mention): try emit(.mention(mention))
        case .failure(let problem): try emit(context.rejected("row \(row)", problem.reason))
        }
    }

    /// Whole CSV records from lines: a record goes on past a line end while a quote is open.
    struct Records {
        /// A record as found.
        enum Record {
            /// Its bytes (lines joined by newlines).
            case whole([UInt8])
            /// A record longer than `HeedLines.recordLimit`: its size.
            case tooLong(size: Int)
        }

        /// The next record, or nil at the end.
        mutating func next(_ reader: inout LineReader) throws -> Record? {
            var bytes: [UInt8]? = []
            var size = 0
            var quotes = 0
            var started = false
            while let line = try reader.nextLine(longest: HeedLines.recordLimit) {
                switch line {
                case .tooLong(let lineSize, _):
                    size += lineSize
                    bytes = nil
                case .whole(let text):
                    if !started, text.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
                    if started { bytes?.append(10) }
                    size += text.count + (started ? 1 : 0)
                    quotes += text.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
                    if size <= HeedLines.recordLimit { bytes?.append(contentsOf: text) } else { bytes = nil }
                }
                started = true
                if quotes % 2 == 0 { break }
            }
            guard started else { return nil }
            return bytes.map { .whole($0) } ?? .tooLong(size: size)
        }
    }
}
