import Foundation

/// A reply's length as its platform counts it, against the platform's limit; Bluesky also
/// counts UTF-8 bytes against a second limit.
public struct ReplyLength: Sendable, Equatable {
    public var used: Int
    public var limit: Int
    /// A second measure with its own limit (Bluesky: 3000 UTF-8 bytes).
    public var bytes: Int?
    public var byteLimit: Int?

    public init(used: Int, limit: Int, bytes: Int? = nil, byteLimit: Int? = nil) {
        self.used = used
        self.limit = limit
        self.bytes = bytes
        self.byteLimit = byteLimit
    }

    public var isOver: Bool { used > limit || (bytes ?? 0) > (byteLimit ?? .max) }
    /// Within a tenth of a limit: the counter warns.
    public var isNear: Bool {
        !isOver && (used * 10 >= limit * 9 || (byteLimit.map { (bytes ?? 0) * 10 >= $0 * 9 } ?? false))
    }

    /// Why saving is refused, or nil when it fits.
    public var overReason: String? {
        if used > limit { return "\(used)/\(limit)" }
        if let bytes, let byteLimit, bytes > byteLimit { return "\(bytes)/\(byteLimit) bytes" }
        return nil
    }
}

/// How each platform counts a reply and how long it may be. Limits not documented by a
/// platform get a generous default, said as such in `limitNote`.
public enum ReplyRules {
    /// The platform's reply limit.
    public static func defaultLimit(for platform: Platform) -> Int {
        switch platform {
        case .x: 280
        case .bluesky: 300
        case .mastodon: 500
        case .youtube: 10_000
        case .reddit: 10_000
        case .wordpress: 65_525
        case .linkedin: 1_250
        case .github: 65_536
        case .instagram: 2_200
        case .facebook, .flickr, .blogger, .friendfeed, .hackernews: 8_000
        }
    }

    /// Where a limit comes from, for the config file's comments and the README.
    public static func limitNote(for platform: Platform) -> String {
        switch platform {
        case .x: "280 weighted (twitter-text v3: CJK and emoji count 2, URLs 23)"
        case .bluesky: "300 graphemes and 3000 UTF-8 bytes (app.bsky.feed.post lexicon)"
        case .mastodon: "500 by default; set your server's limit (GET /api/v2/instance, configuration.statuses.max_characters)"
        case .youtube: "not documented (the API only names the error commentTextTooLong); 10,000 assumed"
        case .reddit: "10,000 per comment (third-party reports; subreddits may set less)"
        case .wordpress: "65,525 (the comment_content column)"
        case .linkedin: "not verified (sources say 1,250 or 3,000); the lower is used"
        case .github: "65,536 (comment body)"
        case .instagram: "not documented for comments; 2,200 (the caption limit) assumed"
        case .facebook, .flickr: "not documented; 8,000 assumed"
        case .blogger, .friendfeed, .hackernews: "no API posts replies; 8,000 assumed"
        }
    }

    /// The reply's length as the platform counts it; `limit` overrides the default (config).
    public static func length(of text: String, on platform: Platform, limit: Int? = nil) -> ReplyLength {
        let limit = limit ?? defaultLimit(for: platform)
        switch platform {
        case .x: return ReplyLength(used: xWeightedLength(text), limit: limit)
        case .mastodon: return ReplyLength(used: mastodonLength(text), limit: limit)
        case .bluesky: return ReplyLength(used: text.count, limit: limit, bytes: text.utf8.count, byteLimit: 3_000)
        default: return ReplyLength(used: text.count, limit: limit)
        }
    }

    // MARK: - Mastodon

    /// Mastodon: URLs count 23, `@user@domain` counts as `@user`, then grapheme clusters.
    static func mastodonLength(_ text: String) -> Int {
        var total = 0
        for piece in Tokens.split(text) {
            switch piece {
            case .url: total += 23
            case .mention(let user, _): total += 1 + user.count
            case .text(let plain): total += plain.count
            }
        }
        return total
    }

    // MARK: - X

