import Foundation
import HeedCore

/// Reads one file of mentions in any format heed knows, detected from its content unless named:
/// heed's JSON Lines and CSV stream line by line; platform payloads are read a page at a time
/// (a single page, a JSON array of pages, or one page per line).
public enum MentionFile {
    /// Reads `fd`, emitting what each record is. Throws `ImportFailure` when the file cannot be
    /// read or its format is unknown; bad records are emitted as rejections. `progress` is told
    /// the bytes read so far.
    public static func read(
        fd: Int32, file: String, format: ImportFormat? = nil, progress: ((Int) -> Void)? = nil, emit: (ImportEvent) throws -> Void
    ) throws {
        var reader = LineReader(fd: fd)
        reader.progress = progress
        try read(&reader, file: file, format: format, emit: emit)
    }

    /// Reads text already in memory (a page an API answered) exactly as a file of it is read.
    public static func read(bytes: [UInt8], file: String, format: ImportFormat? = nil, emit: (ImportEvent) throws -> Void) throws {
        var reader = LineReader(bytes: bytes)
        try read(&reader, file: file, format: format, emit: emit)
    }

    private static func read(_ reader: inout LineReader, file: String, format: ImportFormat?, emit: (ImportEvent) throws -> Void) throws {
        func emitCleaned(_ event: ImportEvent) throws {
            guard case .mention(var mention) = event else { return try emit(event) }
            mention.replaceNUL()
            try emit(.mention(mention))
        }
        try read(&reader, file: file, detecting: format, emit: emitCleaned)
    }

    /// Reads with the format named, or with the layout and format the detector finds.
    private static func read(_ reader: inout LineReader, file: String, detecting format: ImportFormat?, emit: (ImportEvent) throws -> Void) throws {
        if let format {
            try read(&reader, file: file, as: format, emit: emit)
            return
        }
        guard let first = try firstLine(&reader) else { return }
        reader.pushBack(first)
        switch FormatDetector.layout(ofFirstLine: first) {
        case .heedLines: try HeedLines.read(&reader, file: file, emit: emit)
        case .pagePerLine: try pagePerLine(&reader, file: file, emit: emit)
        case .document: try document(try reader.rest(), file: file, emit: emit)
        case .csv: try CSVLines.read(&reader, file: file, emit: emit)
        case nil:
            throw ImportFailure("\(file): unknown format (not JSON, JSON Lines or CSV with a header row); name it with --format (\(ImportFormat.names.joined(separator: ", ")))")
        }
    }

    /// The first line that is not blank, or nil for an empty file.
    private static func firstLine(_ reader: inout LineReader) throws -> ArraySlice<UInt8>? {
        while let line = try reader.next() {
            if !line.allSatisfy({ $0 == 32 || $0 == 9 }) { return line }
        }
        return nil
    }

    private static func read(_ reader: inout LineReader, file: String, as format: ImportFormat, emit: (ImportEvent) throws -> Void) throws {
        switch format {
        case .heedLines: try HeedLines.read(&reader, file: file, emit: emit)
        case .csv: try CSVLines.read(&reader, file: file, emit: emit)
        case .platform(let name):
            guard let named = Formats.named(name) else { throw ImportFailure(ImportFormat.unknown(name)) }
            guard let page = try parse(try reader.rest(), file: file, emit: emit) else { return }
            try pages(of: page, format: named).enumerated().forEach { index, item in
                try readPage(named, item.page, ReadContext(file: file, page: item.numbered ? "page \(index + 1)" : nil), emit)
            }
        }
    }

    /// Reads one page with a format chosen at run time.
    private static func readPage(_ format: any PlatformFormat.Type, _ page: JSON, _ context: ReadContext, _ emit: (ImportEvent) throws -> Void) throws {
        try format.read(page, context: context, emit: emit)
    }

    /// A whole JSON document: one page, or an array of pages.
    private static func document(_ bytes: [UInt8], file: String, emit: (ImportEvent) throws -> Void) throws {
        guard let document = try parse(bytes, file: file, emit: emit) else { return }
        let verdict = FormatDetector.verdict(document)
        if case .format(let format) = verdict {
            try readPage(format, document, ReadContext(file: file), emit)
            return
        }
        if let items = document.array, let format = FormatDetector.sharedFormat(of: items) {
            for (index, page) in items.enumerated() {
                try readPage(format, page, ReadContext(file: file, page: "page \(index + 1)"), emit)
            }
            return
        }
        if isEmptyPage(document) { return }
        let looks = if case .unknown(let looks) = verdict { looks } else { FormatDetector.describe(document) }
        throw ImportFailure("\(file): unknown format: this JSON is \(looks), not a page heed knows (\(Formats.all.map { $0.name }.sorted().joined(separator: ", "))); name it with --format")
    }

    /// An empty array, or a page whose only list is empty (`{"data":[],"paging":…}`): nothing
    /// to import, whichever platform it came from.
    static func isEmptyPage(_ document: JSON) -> Bool {
        if let items = document.array { return items.isEmpty }
        guard let object = document.object else { return false }
        let lists = object.values.compactMap(\.array)
        return lists.count == 1 && lists[0].isEmpty && object.values.allSatisfy { $0.array != nil || $0.object != nil }
    }

    /// Pages one per line: each line is read by the format its own shape has.
    private static func pagePerLine(_ reader: inout LineReader, file: String, emit: (ImportEvent) throws -> Void) throws {
        while let line = try reader.next() {
            if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            let context = ReadContext(file: file, page: "line \(reader.lineNumber)")
            let page: JSON
            do {
                page = try JSON.parse(Data(line))
            } catch {
                try emit(context.rejected("", "\(error)"))
                continue
            }
            guard case .format(let format) = FormatDetector.verdict(page) else {
                try emit(context.rejected("", "not a page of any format heed knows"))
                continue
            }
            try readPage(format, page, context, emit)
        }
    }

    /// Parses a document (an X archive's script wrapper removed); a broken one is one rejection.
    private static func parse(_ bytes: [UInt8], file: String, emit: (ImportEvent) throws -> Void) throws -> JSON? {
        let data = FormatDetector.unwrap(Data(bytes))
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let offset = Self.firstInvalidUTF8(bytes)
            try emit(ReadContext(file: file).rejected("byte \(offset)", "not valid UTF-8"))
            return nil
        }
        do {
            return try JSON.parse(data)
        } catch {
            try emit(ReadContext(file: file).rejected("", "\(error)"))
            return nil
        }
    }

    /// A page alone, or the pages of an array of pages, each numbered when there are several.
    private static func pages(of document: JSON, format: any PlatformFormat.Type) -> [(page: JSON, numbered: Bool)] {
        if !format.matches(document), let items = document.array, !items.isEmpty, FormatDetector.sharedFormat(of: items).map({ $0 == format }) == true {
            return items.map { ($0, true) }
        }
        return [(document, false)]
    }

    /// The offset of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput, .error: return offset
            }
        }
    }
}

extension Mention {
    /// U+0000 has no place in text, and SQLite would cut the string there: it becomes U+FFFD.
    mutating func replaceNUL() {
        func clean(_ value: String?) -> String? {
            guard let value, value.utf8.contains(0) else { return value }
            return value.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        }
        if text.utf8.contains(0) { text = clean(text) ?? text }
        author = Author(handle: clean(author.handle), name: clean(author.name), url: clean(author.url))
        url = clean(url)
        conversation = clean(conversation)
        inReplyTo = clean(inReplyTo)
    }
}
