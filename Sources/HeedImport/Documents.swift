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
    /// the failure says what the file is; a later document of another shape is rejected. An
    /// array larger than the limit comes in parts of its items, each read as an array of them.
    /// `wrapped` leaves out what closes a wrapper after the JSON (`)`, `;`).
    func read(_ reader: inout LineReader, named: (any PlatformFormat.Type)?, wrapped: Bool = false, emit: (ImportEvent) throws -> Void) throws {
        var splitter = JSONDocuments(limit: limit, piece: piece)
        func next() throws -> JSONDocuments.Document? {
            while let document = try splitter.next(&reader) {
                if wrapped, let bytes = document.bytes, bytes.allSatisfy({ Self.closesWrapper.contains($0) }) { continue }
                return document
            }
            return nil
        }
        guard let first = try next() else { return }
        guard let second = try next() else {
            return try take(first, label: first.items == nil ? nil : Self.label(first), first: true, named: named, emit: emit)
        }
        try take(first, label: Self.label(first), first: true, named: named, emit: emit)
        try take(second, label: Self.label(second), first: false, named: named, emit: emit)
        while let document = try next() {
            try take(document, label: Self.label(document), first: false, named: named, emit: emit)
        }
    }

    /// What may follow the JSON of a wrapped export: JSONP's `)`, a script's `;`, blanks.
    static let closesWrapper: Set<UInt8> = [UInt8(ascii: ")"), UInt8(ascii: ";"), 32, 9, 10, 13]

    /// Where a document stands in its file: its line, and which items of a large array it holds.
    static func label(_ document: JSONDocuments.Document) -> String {
        guard let items = document.items else { return "line \(document.line)" }
        let which = items.count == 1 ? "item \(items.lowerBound + 1)" : "items \(items.lowerBound + 1)–\(items.upperBound)"
        return "line \(document.line), \(which)"
    }

    /// Reads a file whose JSON a platform's export wrapped (an X archive's script, Flickr's
    /// JSONP): what comes before the JSON is left out, and the JSON read as any other, so an
    /// archive larger than the limit is still read, in parts.
    func wrapped(_ reader: inout LineReader, named: (any PlatformFormat.Type)?, emit: (ImportEvent) throws -> Void) throws {
        guard let start = try reader.nextPiece(longest: piece) else { return }
        guard let json = start.bytes.firstIndex(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }) else {
            throw ImportFailure("\(file): a wrapped export whose JSON does not start on its first line")
        }
        reader.pushBack(start.bytes[json...], endsLine: start.endsLine)
        try read(&reader, named: named, wrapped: true, emit: emit)
    }

    /// One document: parsed, then read as the page, pages or record it is.
    private func take(_ document: JSONDocuments.Document, label: String?, first: Bool, named: (any PlatformFormat.Type)?, emit: (ImportEvent) throws -> Void) throws {
        let context = ReadContext(file: file, page: label)
        guard let bytes = document.bytes else {
            return try emit(context.rejected("", Self.tooLarge(document.size, limit: limit, item: document.items != nil)))
        }
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
                let place = document.items.map { "line \(document.line), page \($0.lowerBound + index + 1)" }
                    ?? [label, "page \(index + 1)"].compactMap { $0 }.joined(separator: ", ")
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
    static func tooLarge(_ size: Int, limit: Int, item: Bool = false) -> String {
        "\(item ? "an item" : "a JSON document") of \(Self.size(size)), larger than heed reads (\(Self.size(limit)))"
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
