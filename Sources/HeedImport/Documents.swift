import Foundation
import HeedCore

/// Reads the JSON documents of one file (found by `JSONDocuments`): each page by the one format
/// that claims it, or by the format named; heed's own records too (`heed list --json` passed
/// through `jq .`). In a file of one document, records are named by their place in it; in a
/// file of several, by the line their document starts on as well.
struct Documents {
    let file: String
    /// The largest document read, in bytes.
    let limit: Int
    /// The longest piece of a line read at once.
    let piece: Int

    /// Reads every document of the reader. The first document decides whether this is a file
    /// heed can read at all (or one of the format named): when it is not, nothing is read and
    /// the failure says what the file is; a later document of another shape is rejected.
    func read(_ reader: inout LineReader, named: (any PlatformFormat.Type)?, emit: (ImportEvent) throws -> Void) throws {
        var splitter = JSONDocuments(limit: limit, piece: piece)
        guard let first = try splitter.next(&reader) else { return }
        guard let second = try splitter.next(&reader) else {
            return try take(first, label: nil, first: true, named: named, emit: emit)
        }
        try take(first, label: "line \(first.line)", first: true, named: named, emit: emit)
        try take(second, label: "line \(second.line)", first: false, named: named, emit: emit)
        while let document = try splitter.next(&reader) {
            try take(document, label: "line \(document.line)", first: false, named: named, emit: emit)
        }
    }

    /// Reads a file whose JSON a platform's export wrapped (an X archive's script, Flickr's
    /// JSONP): one document, the wrapper taken off.
    func wrapped(_ reader: inout LineReader, named: (any PlatformFormat.Type)?, emit: (ImportEvent) throws -> Void) throws {
        guard let bytes = try reader.rest(longest: limit) else {
            return try emit(ReadContext(file: file).rejected("", Self.tooLarge(reader.restSize, limit: limit)))
        }
        let inner = Array(FormatDetector.unwrap(Data(bytes)))
        try take(JSONDocuments.Document(line: 1, bytes: inner[...], size: inner.count), label: nil, first: true, named: named, emit: emit)
    }

    /// One document: parsed, then read as the page, pages or record it is.
    private func take(_ document: JSONDocuments.Document, label: String?, first: Bool, named: (any PlatformFormat.Type)?, emit: (ImportEvent) throws -> Void) throws {
        let context = ReadContext(file: file, page: label)
        guard let bytes = document.bytes else { return try emit(context.rejected("", Self.tooLarge(document.size, limit: limit))) }
        let page: JSON
        if let parsed = document.parsed {
            page = parsed
        } else {
            guard String(validating: bytes, as: UTF8.self) != nil else {
                return try emit(context.rejected("byte \(MentionFile.firstInvalidUTF8(bytes))", "not valid UTF-8"))
            }
            do {
                page = try JSON.parse(Data(bytes))
            } catch {
                guard !document.joins.isEmpty else { return try emit(context.rejected("", "\(error)")) }
                return try rejoin(document, bytes, named: named, emit: emit)
            }
        }
        switch Self.plan(page, named: named) {
        case .page(let format):
            try format.read(page, context: context, emit: emit)
        case .pages(let format, let pages):
            for (index, item) in pages.enumerated() {
                let place = [label, "page \(index + 1)"].compactMap { $0 }.joined(separator: ", ")
                try format.read(item, context: ReadContext(file: file, page: place), emit: emit)
            }
        case .record:
            switch HeedLines.decode(bytes) {
            case .success(let mention): try emit(.mention(mention))
            case .failure(let problem): try emit(context.rejected("", problem.reason))
            }
        case .empty:
            return
        case .other:
            if first {
                let said = named.map { "this is not a \($0.name) file: it looks like \(FormatDetector.looks(like: page))" } ?? FormatDetector.explain(page)
                throw ImportFailure("\(file): \(said)")
            }
            let reason = named.map { "not a \($0.name) page" } ?? "not a page of any format heed knows"
            try emit(context.rejected("", "\(reason): it looks like \(FormatDetector.looks(like: page))"))
        }
    }

    /// A document that does not parse, read again in parts split where it took in lines that
    /// start with `{` or `[` (see `JSONDocuments`): a broken page, then the pages it swallowed.
    private func rejoin(_ document: JSONDocuments.Document, _ bytes: ArraySlice<UInt8>, named: (any PlatformFormat.Type)?, emit: (ImportEvent) throws -> Void) throws {
        let starts = [(offset: 0, line: document.line)] + document.joins
        for (index, part) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1].offset : bytes.count
            let slice = bytes[(bytes.startIndex + part.offset)..<(bytes.startIndex + end)]
            let piece = JSONDocuments.Document(line: part.line, bytes: slice, size: slice.count)
            try take(piece, label: "line \(part.line)", first: false, named: named, emit: emit)
        }
    }

    /// How a document is read.
    enum Plan {
        /// As one page of this format.
        case page(any PlatformFormat.Type)
        /// As an array of pages of this format.
        case pages(any PlatformFormat.Type, [JSON])
        /// As one of heed's own records.
        case record
        /// Not at all: a page with nothing in it.
        case empty
        /// Not at all: no format's (or not the one named).
        case other
    }

    /// How a document is read: by the one format that claims it (or its pages), or the one named.
    static func plan(_ page: JSON, named: (any PlatformFormat.Type)?) -> Plan {
        if let named {
            if named.matches(page) { return .page(named) }
            if let items = page.array, !items.isEmpty, items.allSatisfy(named.matches) { return .pages(named, items) }
            return MentionFile.isEmptyPage(page) ? .empty : .other
        }
        if HeedLines.isRecord(page) { return .record }
        if let format = FormatDetector.format(of: page) { return .page(format) }
        if let items = page.array, let format = FormatDetector.sharedFormat(of: items) { return .pages(format, items) }
        return MentionFile.isEmptyPage(page) ? .empty : .other
    }

    /// Why a document was not read: its size against the limit.
    static func tooLarge(_ size: Int, limit: Int) -> String {
        "a JSON document of \(Self.size(size)), larger than heed reads (\(Self.size(limit)))"
    }

    /// A size in bytes as people read it: "812 bytes", "300.5 MiB".
    static func size(_ bytes: Int) -> String {
        guard bytes >= 1 << 20 else { return "\(bytes) bytes" }
        let mebibytes = Double(bytes) / Double(1 << 20)
        return mebibytes == mebibytes.rounded() ? "\(Int(mebibytes)) MiB" : String(format: "%.1f MiB", mebibytes)
    }
}

extension HeedLines {
    /// Whether a JSON value is one of heed's own records: an object naming `platform` and `id`.
    static func isRecord(_ value: JSON) -> Bool {
        value["platform"]?.string != nil && value["id"] != nil
    }
}
