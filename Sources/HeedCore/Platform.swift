/// A social platform heed knows, named as in heed's own import format.
public enum Platform: String, CaseIterable, Sendable, Codable, Hashable {
    case mastodon, bluesky, x, youtube, reddit, wordpress, facebook, instagram
    case github, hackernews, linkedin, flickr, blogger, friendfeed

    /// Reads a platform name as users write it ("X", "twitter", "Hacker News").
    public init?(name: String) {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "twitter", "xtwitter": self = .x
        case "hn", "ycombinator": self = .hackernews
        case "bsky": self = .bluesky
        case "fb": self = .facebook
        case "ig": self = .instagram
        case "yt": self = .youtube
        default:
            guard let platform = Platform(rawValue: key) else { return nil }
            self = platform
        }
    }

    /// The short label shown in queue rows.
    public var label: String {
        switch self {
        case .mastodon: "mastodon"
        case .bluesky: "bluesky"
        case .x: "x"
        case .youtube: "youtube"
        case .reddit: "reddit"
        case .wordpress: "wordpress"
        case .facebook: "facebook"
        case .instagram: "instagram"
        case .github: "github"
        case .hackernews: "hn"
        case .linkedin: "linkedin"
        case .flickr: "flickr"
        case .blogger: "blogger"
        case .friendfeed: "friendfeed"
        }
    }
}

/// What kind of address an item is: each may deserve an answer.
public enum MentionKind: String, CaseIterable, Sendable, Codable, Hashable {
    case mention, reply, comment, quote, dm

    /// Reads a kind as importers and users write it ("direct", "direct_message", "DM").
    public init?(name: String) {
        switch name.lowercased() {
        case "dm", "direct", "direct_message", "directmessage", "message": self = .dm
        case "mention", "username_mention": self = .mention
        case "reply", "comment_reply", "post_reply": self = .reply
        case "comment": self = .comment
        case "quote": self = .quote
        default: return nil
        }
    }
}
