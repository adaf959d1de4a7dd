import Foundation

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
        case .x: "280 weighted (twitter-text v3: CJK 2, an emoji sequence 2, every URL twitter-text finds 23)"
        case .bluesky: "300 graphemes and 3000 UTF-8 bytes (app.bsky.feed.post lexicon)"
        case .mastodon: "500 by default, links Mastodon makes 23 (set your server's limit: GET /api/v2/instance, configuration.statuses.max_characters)"
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
        case .x: return ReplyLength(used: TwitterText.parse(text).weightedLength, limit: limit)
        case .mastodon: return ReplyLength(used: MastodonText.length(text), limit: limit)
        case .bluesky: return ReplyLength(used: text.count, limit: limit, bytes: text.utf8.count, byteLimit: 3_000)
        default: return ReplyLength(used: text.count, limit: limit)
        }
    }
}
