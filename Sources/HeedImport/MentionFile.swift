import Foundation
import HeedCore

/// Reads one file of mentions in any format heed knows, detected from its content unless named:
/// heed's JSON Lines and CSV stream line by line; platform payloads are read a JSON document at
/// a time (one page, an array of pages, or pages one after another, compact or pretty).
public enum MentionFile {
    /// The largest JSON document read whole, in bytes: a larger array is read in parts of its
    /// items (each at most this large), any other larger document is rejected with its size,
    /// and the documents after it are read. Memory stays within a few times this.
    public static let documentLimit = 16 << 20
    /// Lines longer than this are read in pieces (a document on one such line is still whole).
    static let piece = 16 << 20
    /// How much of a file's first line tells its layout: what starts a file is told within
    /// it, so a file of any size without a newline is told (or refused) at once.
    static let sniff = 1 << 20
    /// The first bytes a file that heed does not read is told by (as standard input's are).
    static let headSize = 1 << 16

    /// Reads `fd`, emitting what each record is. Throws `ImportFailure` when the file cannot be
    /// read or holds no format heed knows (or not the one named); bad records are emitted as
    /// rejections. `progress` is told the bytes read so far.
    public static func read(
        fd: Int32, file: String, format: ImportFormat? = nil, progress: ((Int) -> Void)? = nil, emit: (ImportEvent) throws -> Void
    ) throws {
        var reader = LineReader(fd: fd)
        reader.progress = progress
        try read(&reader, file: file, format: format, limit: documentLimit, emit: emit)
    }

    /// Reads text already in memory (a page an API answered) exactly as a file of it is read.
    public static func read(bytes: [UInt8], file: String, format: ImportFormat? = nil, emit: (ImportEvent) throws -> Void) throws {
        var reader = LineReader(bytes: bytes)
        try read(&reader, file: file, format: format, limit: documentLimit, emit: emit)
    }

    /// Reads with a document limit and a piece size of the caller's (tests use small ones).
    static func read(
        _ reader: inout LineReader, file: String, format: ImportFormat?, limit: Int, piece: Int = MentionFile.piece, emit: (ImportEvent) throws -> Void
    ) throws {
        func emitCleaned(_ event: ImportEvent) throws {
            guard case .mention(var mention) = event else { return try emit(event) }
            mention.replaceNUL()
            try emit(.mention(mention))
        }
        let longest = max(1, min(limit, piece))
        // The layout is told from the first line's first `sniff` bytes: a longer first line
        // that opens JSON is read as JSON documents (heed's own records among them).
        // What a file that is no layout heed reads is instead (binary data, an image) is told
        // from its first bytes whatever its lines: random bytes can open with a short line of text.
        let head = try reader.peek(headSize)
        guard let first = try firstPiece(&reader, longest: max(1, min(limit, sniff))) else { return }
        reader.pushBack(first.bytes, endsLine: first.endsLine)
        let start = FileStart(first.bytes, whole: first.endsLine, head: head, headWhole: head.count < headSize)
        let documents = Documents(file: file, limit: limit, piece: longest)
        switch format {
        case nil: try read(&reader, file: file, start: start, documents: documents, emit: emitCleaned)
        case .heedLines?:
            guard start.couldBeHeedLines else { throw start.mismatch(file: file, named: .heedLines) }
            try HeedLines.read(&reader, file: file, emit: emitCleaned)
        case .csv?:
            guard start.layout == .csv else { throw start.mismatch(file: file, named: .csv) }
            try CSVLines.read(&reader, file: file, emit: emitCleaned)
        case .platform(let name)?:
            guard let named = Formats.named(name) else { throw ImportFailure(ImportFormat.unknown(name)) }
            if start.isWrapped {
                try documents.wrapped(&reader, named: named, emit: emitCleaned)
            } else if start.isJSON {
                try documents.read(&reader, named: named, emit: emitCleaned)
            } else {
                throw start.mismatch(file: file, named: .platform(named.name))
            }
        }
    }

