import Foundation

/// What is said of a file heed does not read as it is: what it looks like, and, where heed can
/// tell, which answer of which API it is and what to save instead.
extension FormatDetector {
    /// Why a JSON document that no format claims is not imported, in one sentence: another
    /// answer of a platform's API (and which one heed reads), an error an API answered, a page
    /// two formats could read, or simply its shape.
    public static func explain(_ page: JSON) -> String {
        if let (format, relative) = relative(of: page) {
            return "this is \(relative.looks), not mentions: heed reads \(format.reads)"
        }
        if let error = apiError(page) {
            return "this is an error an API answered (\(error)), not mentions: save the answer once the request succeeds"
        }
        let claims = Formats.all.filter { $0.matches(page) }.map { $0.name }.sorted()
        if let last = claims.last, claims.count > 1 {
            let names = claims.dropLast().joined(separator: ", ") + " or " + last
            return "this JSON is \(describe(page)) that could be \(names) pages: name the one it is with --format"
        }
        return "unknown format: this JSON is \(describe(page)), not a page heed reads (\(Formats.all.map { $0.name }.sorted().joined(separator: ", ")); see heed import --help)"
    }

    /// What a document looks like, in a few words: a page of the format that claims it, another
    /// answer of an API, one of heed's own records, or its shape.
    public static func looks(like page: JSON) -> String {
        if HeedLines.isRecord(page) { return "heed's JSON Lines" }
        if let format = format(of: page) { return "a \(format.name) page" }
        if let items = page.array, let format = sharedFormat(of: items) { return "\(items.count) \(format.name) pages" }
        if let (_, relative) = relative(of: page) { return relative.looks }
        if let error = apiError(page) { return "an error an API answered (\(error))" }
        return describe(page)
    }

    /// The platform's answer a document is, when it is one heed knows of but does not read.
    static func relative(of page: JSON) -> (any PlatformFormat.Type, Relative)? {
        for format in Formats.all {
            if let relative = format.relatives.first(where: { $0.matches(page) }) { return (format, relative) }
        }
        return nil
    }

    /// The message of an error an API answered instead of data (`{"error": "The access token
    /// is invalid"}`, X's `errors`, GitHub's `message`), quoted safely; nil for anything else.
    static func apiError(_ page: JSON) -> String? {
        guard let object = page.object, object.count <= 6 else { return nil }
        let message: JSON?
        if let error = object["error"] {
            message = error.string != nil ? error : error["message"] ?? object["error_description"]
        } else if let errors = object["errors"]?.array, object["data"] == nil {
            message = errors.first?["message"] ?? errors.first?["detail"] ?? object["detail"] ?? object["title"]
        } else if object["documentation_url"] != nil {
            message = object["message"]
        } else {
            return nil
        }
        guard let text = message?.string, !text.isEmpty else { return "no message" }
        return "\"" + printable(text, cut: 100) + "\""
    }

    /// Text as it may be shown on a terminal: printable ASCII as it is, anything else escaped,
    /// cut at `cut` characters.
    static func printable(_ text: String, cut: Int = 40) -> String {
        let escaped = text.unicodeScalars.prefix(cut).map { scalar in
            (0x20..<0x7F).contains(scalar.value) && scalar != "\"" && scalar != "\\" ? String(scalar) : scalar.escaped(asASCII: true)
        }
        return escaped.joined() + (text.unicodeScalars.count > cut ? "…" : "")
    }
}