    /// X: twitter-text v3 weights: code points in 0–4351, 8192–8205, 8208–8223, 8242–8247 weigh
    /// 1, others 2; a URL counts 23; an emoji sequence counts 2. Text is NFC-normalised first.
    static func xWeightedLength(_ text: String) -> Int {
        var total = 0
        for piece in Tokens.split(text.precomposedStringWithCanonicalMapping) {
            switch piece {
            case .url: total += 23
            case .mention(let user, let host): total += weighted("@" + user + (host.map { "@" + $0 } ?? ""))
            case .text(let plain): total += weighted(plain)
            }
        }
        return total
    }

    static func weighted(_ text: String) -> Int {
        var total = 0
        for character in text {
            if isEmoji(character) { total += 2; continue }
            for scalar in character.unicodeScalars { total += isLight(scalar.value) ? 1 : 2 }
        }
        return total
    }

    @inline(__always)
    static func isLight(_ value: UInt32) -> Bool {
        value <= 4351 || (8192...8205).contains(value) || (8208...8223).contains(value) || (8242...8247).contains(value)
    }

    /// An emoji as a reader sees one: emoji-presentation scalars, or text-default ones turned
    /// into emoji by VS16, a keycap, a skin tone or a joiner; flags.
    static func isEmoji(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first, first.properties.isEmoji else { return false }
        if first.properties.isEmojiPresentation { return true }
        return scalars.dropFirst().contains { [0xFE0F, 0x20E3, 0x200D].contains($0.value) || (0x1F3FB...0x1F3FF).contains($0.value) }
    }
}

/// Reply text cut into URLs, `@user@host` mentions and the plain text between them.
enum Tokens {
    enum Piece: Equatable {
        case url(String)
        case mention(user: String, host: String?)
        case text(String)
    }

    static let trailing: Set<Character> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "'", "\"", "»", "…"]

    static func split(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var plain = ""
        var index = text.startIndex
        func flush() {
            if !plain.isEmpty { pieces.append(.text(plain)); plain = "" }
        }
        while index < text.endIndex {
            let atWordStart = index == text.startIndex || text[text.index(before: index)].isWhitespace || "([{\"'".contains(text[text.index(before: index)])
            if atWordStart, let (url, end) = url(in: text, at: index) {
                flush()
                pieces.append(.url(url))
                index = end
                continue
            }
            if atWordStart, text[index] == "@", let (user, host, end) = mention(in: text, at: index) {
                flush()
                pieces.append(.mention(user: user, host: host))
                index = end
                continue
            }
            plain.append(text[index])
            index = text.index(after: index)
        }
        flush()
        return pieces
    }

    /// `http(s)://…` or `www.…` up to whitespace, without trailing punctuation.
    static func url(in text: String, at start: String.Index) -> (String, String.Index)? {
        let rest = text[start...]
        guard rest.hasPrefix("http://") || rest.hasPrefix("https://") || rest.hasPrefix("www.") else { return nil }
        var end = rest.firstIndex(where: \.isWhitespace) ?? text.endIndex
        while end > start, trailing.contains(text[text.index(before: end)]) { end = text.index(before: end) }
        let candidate = text[start..<end]
        guard candidate.contains("."), candidate.count > 8 || candidate.hasPrefix("www.") else { return nil }
        return (String(candidate), end)
    }

    /// `@user` or `@user@host.tld`.
    static func mention(in text: String, at start: String.Index) -> (String, String?, String.Index)? {
        func isUserCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "." || c == "-" }
        var index = text.index(after: start)
        let userStart = index
        while index < text.endIndex, isUserCharacter(text[index]) { index = text.index(after: index) }
        var userEnd = index
        while userEnd > userStart, ".-".contains(text[text.index(before: userEnd)]) { userEnd = text.index(before: userEnd) }
        guard userEnd > userStart else { return nil }
        let user = String(text[userStart..<userEnd])
        guard userEnd == index, index < text.endIndex, text[index] == "@" else { return (user, nil, userEnd) }
        var hostEnd = text.index(after: index)
        let hostStart = hostEnd
        while hostEnd < text.endIndex, isUserCharacter(text[hostEnd]) { hostEnd = text.index(after: hostEnd) }
        while hostEnd > hostStart, ".-".contains(text[text.index(before: hostEnd)]) { hostEnd = text.index(before: hostEnd) }
        let host = String(text[hostStart..<hostEnd])
        guard host.contains(".") else { return (user, nil, userEnd) }
        return (user, host, hostEnd)
    }
}
