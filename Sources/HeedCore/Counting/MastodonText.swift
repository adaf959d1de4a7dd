import Foundation

/// Mastodon's counting, ported from its `StatusLengthValidator`: the links Mastodon makes (found
/// with the twitter-text gem as Mastodon's initializer changes it, with a protocol only) count 23,
/// a mention `@user@domain` counts as `@user`, and the rest is counted in grapheme clusters. A URL
/// Mastodon would not link (too long, a bad host, glued to a word) and a mention whose domain is
/// longer than 253 characters count in full.
public enum MastodonText {
    /// `URL_PLACEHOLDER_CHARS`.
    static let urlLength = 23
    /// `Extractor::MAX_DOMAIN_LENGTH`.
    static let maxDomainLength = 253

    /// What Mastodon counts of `text` against its limit.
    public static func length(_ text: String) -> Int {
        // Ruby's `blank?`: a text of only white space counts nothing.
        guard !text.unicodeScalars.allSatisfy(\.properties.isWhitespace) else { return 0 }
        let entities = self.entities(text)
        guard !entities.isEmpty else { return text.count }
        let ns = text as NSString
        var countable = ""
        var index = 0
        for entity in entities {
            countable += ns.substring(with: NSRange(location: index, length: entity.range.location - index))
            countable += entity.replacement
            index = entity.range.location + entity.range.length
        }
        countable += ns.substring(from: index)
        return countable.count
    }

    /// A span of the text and what Mastodon counts in its place.
    struct Entity {
        var range: NSRange
        var replacement: String
    }

    /// The links and mentions, by start, without overlaps (the earlier one wins), as
    /// `Extractor.remove_overlapping_entities` leaves them.
    static func entities(_ text: String) -> [Entity] {
        let found = (urls(text).map { Entity(range: $0, replacement: String(repeating: "x", count: urlLength)) }
            + mentions(text).map { Entity(range: $0.range, replacement: "@" + $0.user) })
            .sorted { $0.range.location < $1.range.location }
        var kept: [Entity] = []
        for entity in found where kept.last.map({ $0.range.location + $0.range.length <= entity.range.location }) ?? true {
            kept.append(entity)
        }
        return kept
    }

    // MARK: - Links

    static let validURL = TwitterTextPatterns.compile(TwitterTextPatterns.mastodonValidURL, [.caseInsensitive, .anchorsMatchLines])
    static let tcoURL = TwitterTextPatterns.compile(TwitterTextPatterns.rubyTcoURL, [.caseInsensitive, .anchorsMatchLines])

    /// `extract_urls_with_indices(text, extract_url_without_protocol: false)`: the links Mastodon
    /// makes of URLs written with a protocol, as UTF-16 ranges.
    static func urls(_ text: String) -> [NSRange] {
        guard text.utf16.contains(0x3A) else { return [] }
        let ns = text as NSString
        var ranges: [NSRange] = []
        for match in validURL.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard match.range(at: 4).location != NSNotFound else { continue }
            var range = match.range(at: 3)
            var url = ns.substring(with: range)
            if let tco = tcoURL.firstMatch(in: url, range: NSRange(location: 0, length: range.length)) {
                guard tco.range(at: 1).length <= 40 else { continue }
                url = (url as NSString).substring(with: tco.range)
                range.length = tco.range.length
            }
            let domain = ns.substring(with: match.range(at: 5))
            guard let ascii = IDNA.toASCII(domain) else { continue }
            let growth = max(0, ascii.unicodeScalars.count - domain.unicodeScalars.count)
            guard url.unicodeScalars.count + growth <= TwitterText.maxURLLength else { continue }
            ranges.append(range)
        }
        return ranges
    }

    // MARK: - Mentions

    /// `Account::MENTION_RE`: `@user` or `@user@domain`, not after `=`, `/` or a word character.
    static let mention = TwitterTextPatterns.compile(
        #"(?<![=/\p{L}\p{M}\p{Nd}\p{Pc}])@(([a-z0-9_]+(?:[.\-]+[a-z0-9_]+)*)(?:@([\p{L}\p{M}\p{Nd}\p{Pc}]+(?:[.\-]+[\p{L}\p{M}\p{Nd}\p{Pc}]+)*))?)"#
    )
    /// twitter-text's `end_mention_match`: what may not follow a mention.
    static let mentionEnd = TwitterTextPatterns.compile("^(?:[@\\x{FF20}]|[\(TwitterTextPatterns.latinAccents)]+|://)")

    /// The mentions Mastodon's `Extractor` finds: their range (from the `@`) and the user's name.
    static func mentions(_ text: String) -> [(range: NSRange, user: String)] {
        guard text.contains("@") || text.contains("\u{FF20}") else { return [] }
        let ns = text as NSString
        var found: [(NSRange, String)] = []
        for match in mention.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let end = match.range.location + match.range.length
            if mentionEnd.firstMatch(in: text, range: NSRange(location: end, length: ns.length - end)) != nil { continue }
            let domain = match.range(at: 3)
            if domain.location != NSNotFound, ns.substring(with: domain).unicodeScalars.count > maxDomainLength { continue }
            found.append((match.range, ns.substring(with: match.range(at: 2))))
        }
        return found
    }
}
