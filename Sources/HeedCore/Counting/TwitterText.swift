import Foundation

/// X's counting, ported from twitter-text's Java library (`TwitterTextParser`, `Extractor`): a
/// tweet's weighted length under a configuration, and the URLs X shortens to `t.co` links.
/// Offsets are UTF-16 code units, as in twitter-text.
public enum TwitterText {
    /// twitter-text's `config/*.json`: weights by code-point range, the limit, the URL length.
    public struct Configuration: Sendable, Equatable {
        public var maxWeightedTweetLength: Int
        public var scale: Int
        public var defaultWeight: Int
        public var transformedURLLength: Int
        public var emojiParsingEnabled: Bool
        public var ranges: [WeightedRange]

        /// Code points `start...end` weigh `weight` (scaled: 100 is one character).
        public struct WeightedRange: Sendable, Equatable {
            public var start: UInt32
            public var end: UInt32
            public var weight: Int
            public init(start: UInt32, end: UInt32, weight: Int) { (self.start, self.end, self.weight) = (start, end, weight) }
        }

        public init(maxWeightedTweetLength: Int, scale: Int, defaultWeight: Int, transformedURLLength: Int,
                    emojiParsingEnabled: Bool, ranges: [WeightedRange]) {
            self.maxWeightedTweetLength = maxWeightedTweetLength
            self.scale = scale
            self.defaultWeight = defaultWeight
            self.transformedURLLength = transformedURLLength
            self.emojiParsingEnabled = emojiParsingEnabled
            self.ranges = ranges
        }

        /// `config/v3.json`: what X counts by today (emoji sequences weigh as one character).
        public static let v3 = Configuration(
            maxWeightedTweetLength: 280, scale: 100, defaultWeight: 200, transformedURLLength: 23, emojiParsingEnabled: true,
            ranges: [.init(start: 0, end: 4351, weight: 100), .init(start: 8192, end: 8205, weight: 100),
                     .init(start: 8208, end: 8223, weight: 100), .init(start: 8242, end: 8247, weight: 100)]
        )
    }

    /// What `parseTweet` says of a text: its weighted length, whether X takes it, and the UTF-16
    /// ranges that are shown and that fit (inclusive; `-1...-1` for an empty text).
    public struct ParseResults: Sendable, Equatable {
        public var weightedLength: Int
        public var permillage: Int
        public var isValid: Bool
        public var displayRange: (start: Int, end: Int)
        public var validRange: (start: Int, end: Int)

        public static func == (a: Self, b: Self) -> Bool {
            a.weightedLength == b.weightedLength && a.permillage == b.permillage && a.isValid == b.isValid
                && a.displayRange == b.displayRange && a.validRange == b.validRange
        }
    }

    /// A URL X would shorten: its text and its UTF-16 range in the (NFC-normalised) text.
    public struct URLEntity: Sendable, Equatable {
        public var url: String
        public var range: Range<Int>
    }

    /// `TwitterTextParser.parseTweet`: the text is NFC-normalised, each URL weighs
    /// `transformedURLLength`, each emoji sequence the default weight, every other code point its
    /// range's weight; U+FFFE, U+FEFF and U+FFFF make a text invalid.
    public static func parse(_ text: String, configuration: Configuration = .v3) -> ParseResults {
        let original = text.utf16.count
        guard text.utf16.contains(where: { $0 > 0x20 }) else {
            return ParseResults(weightedLength: 0, permillage: 0, isValid: false, displayRange: (-1, -1), validRange: (-1, -1))
        }
        let normalized = text.precomposedStringWithCanonicalMapping
        let units = Array(normalized.utf16)
        let scale = configuration.scale
        let maxScaled = configuration.maxWeightedTweetLength * scale
        var urls: [Int: Int] = [:]
        for url in extractURLs(normalized, units: units) { urls[url.range.lowerBound] = url.range.count }
        let emoji = configuration.emojiParsingEnabled ? emojiLengths(normalized, units: units) : [:]

        var weighted = 0, offset = 0, validOffset = 0
        var invalid = false
        while offset < units.count {
            if let length = urls.removeValue(forKey: offset) {
                weighted += configuration.transformedURLLength * scale
                offset += length
                if weighted <= maxScaled { validOffset += length }
            }
            guard offset < units.count else { break }
            let (codePoint, width) = codePoint(units, at: offset)
            var weight = configuration.defaultWeight
            let emojiLength = emoji[offset]
            if emojiLength == nil {
                for range in configuration.ranges where range.start <= codePoint && codePoint <= range.end {
                    weight = range.weight
                    break
                }
            }
            weighted += weight
            let unit = units[offset]
            invalid = invalid || unit == 0xFFFE || unit == 0xFEFF || unit == 0xFFFF
            let delta = emojiLength ?? width
            offset += delta
            if !invalid, weighted <= maxScaled { validOffset += delta }
        }
        let shift = original - units.count
        let length = weighted / scale
        return ParseResults(
            weightedLength: length, permillage: length * 1000 / configuration.maxWeightedTweetLength,
            isValid: !invalid && length <= configuration.maxWeightedTweetLength,
            displayRange: (0, offset + shift - 1), validRange: (0, validOffset + shift - 1)
        )
    }

