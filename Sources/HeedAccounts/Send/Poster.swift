import Foundation
import HeedConfig
import HeedCore
import HeedOutbox

/// What a look on the platform found of a draft that may have been posted already.
public enum PostCheck: Sendable, Equatable {
    /// The user's reply is there.
    case posted(Delivery)
    /// It is not: posting it now makes the one post.
    case notPosted
}

/// One platform's way of posting a draft as a reply: the request `PostRequest` builds (the one
/// `heed export --format requests` writes), as HTTP on the account's server with its
/// credential; where the post went; and, where the API allows, a look for the user's own reply
/// to the draft's item, for a draft a stopped heed may have posted.
public protocol Poster: Sendable {
    /// The platform it posts to.
    var platform: Platform { get }
    /// The HTTP request that sends `request` on `server` with `credential` (a masked one in a
    /// dry run): no secret read, nothing sent.
    func http(_ request: PostRequest, credential: Credential, server: String, account: AccountConfig) throws -> HTTPRequest
    /// Posts the draft's request and says where it went; throws `HTTPFailure` (or
    /// `SecretFailure`) when it did not go.
    func post(_ draft: Draft, at: Date, _ session: SendSession) throws -> Delivery
    /// Looks for the draft on the platform as posted since `since`; nil when the API cannot tell.
    func check(_ draft: Draft, since: Date, _ session: SendSession) throws -> PostCheck?
    /// A credential as a dry run shows it: the kind the account uses, its secret masked.
    func masked(_ account: AccountConfig) -> Credential
    /// Whether `check` can look for a post on this platform.
    var canCheck: Bool { get }
}

extension Poster {
    public func check(_ draft: Draft, since: Date, _ session: SendSession) throws -> PostCheck? { nil }

    public func masked(_ account: AccountConfig) -> Credential { .bearer(Secret(Secret.mask)) }

    public var canCheck: Bool { false }

    /// A JSON post that the platform itself makes safe to send again (an idempotency key, a
    /// record key derived from the draft): the client may retry it after a lost answer.
    func idempotentJSON(_ request: PostRequest, base: String, credential: Credential) throws -> HTTPRequest {
        var http = try jsonRequest(request, base: base, credential: credential)
        http.idempotent = true
        return http
    }

    /// The most common post: the request as JSON with a bearer token, its URL `base` + path.
    func jsonRequest(_ request: PostRequest, base: String, credential: Credential) throws -> HTTPRequest {
        var http = HTTPRequest(request.method, try Posters.url(base, request.path), headers: request.headers, body: Data(request.body.utf8), credential: credential)
        http.headers["Content-Type"] = "application/json"
        http.idempotent = false
        return http
    }
}

/// Every platform heed posts to: adding one is its `Poster` and a line here.
public enum Posters {
    public static let all: [any Poster] = [
        MastodonPoster(), BlueskyPoster(), GitHubPoster(), XPoster(), YouTubePoster(), RedditPoster(), WordPressPoster(),
        GraphPoster(platform: .facebook), GraphPoster(platform: .instagram),
    ]

    /// The poster of a platform, if heed posts there.
    public static func poster(for platform: Platform) -> (any Poster)? {
        all.first { $0.platform == platform }
    }

    /// Why heed cannot post a platform's drafts itself, for those it cannot (no account heed can
    /// sign in with); nil when it can.
    public static func unsupported(_ platform: Platform) -> String? {
        switch platform {
        case .linkedin: "heed has no LinkedIn accounts yet (its comments need an actor URN and versioned headers): heed export --format requests, and post it yourself"
        case .flickr: "heed has no Flickr accounts yet (Flickr signs each call with OAuth 1.0a): heed export --format requests, and post it with a Flickr client"
        default: poster(for: platform) == nil ? "heed cannot post to \(platform.rawValue)" : nil
        }
    }

    /// `base` + `path` as an address; `path` may be a whole address on the same server (a
    /// GitHub Enterprise comments URL), never one elsewhere: the credential goes to `base` only.
    static func url(_ base: String, _ path: String) throws -> URL {
        guard path.hasPrefix("http://") || path.hasPrefix("https://") else { return try HTTPRequest.url(base, path) }
        guard let url = URL(string: path), let home = URL(string: base), url.scheme == home.scheme, url.host == home.host, url.port == home.port else {
            throw HTTPFailure(.redirected, url: path, detail: "the reply goes to another server than the account's; heed sends the token to \(base) only")
        }
        return url
    }

    /// The origin and path of a server with a known ending taken off (`https://api.x.com/2` → `https://api.x.com`).
    static func base(_ server: String, dropping suffix: String) -> String {
        let trimmed = server.hasSuffix("/") ? String(server.dropLast()) : server
        return trimmed.hasSuffix(suffix) ? String(trimmed.dropLast(suffix.count)) : trimmed
    }
}

extension Secret {
    /// How a secret shows: in a dry run's requests, in messages.
    public static let mask = "••••"
}
