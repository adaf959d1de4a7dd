import Foundation

/// How long a reply may be on each platform, counted the way the platform counts.
public struct ReplyLength: Sendable, Equatable {
    public var used: Int
    public var limit: Int
    public var isOver: Bool { used > limit }
    /// Within a tenth of the limit: the counter warns.
    public var isNear: Bool { !isOver && used * 10 >= limit * 9 }

    public init(used: Int, limit: Int) {
        self.used = used
        self.limit = limit
    }
}

public enum ReplyRules {
    /// The documented or default reply limit; see `Platform` notes in the README.
    public static func limit(for platform: Platform) -> Int {
        switch platform {
        case .x: 280
        case .bluesky: 300
        case .mastodon: 500
        case .reddit, .youtube: 10_000
        case .wordpress: 65_525
        case .linkedin: 1_250
        case .facebook, .instagram, .flickr, .blogger, .friendfeed: 8_000
        case .github: 65_536
        case .hackernews: 10_000
        }
    }

    /// The reply's length as the platform counts it.
    public static func length(of text: String, on platform: Platform) -> ReplyLength {
        let limit = limit(for: platform)
        switch platform {
        case .x:
            return ReplyLength(used: xWeightedLength(text), limit: limit)
        case .mastodon:
            return ReplyLength(used: mastodonLength(text), limit: limit)
        default:
            return ReplyLength(used: text.count, limit: limit)
        }
    }

    /// Mastodon: every URL counts 23, a remote mention counts only its user part.
    static func mastodonLength(_ text: String) -> Int {
        var total = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if isURL(word) {
                total += 23
            } else if word.hasPrefix("@"), let at = word.dropFirst().firstIndex(of: "@") {
                total += word[word.startIndex..<at].count
            } else {
                total += word.count
            }
        }
        return total + max(0, text.split(separator: " ", omittingEmptySubsequences: false).count - 1)
    }

    /// X: code points in twitter-text's v3 ranges weigh 1, others 2; URLs 23; an emoji counts 2.
    static func xWeightedLength(_ text: String) -> Int {
        var total = 0
        var first = true
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !first { total += 1 }
            first = false
            if isURL(word) { total += 23; continue }
            for character in word {
                if character.unicodeScalars.first?.properties.isEmojiPresentation == true
                    || (character.unicodeScalars.count > 1 && character.unicodeScalars.contains { $0.properties.isEmoji && $0.value > 0x2000 }) {
                    total += 2
                    continue
                }
                for scalar in character.unicodeScalars {
                    let v = scalar.value
                    let light = v <= 4351 || (8192...8205).contains(v) || (8208...8223).contains(v) || (8242...8247).contains(v)
                    total += light ? 1 : 2
                }
            }
        }
        return total
    }

    static func isURL(_ word: Substring) -> Bool {
        word.hasPrefix("http://") || word.hasPrefix("https://")
    }
}
