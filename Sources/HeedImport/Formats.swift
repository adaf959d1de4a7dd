/// Every platform format heed reads, in the order auto-detection tries them.
public enum Formats {
    public static let all: [any PlatformFormat.Type] = [
        MastodonFormat.self, BlueskyFormat.self, XAPIFormat.self, XArchiveFormat.self,
        YouTubeFormat.self, RedditFormat.self, WordPressFormat.self, BloggerFormat.self,
        HackerNewsFormat.self, FacebookFormat.self, InstagramFormat.self, LinkedInFormat.self,
        GitHubFormat.self, FlickrFormat.self, FriendFeedFormat.self,
    ]

    /// The format of a name given to `--format`.
    public static func named(_ name: String) -> (any PlatformFormat.Type)? {
        all.first { $0.name == name.lowercased() }
    }
}
