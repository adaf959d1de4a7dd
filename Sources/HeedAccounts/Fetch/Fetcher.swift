import Foundation
import HeedCore

/// One platform's way of fetching an account: what is addressed to the user since the
/// session's cursors (or back to `since` the first time), and the user's own posts, so an
/// answer given in the platform's app marks its item replied. It asks through
/// `FetchSession` and commits page by page, each page with the cursors it moves, so a fetch
/// that stops midway leaves whole pages and cursors that never run ahead of them.
public protocol Fetcher: Sendable {
    /// The platform it fetches from.
    var platform: Platform { get }
    /// Fetches what is new for the session's account, committing page by page; throws what
    /// stopped it (`HTTPFailure`, `SecretFailure`, a store error).
    func fetch(_ session: FetchSession) throws
}

/// Every platform heed fetches from: adding one is its `Fetcher` file and a line here.
public enum Fetchers {
    public static let all: [any Fetcher] = [
        MastodonFetcher(),
        BlueskyFetcher(),
        GitHubFetcher(),
        RedditFetcher(),
        XFetcher(),
        WordPressFetcher(),
        YouTubeFetcher(),
        HackerNewsFetcher(),
        FacebookFetcher(),
        InstagramFetcher(),
    ]

    /// The fetcher of a platform, if heed has one.
    public static func fetcher(for platform: Platform) -> (any Fetcher)? {
        all.first { $0.platform == platform }
    }

    /// Whether id `a` came before id `b`: ids that are numbers in text (Mastodon's, GitHub's
    /// events) by their value, any others as text (time-ordered ids such as ULIDs sort so).
    public static func isOlder(_ a: String, _ b: String) -> Bool {
        a.count != b.count && a.allSatisfy(\.isNumber) && b.allSatisfy(\.isNumber) ? a.count < b.count : a < b
    }
}
