import Foundation
import HeedCore

/// Reads one file of mentions in any format heed knows, detected from its content unless named:
/// heed's JSON Lines and CSV stream line by line; platform payloads are read a page at a time
/// (a single page, a JSON array of pages, or one page per line).
public enum MentionFile {
    /// The names `--format` accepts.
    public static var formatNames: [String] { ["jsonl", "csv"] + Formats.all.map { $0.name } }

    /// Reads `fd`, emitting what each record is. Throws `ImportFailure` when the file cannot be
    /// read or its format is unknown; bad records are emitted as rejections.
    /// `isOwn` tells the user's own handles: what they wrote is skipped, and what it replies to
    /// is answered.
    public static func read(
        fd: Int32, file: String, format: String? = nil, isOwn: ((Platform, String?) -> Bool)? = nil,
        progress: ((Int) -> Void)? = nil, emit: (ImportEvent) throws -> Void
    ) throws {
        try read(fd: fd, file: file, format: format, progress: progress) { event in
            guard case .mention(var mention) = event else { return try emit(event) }
            mention.replaceNUL()
            guard let isOwn, isOwn(mention.platform, mention.author.handle) else { return try emit(.mention(mention)) }
            if let parent = mention.inReplyTo { try emit(.answered(Ref(platform: mention.platform, id: parent), at: mention.createdAt)) }
            try emit(.skipped(reason: "written by you"))
        }
    }

    private static func read(fd: Int32, file: String, format: String?, progress: ((Int) -> Void)?, emit: (ImportEvent) throws -> Void) throws {
        var reader = LineReader(fd: fd)
        reader.progress = progress
        if let format {
            try read(&reader, file: file, as: format, emit: emit)
            return
        }
        guard let first = try firstLine(&reader) else { return }
        reader.pushBack(first)
        let start = first.first { $0 != 32 && $0 != 9 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        switch start {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if let value = try? JSON.parse(Data(first)) {
                if start == UInt8(ascii: "{"), value["platform"]?.string != nil, value["id"] != nil {
                    return try HeedLines.read(&reader, file: file, emit: emit)
                }
                if detect(value) != nil {
                    return try pagePerLine(&reader, file: file, emit: emit)
                }
            }
            try document(try reader.rest(), file: file, emit: emit)
        default:
            if first.starts(with: Array("window.".utf8)) || first.starts(with: Array("jsonFlickrApi(".utf8)) {
                try document(try reader.rest(), file: file, emit: emit)
            } else if CSVLines.looksLikeHeader(first) {
                try CSVLines.read(&reader, file: file, emit: emit)
            } else {
                throw ImportFailure("\(file): unknown format (not JSON, JSON Lines or CSV with a header row); name it with --format (\(formatNames.joined(separator: ", ")))")
            }
        }
    }

    /// The first line that is not blank, or nil for an empty file.
    private static func firstLine(_ reader: inout LineReader) throws -> ArraySlice<UInt8>? {
        while let line = try reader.next() {
            if !line.allSatisfy({ $0 == 32 || $0 == 9 }) { return line }
        }
        return nil
    }

    private static func read(_ reader: inout LineReader, file: String, as format: String, emit: (ImportEvent) throws -> Void) throws {
        switch format.lowercased() {
        case "jsonl", "heed": try HeedLines.read(&reader, file: file, emit: emit)
        case "csv": try CSVLines.read(&reader, file: file, emit: emit)
        default:
            guard let reader2 = Formats.named(format) else {
                throw ImportFailure("unknown format '\(format)' (known: \(formatNames.joined(separator: ", ")))")
            }
            let bytes = try reader.rest()
            let page = try parse(bytes, file: file, emit: emit)
            guard let page else { return }
            try pages(of: page, format: reader2).enumerated().forEach { index, item in
                try readPage(reader2, item.page, ReadContext(file: file, page: item.numbered ? "page \(index + 1)" : nil), emit)
            }
        }
    }

    /// Reads one page with a format chosen at run time.
    private static func readPage(_ format: any PlatformFormat.Type, _ page: JSON, _ context: ReadContext, _ emit: (ImportEvent) throws -> Void) throws {
        try format.read(page, context: context, emit: emit)
    }

    /// The format a page has, if any.
    static func detect(_ page: JSON) -> (any PlatformFormat.Type)? {
        Formats.all.first { $0.matches(page) }
    }

    /// A whole JSON document: one page, or an array of pages.
    private static func document(_ bytes: [UInt8], file: String, emit: (ImportEvent) throws -> Void) throws {
        guard let document = try parse(bytes, file: file, emit: emit) else { return }
        if let format = detect(document) {
            try readPage(format, document, ReadContext(file: file), emit)
            return
        }
        if let items = document.array, let format = samePageFormat(items) {
            for (index, page) in items.enumerated() {
                try readPage(format, page, ReadContext(file: file, page: "page \(index + 1)"), emit)
            }
            return
        }
        if isEmptyPage(document) { return }
        throw ImportFailure("\(file): unknown format: this JSON is not a page heed knows (\(Formats.all.map { $0.name }.joined(separator: ", "))); name it with --format")
    }

    /// The format every element of an array of pages has, if they share one.
    private static func samePageFormat(_ items: [JSON]) -> (any PlatformFormat.Type)? {
        guard let first = items.first, let format = detect(first) else { return nil }
        for item in items where !format.matches(item) { return nil }
        return format
    }

    /// An empty array, or a page whose only list is empty (`{"data":[],"paging":…}`): nothing
    /// to import, whichever platform it came from.
    static func isEmptyPage(_ document: JSON) -> Bool {
        if let items = document.array { return items.isEmpty }
        guard let object = document.object else { return false }
        let lists = object.values.compactMap(\.array)
        return lists.count == 1 && lists[0].isEmpty && object.values.allSatisfy { $0.array != nil || $0.object != nil }
    }

    /// Flickr without `nojsoncallback=1` wraps its JSON as `jsonFlickrApi(…)`.
    static func stripJSONP(_ data: Data) -> Data? {
        let prefix = Data("jsonFlickrApi(".utf8)
        guard data.starts(with: prefix) else { return nil }
        var body = data.dropFirst(prefix.count)
        while let last = body.last, [UInt8(ascii: ")"), UInt8(ascii: ";"), 10, 13, 32].contains(last) {
            body = body.dropLast()
            if last == UInt8(ascii: ")") { break }
        }
        return Data(body)
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
            guard let format = detect(page) else {
                try emit(context.rejected("", "not a page of any format heed knows"))
                continue
            }
            try readPage(format, page, context, emit)
        }
    }

    /// Parses a document (an X archive's script wrapper removed); a broken one is one rejection.
    private static func parse(_ bytes: [UInt8], file: String, emit: (ImportEvent) throws -> Void) throws -> JSON? {
        var data = Data(bytes)
        if let stripped = XArchiveFormat.stripScript(data) ?? stripJSONP(data) { data = stripped }
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
        if !format.matches(document), let items = document.array, !items.isEmpty, samePageFormat(items).map({ $0 == format }) == true {
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
