import Foundation

/// Bluesky's rich text as its official client finds it, ported from `detectFacets` in
/// bluesky-social/atproto (`packages/api/src/rich-text/detection.ts`): mentions of handles, links
/// with or without `https://` (a bare domain when its TLD is real), hashtags and cashtags, each
/// located by UTF-8 byte offsets as `app.bsky.richtext.facet` wants them.
public enum BlueskyRichText {
    /// What a span of the text is.
    public enum Feature: Sendable, Hashable {
        /// `@handle`: the handle, to be resolved to a DID before posting.
        case mention(handle: String)
        /// A link, with `https://` added to a bare domain.
        case link(uri: String)
        /// `#tag` (without the `#`) or `$TICKER` (with the `$`).
        case tag(String)
    }

    /// A feature and where it is, in UTF-8 bytes from the start of the text.
    public struct Facet: Sendable, Hashable {
        public var byteStart: Int
        public var byteEnd: Int
        public var feature: Feature

        public init(byteStart: Int, byteEnd: Int, feature: Feature) {
            (self.byteStart, self.byteEnd, self.feature) = (byteStart, byteEnd, feature)
        }
    }

    /// JavaScript's `\s`, which the official patterns use.
    static let space = #"\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}"#
    /// JavaScript's `\b` after a handle: a change between `[A-Za-z0-9_]` and anything else.
    static let asciiBoundary = #"(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))"#
    static let tagExcluded = #"\x{AD}\x{2060}\x{200A}\x{200B}\x{200C}\x{200D}\x{20E2}"#

    static let mention = TwitterTextPatterns.compile("(^|[\(space)]|\\()(@)([a-zA-Z0-9.\\-]+)\(asciiBoundary)", [])
    static let link = TwitterTextPatterns.compile(
        "(^|[\(space)]|\\()(([Hh][Tt][Tt][Pp][Ss]?://[^\(space)]+)|((?<domain>[a-zA-Z][a-zA-Z0-9]*(?:\\.[a-zA-Z0-9]+)+)[^\(space)]*))", [])
    static let tag = TwitterTextPatterns.compile(
        "(^|[\(space)])[#\\x{FF03}]((?!\\x{FE0F})[^\(space)\(tagExcluded)]*[^0-9\(space)\\p{P}\(tagExcluded)]+[^\(space)\(tagExcluded)]*)?", [])
    static let cashtag = TwitterTextPatterns.compile(
        "(^|[\(space)]|\\()\\$([A-Za-z][A-Za-z0-9]{0,4})(?=[\(space)]|\\z|[.,;:!?)\"'\\x{2019}])", [])
    static let trailingPunctuation = TwitterTextPatterns.compile("\\p{P}+$", [])

    /// The facets of `text` in the order the official client sorts them (by start).
    public static func detectFacets(_ text: String) -> [Facet] {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var utf8Offsets: [Int] = []
        utf8Offsets.reserveCapacity(ns.length + 1)
        var bytes = 0
        for unit in text.utf16 {
            utf8Offsets.append(bytes)
            bytes += UTF16.isTrailSurrogate(unit) ? 2 : (UTF16.isLeadSurrogate(unit) ? 2 : unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3)
        }
        utf8Offsets.append(bytes)
        func facet(_ start: Int, _ end: Int, _ feature: Feature) -> Facet {
            Facet(byteStart: utf8Offsets[start], byteEnd: utf8Offsets[end], feature: feature)
        }
        var facets: [Facet] = []
        for match in mention.matches(in: text, range: whole) {
            let handle = ns.substring(with: match.range(at: 3))
            guard isValidDomain(handle) || handle.hasSuffix(".test") else { continue }
            let start = match.range(at: 3).location - 1
            facets.append(facet(start, start + handle.utf16.count + 1, .mention(handle: handle)))
        }
        for match in link.matches(in: text, range: whole) {
            let range = match.range(at: 2)
            var uri = ns.substring(with: range)
            var end = range.location + range.length
            if !uri.hasPrefix("http") {
                let domain = match.range(withName: "domain")
                guard domain.location != NSNotFound, isValidDomain(ns.substring(with: domain)) else { continue }
                uri = "https://" + uri
            }
            if let last = uri.unicodeScalars.last, ".,;:!?".unicodeScalars.contains(last) {
                uri.unicodeScalars.removeLast()
                end -= 1
            }
            if uri.hasSuffix(")"), !uri.contains("(") {
                uri.unicodeScalars.removeLast()
                end -= 1
            }
            facets.append(facet(range.location, end, .link(uri: uri)))
        }
        for match in tag.matches(in: text, range: whole) where match.range(at: 2).location != NSNotFound {
            var name = ns.substring(with: match.range(at: 2)).trimmingCharacters(in: CharacterSet(charactersIn: jsSpaces))
            if let punctuation = trailingPunctuation.firstMatch(in: name, range: NSRange(location: 0, length: name.utf16.count)) {
                name = (name as NSString).substring(to: punctuation.range.location)
            }
            guard !name.isEmpty, name.utf16.count <= 64 || name.count <= 64 else { continue }
            let start = match.range(at: 1).location + match.range(at: 1).length
            facets.append(facet(start, start + 1 + name.utf16.count, .tag(name)))
        }
        for match in cashtag.matches(in: text, range: whole) {
            let ticker = ns.substring(with: match.range(at: 2)).uppercased()
            let start = match.range(at: 1).location + match.range(at: 1).length
            facets.append(facet(start, start + 1 + ticker.utf16.count, .tag("$" + ticker)))
        }
        return facets.enumerated().sorted { ($0.element.byteStart, $0.offset) < ($1.element.byteStart, $1.offset) }.map(\.element)
    }

    /// The characters JavaScript's `trim()` removes.
    static let jsSpaces = "\t\n\u{0B}\u{0C}\r \u{A0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}"

    /// `isValidDomain`: the name ends with `.` and a TLD of the `tlds` package (case as written).
    static func isValidDomain(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return TopLevelDomains.bluesky.contains(String(name[name.index(after: dot)...]))
    }
}
