import Foundation

/// Decides what a file holds and which reader takes a page: the one place that knows every
/// format at once. Each reader only says what its own pages look like (`PlatformFormat.matches`,
/// `wrapper`); the detector asks all of them, in no meaningful order, and takes a page only
/// when exactly one format claims it. When none or several do, it says what the page looks like.
public enum FormatDetector {
    /// How a file's records are laid out, told from its first line that is not blank.
    public enum Layout: Equatable, Sendable {
        /// heed's JSON Lines: an object with `platform` and `id` on each line.
        case heedLines
        /// JSON whose first line is a whole page (compact pages appended with `>>`).
        case pagePerLine
        /// JSON whose first line is not a whole page: a pretty-printed page, an array of
        /// pages, a wrapped export. Both JSON layouts are read document by document, so pages
        /// of either kind may follow one another (`JSONDocuments`).
        case document
        /// CSV with a header row naming heed's fields.
        case csv
    }

    /// What a page is: the one format that claims it, or what it looks like when none or several do.
    public enum Verdict {
        /// The one format whose shape the page has.
        case format(any PlatformFormat.Type)
        /// No format's, or several formats' at once: what the page looks like, in a few words.
        case unknown(looksLike: String)
    }

    /// The layout of a file from its first line that is not blank; nil when it is none heed knows.
    public static func layout(ofFirstLine first: ArraySlice<UInt8>) -> Layout? {
        let start = first.first { $0 != 32 && $0 != 9 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if start == UInt8(ascii: "{") || start == UInt8(ascii: "[") {
            guard let value = try? JSON.parse(Data(first)) else { return .document }
            if start == UInt8(ascii: "{"), value["platform"]?.string != nil, value["id"] != nil { return .heedLines }
            return format(of: value) != nil ? .pagePerLine : .document
        }
        if wrapper(startingLine: first) != nil { return .document }
        return CSVLines.looksLikeHeader(first) ? .csv : nil
    }

    /// The format whose export wraps its JSON the way a file's first line starts, if any.
    static func wrapper(startingLine first: ArraySlice<UInt8>) -> (any PlatformFormat.Type)? {
        let text = first.starts(with: [0xEF, 0xBB, 0xBF]) ? first.dropFirst(3) : first
        let start = text.drop { $0 == 32 || $0 == 9 }
        return Formats.all.first { format in format.wrapper.map { start.starts(with: $0.prefix) } ?? false }
    }

    /// The JSON inside whatever wrapper a platform's export put around it; the data itself when none.
    public static func unwrap(_ data: Data) -> Data {
        for format in Formats.all {
            if let wrapper = format.wrapper, let inner = wrapper.unwrap(data) { return inner }
        }
        return data
    }

    /// The one format whose shape a page has; nil when none or several claim it.
    public static func format(of page: JSON) -> (any PlatformFormat.Type)? {
        if case .format(let format) = verdict(page) { return format }
        return nil
    }

    /// Which format takes a page, or what the page looks like when it is no format's or
    /// several formats' at once (an ambiguous page is refused, never guessed).
    public static func verdict(_ page: JSON) -> Verdict {
        verdict(page, among: Formats.all)
    }

    /// The verdict among some formats, in whatever order they are given.
    static func verdict(_ page: JSON, among formats: [any PlatformFormat.Type]) -> Verdict {
        var claims: [any PlatformFormat.Type] = []
        for format in formats where format.matches(page) { claims.append(format) }
        if claims.count == 1 { return Verdict.format(claims[0]) }
        let names = claims.map { $0.name }.sorted()
        guard let last = names.last, names.count > 1 else { return Verdict.unknown(looksLike: describe(page)) }
        return Verdict.unknown(looksLike: describe(page) + " that could be " + names.dropLast().joined(separator: ", ") + " or " + last + " pages")
    }

    /// The format of an array of pages: the first page's, when every page has its shape.
    public static func sharedFormat(of pages: [JSON]) -> (any PlatformFormat.Type)? {
        guard let first = pages.first, let format = format(of: first) else { return nil }
        return pages.allSatisfy(format.matches) ? format : nil
    }

    /// A page's shape in a few words, for a user to recognise the file: its kind and first keys.
    public static func describe(_ page: JSON) -> String {
        switch page {
        case .object(let object):
            guard !object.isEmpty else { return "an empty object" }
            let keys = object.keys.sorted()
            let shown = keys.prefix(6).map { "\"\(printable($0))\"" }.joined(separator: ", ")
            return "an object with the keys \(shown)\(keys.count > 6 ? " and \(keys.count - 6) more" : "")"
        case .array(let items):
            guard let first = items.first else { return "an empty array" }
            let alike = items.allSatisfy { kind($0) == kind(first) }
            return "an array of \(items.count) \(alike ? kind(first) : "values")"
                + (first.object.map { alike && !$0.isEmpty ? " (the first with the keys \($0.keys.sorted().prefix(4).map { "\"\(printable($0))\"" }.joined(separator: ", ")))" : "" } ?? "")
        default:
            return "a single \(kind(page).dropLast())"
        }
    }

    private static func kind(_ value: JSON) -> String {
        switch value {
        case .object: "objects"
        case .array: "arrays"
        case .string: "strings"
        case .integer, .number: "numbers"
        case .bool: "booleans"
        case .null: "nulls"
        }
    }
}