    /// The code point at a UTF-16 offset and how many units it takes (a lone surrogate is itself).
    @inline(__always)
    static func codePoint(_ units: [UInt16], at offset: Int) -> (UInt32, Int) {
        let unit = units[offset]
        if UTF16.isLeadSurrogate(unit), offset + 1 < units.count, UTF16.isTrailSurrogate(units[offset + 1]) {
            return (0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(units[offset + 1] - 0xDC00), 2)
        }
        return (UInt32(unit), 1)
    }

    static let emojiRegex = TwitterTextPatterns.compile(TwitterTextEmoji.pattern, [])

    /// Where each emoji sequence starts and how many UTF-16 units it takes.
    static func emojiLengths(_ text: String, units: [UInt16]) -> [Int: Int] {
        // Every emoji the pattern knows holds a code point above ASCII.
        guard units.contains(where: { $0 >= 0x80 }) else { return [:] }
        var lengths: [Int: Int] = [:]
        for match in emojiRegex.matches(in: text, range: NSRange(location: 0, length: units.count)) {
            lengths[match.range.location] = match.range.length
        }
        return lengths
    }

    // MARK: - URLs

    static let validURL = TwitterTextPatterns.compile(TwitterTextPatterns.javaValidURL)
    static let tcoURL = TwitterTextPatterns.compile(TwitterTextPatterns.javaTcoURL)
    /// `Extractor.MAX_URL_LENGTH` and `MAX_TCO_SLUG_LENGTH`.
    static let maxURLLength = 4096, maxTcoSlugLength = 40

    /// `Extractor.extractURLsWithIndices`: the URLs of `text`, with or without a protocol.
    public static func extractURLs(_ text: String) -> [URLEntity] {
        extractURLs(text, units: Array(text.utf16))
    }

    static func extractURLs(_ text: String, units: [UInt16]) -> [URLEntity] {
        guard units.contains(0x2E) else { return [] }
        let ns = text as NSString
        var urls: [URLEntity] = []
        for match in validURL.matches(in: text, range: NSRange(location: 0, length: units.count)) {
            let protocolRange = match.range(at: 4)
            if protocolRange.location == NSNotFound {
                // Without a protocol, a URL may not follow `-`, `_`, `.` or `/`.
                let before = match.range(at: 2)
                if before.length == 1, [0x2D, 0x5F, 0x2E, 0x2F].contains(units[before.location]) { continue }
            }
            let urlRange = match.range(at: 3)
            var url = ns.substring(with: urlRange)
            var end = urlRange.location + urlRange.length
            if let tco = tcoURL.firstMatch(in: url, range: NSRange(location: 0, length: urlRange.length)) {
                guard tco.range(at: 1).length <= maxTcoSlugLength else { continue }
                url = (url as NSString).substring(with: tco.range)
                end = urlRange.location + tco.range.length
            }
            let host = ns.substring(with: match.range(at: 5))
            guard validHostAndLength(urlLength: url.utf16.count, hasProtocol: protocolRange.location != NSNotFound, host: host) else { continue }
            urls.append(URLEntity(url: url, range: urlRange.location..<end))
        }
        return urls
    }

    /// `Extractor.isValidHostAndLength`: the host encodes to ASCII and the URL, with the encoded
    /// host and a protocol, is at most 4096 long.
    static func validHostAndLength(urlLength: Int, hasProtocol: Bool, host: String) -> Bool {
        guard !host.isEmpty, let ascii = IDNA.toASCII(host) else { return false }
        return urlLength + ascii.utf16.count - host.utf16.count + (hasProtocol ? 0 : 8) <= maxURLLength
    }
}