    /// Reads with the layout and formats the detector finds.
    private static func read(
        _ reader: inout LineReader, file: String, start: FileStart, documents: Documents, emit: (ImportEvent) throws -> Void
    ) throws {
        if start.isWrapped { return try documents.wrapped(&reader, named: nil, emit: emit) }
        switch start.layout {
        case .heedLines?: try HeedLines.read(&reader, file: file, emit: emit)
        case .pagePerLine?, .document?: try documents.read(&reader, named: nil, emit: emit)
        case .csv?: try CSVLines.read(&reader, file: file, emit: emit)
        case nil: throw ImportFailure("\(file): \(start.refusal ?? "unknown format")")
        }
    }

    /// The first piece of the file that is not blank, or nil for a file with nothing in it.
    private static func firstPiece(_ reader: inout LineReader, longest: Int) throws -> (bytes: ArraySlice<UInt8>, endsLine: Bool)? {
        while let piece = try reader.nextPiece(longest: longest) {
            if !piece.bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) || !piece.endsLine { return piece }
        }
        return nil
    }

    /// An empty array, or a page whose only list is empty (`{"data":[],"paging":…}`): nothing
    /// to import, whichever platform it came from.
    static func isEmptyPage(_ document: JSON) -> Bool {
        if let items = document.array { return items.isEmpty }
        guard let object = document.object else { return false }
        let lists = object.values.compactMap(\.array)
        return lists.count == 1 && lists[0].isEmpty && object.values.allSatisfy { $0.array != nil || $0.object != nil }
    }

    /// The offset of the first byte that is not valid UTF-8.
    public static func firstInvalidUTF8(_ bytes: some Collection<UInt8>) -> Int {
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

/// What a file's first line that is not blank says of the whole: its layout, and whether the
/// named format can be the file's. It keeps what it found, never the line itself (which may be
/// long).
struct FileStart {
    let layout: FormatDetector.Layout?
    /// Whether a platform's export wrapped the JSON (`window.YTD…`, `jsonFlickrApi(`).
    let isWrapped: Bool
    /// Whether heed's JSON Lines can be what follows: an object on the first line that no
    /// platform claims (a record of heed's, perhaps a bad one), not a `{` that opens a
    /// pretty-printed document.
    let couldBeHeedLines: Bool
    /// What the file looks like, for a format named that it is not.
    let looks: String
    /// Why the file is not read, when no layout is heed's.
    let refusal: String?

    /// What `bytes`, the first line (or its first piece, when not `whole`), tells; when it is
    /// no layout heed reads, `head`, the file's first bytes (all of it when `headWhole`), says
    /// what it is instead.
    init(_ bytes: ArraySlice<UInt8>, whole: Bool, head: ArraySlice<UInt8>, headWhole: Bool) {
        // NUL bytes beside bytes that are no UTF-8 are binary data, whatever its first line
        // opens with (random bytes can start with `{`): no layout heed reads.
        let checked = headWhole ? head : head.dropLast(3)
        let binary = checked.contains(0) && MentionFile.firstInvalidUTF8(checked) < checked.count
        layout = binary ? nil : FormatDetector.layout(ofFirstLine: bytes)
        isWrapped = !binary && FormatDetector.wrapper(startingLine: bytes) != nil
        let blank: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 13 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        let text = bytes.drop(while: blank)
        let opensAlone = !text.dropFirst().contains { !blank($0) }
        couldBeHeedLines = (layout == .heedLines || layout == .document) && text.first == UInt8(ascii: "{") && !opensAlone && !isWrapped
        // The first line says what it is when it can (a web page after blank lines), else the head.
        let told = !binary && (layout != nil || FormatDetector.kind(ofStart: bytes, whole: whole) != nil) ? (bytes, whole) : (head, headWhole)
        looks = FormatDetector.looks(start: told.0, whole: told.1, layout: layout)
        refusal = layout == nil ? FormatDetector.explain(start: told.0, whole: told.1) : nil
    }

    /// Whether the file starts with JSON (an object or an array).
    var isJSON: Bool { layout == .heedLines || layout == .pagePerLine || layout == .document }

    /// The failure of a format named for a file that is not of it.
    func mismatch(file: String, named: ImportFormat) -> ImportFailure {
        ImportFailure("\(file): this is not a \(named) file: it looks like \(looks)")
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
