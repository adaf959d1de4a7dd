import Foundation

/// Files that are no JSON, JSON Lines or CSV heed reads, told from their first bytes: an image,
/// an archive, a database, a web page, other text.
extension FormatDetector {
    /// What heed imports, for messages about files it does not.
    static let whatHeedReads = "heed reads what the platforms' APIs answer (JSON), heed's JSON Lines and CSV with a header row naming platform and id (see heed import --help)"

    /// Why a file whose first line is no JSON or CSV heed reads is not imported: what it is, and
    /// what heed reads instead. `start` is that line (or its first piece, when not `whole`).
    static func explain(start: ArraySlice<UInt8>, whole: Bool) -> String {
        guard let (what, hint) = kind(ofStart: start, whole: whole) else {
            return "unknown format: this is text, not JSON, JSON Lines or CSV with a header row naming platform and id; \(whatHeedReads)"
        }
        return "this is \(what), not mentions: \(hint ?? whatHeedReads)"
    }

    /// Why input starting with `start` can never hold mentions (an image, an archive, a web
    /// page, binary data), or nil when it may: lets a stream be refused from its first bytes instead of
    /// being kept whole first. `whole` tells whether `start` is all there is.
    public static func refusal(start: ArraySlice<UInt8>, whole: Bool) -> String? {
        kind(ofStart: start, whole: whole) == nil ? nil : explain(start: start, whole: whole)
    }

    /// What a file looks like from its first line, for a format named that it is not.
    static func looks(start: ArraySlice<UInt8>, whole: Bool, layout: Layout?) -> String {
        if let format = wrapper(startingLine: start) { return "a \(format.name) export" }
        switch layout {
        case .heedLines?: return "heed's JSON Lines"
        case .pagePerLine?:
            return (try? JSON.parse(Data(start))).map { looks(like: $0) } ?? "JSON"
        case .document?: return "JSON (a document that spans lines)"
        case .csv?: return "CSV with a header row"
        case nil: return kind(ofStart: start, whole: whole)?.what ?? "text that is not JSON or CSV"
        }
    }

    /// A file's kind from its first bytes, with advice when there is some; nil for text heed
    /// cannot tell.
    static func kind(ofStart bytes: ArraySlice<UInt8>, whole: Bool) -> (what: String, hint: String?)? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        func starts(_ prefix: String) -> Bool { bytes.starts(with: Array(prefix.utf8)) }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return ("a PNG image", nil) }
        if starts([0xFF, 0xD8, 0xFF]) { return ("a JPEG image", nil) }
        if starts("GIF87a") || starts("GIF89a") { return ("a GIF image", nil) }
        if starts("RIFF"), bytes.dropFirst(8).starts(with: Array("WEBP".utf8)) { return ("a WebP image", nil) }
        if starts("%PDF-") { return ("a PDF document", nil) }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            return ("a ZIP archive", "a platform's data export is unzipped first, and the file inside imported (of an X archive, data/tweets.js)")
        }
        if starts([0x1F, 0x8B]) { return ("gzip-compressed data", "decompress it first: gzip -dc FILE | heed import -") }
        if starts("SQLite format 3") { return ("an SQLite database", "a heed store is opened with --store, not imported") }
        let text = bytes.drop { $0 == 32 || $0 == 9 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        let lower = String(decoding: text.prefix(15), as: UTF8.self).lowercased()
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") {
            return ("an HTML page", "a web page is not what an API answers: save the JSON the API returns")
        }
        if lower.hasPrefix("<?xml") || lower.hasPrefix("<rss") || lower.hasPrefix("<feed") { return ("an XML document", nil) }
        // A piece may end inside a character: only what comes before its last three bytes counts.
        let checked = whole ? bytes : bytes.dropLast(3)
        if String(validating: checked, as: UTF8.self) == nil || checked.contains(0) { return ("binary data", nil) }
        return nil
    }
}
