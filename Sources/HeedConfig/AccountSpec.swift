import Foundation
import HeedCore

/// What an `[[accounts]]` entry of one platform takes: its API's default base, whether it
/// needs a handle, its other settings and its secrets. One table for every platform, so a
/// platform's fetcher finds its keys already checked and the README lists the same keys.
public struct AccountSpec: Sendable, Equatable {
    /// A secret the platform needs, given as `NAME_command` or `NAME_env`, never in the file.
    public struct SecretKey: Sendable, Equatable {
        /// The secret's name: `token`, `password`, `client_secret`, `api_key`.
        public var name: String
        /// Whether an account without it is refused.
        public var required: Bool
        /// What it is, in the words of the platform's settings page.
        public var what: String
    }

    public var platform: Platform
    /// The API base used when `server` is not given; nil when `server` must be given.
    public var defaultServer: String?
    /// Whether `handle` must be given (the name heed signs in with or looks up).
    public var needsHandle: Bool
    /// Other keys the entry takes, each required or not.
    public var settings: [String: Bool]
    /// The secrets it takes.
    public var secrets: [SecretKey]
    /// Secrets of which at least one must be given (YouTube: an API key or an OAuth token).
    public var oneOf: [String] = []
    /// Settings of which at least one must be given (X: the handle or the user id).
    public var oneOfSettings: [String] = []

    /// Every secret name the entry may carry.
    public var secretNames: [String] { secrets.map(\.name) }
}

extension AccountSpec {
    /// The platforms an account can be configured for, with their keys.
    public static let all: [Platform: AccountSpec] = {
        let specs = [
            AccountSpec(platform: .mastodon, defaultServer: nil, needsHandle: true, settings: [:],
                        secrets: [SecretKey(name: "token", required: true, what: "an access token (Preferences → Development → New application, scope read)")]),
            AccountSpec(platform: .bluesky, defaultServer: "https://bsky.social", needsHandle: true, settings: [:],
                        secrets: [SecretKey(name: "password", required: true, what: "an app password (Settings → Privacy and security → App passwords)")]),
            AccountSpec(platform: .github, defaultServer: "https://api.github.com", needsHandle: false, settings: [:],
                        secrets: [SecretKey(name: "token", required: true, what: "a classic token with the notifications scope (and repo, for private repositories)")]),
            AccountSpec(platform: .reddit, defaultServer: "https://oauth.reddit.com", needsHandle: true,
                        settings: ["client_id": true, "auth_server": false],
                        secrets: [SecretKey(name: "client_secret", required: true, what: "the script app's secret"),
                                  SecretKey(name: "password", required: true, what: "the Reddit account's password")]),
            AccountSpec(platform: .youtube, defaultServer: "https://www.googleapis.com/youtube/v3", needsHandle: false,
                        settings: ["channel_id": true],
                        secrets: [SecretKey(name: "api_key", required: false, what: "an API key (public comments)"),
                                  SecretKey(name: "token", required: false, what: "an OAuth access token (youtube.force-ssl)")],
                        oneOf: ["api_key", "token"]),
            AccountSpec(platform: .x, defaultServer: "https://api.x.com/2", needsHandle: false, settings: ["user_id": false],
                        secrets: [SecretKey(name: "token", required: true, what: "a bearer token (OAuth 2.0 user context or app-only)")],
                        oneOfSettings: ["handle", "user_id"]),
            AccountSpec(platform: .wordpress, defaultServer: nil, needsHandle: false, settings: [:],
                        secrets: [SecretKey(name: "password", required: false, what: "an application password (Users → Profile), for comments awaiting moderation")]),
            AccountSpec(platform: .hackernews, defaultServer: "https://hacker-news.firebaseio.com/v0", needsHandle: true, settings: [:], secrets: []),
            AccountSpec(platform: .facebook, defaultServer: "https://graph.facebook.com/v21.0", needsHandle: false, settings: ["page_id": true],
                        secrets: [SecretKey(name: "token", required: true, what: "a page access token (pages_read_engagement)")]),
            AccountSpec(platform: .instagram, defaultServer: "https://graph.facebook.com/v21.0", needsHandle: false, settings: ["user_id": true],
                        secrets: [SecretKey(name: "token", required: true, what: "a page access token with instagram_manage_comments")]),
        ]
        return Dictionary(uniqueKeysWithValues: specs.map { ($0.platform, $0) })
    }()

    /// Keys every entry may carry, whatever its platform.
    static let commonKeys: Set<String> = ["platform", "name", "server", "handle", "command", "format"]
}
