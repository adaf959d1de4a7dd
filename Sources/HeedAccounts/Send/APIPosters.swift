import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedOutbox

/// A post whose answer names the new item by `id` (or `data.id`): what X, YouTube, WordPress
/// and the Graph API share. None of these APIs takes an idempotency key, and none is asked
/// afterwards: a try whose answer was lost is left unknown for the user to check.
protocol IDPoster: Poster {
    /// The ending of the account's server that the request's path already holds (`/2`, `/youtube/v3`).
    var pathBase: String { get }
    /// The credential the account posts with.
    func credential(_ session: SendSession) throws -> Credential
    /// The page of the new post, given its id and the answer.
    func url(of id: String, _ answer: JSON, _ session: SendSession) -> String?
}

extension IDPoster {
    var pathBase: String { "" }

    func credential(_ session: SendSession) throws -> Credential { try session.bearer() }

    func http(_ request: PostRequest, credential: Credential, server: String, account: AccountConfig) throws -> HTTPRequest {
        try jsonRequest(request, base: Posters.base(server, dropping: pathBase), credential: credential)
    }

    func post(_ draft: Draft, at: Date, _ session: SendSession) throws -> Delivery {
        let request = try session.request(for: draft, at: at)
        let response = try session.http.send(try http(request, credential: try credential(session), server: session.server, account: session.account))
        let answer = try response.json()
        guard let id = answer["id"]?.id ?? answer[path: "data", "id"]?.id else {
            throw HTTPFailure(.unreadable, url: response.url.absoluteString, detail: "no id in the answer")
        }
        return Delivery(remoteID: id, url: url(of: id, answer, session), at: session.clock.now())
    }
}

/// X: `POST /2/tweets` with `reply.in_reply_to_tweet_id`, a user-context token (an app-only
/// token cannot post). X refuses a post with the same text as a recent one.
struct XPoster: IDPoster {
    let platform = Platform.x
    var pathBase: String { "/2" }

    func url(of id: String, _ answer: JSON, _ session: SendSession) -> String? { "https://x.com/i/web/status/\(id)" }
}

/// YouTube: `comments.insert` with `snippet.parentId`, with an OAuth token (an API key only reads).
struct YouTubePoster: IDPoster {
    let platform = Platform.youtube
    var pathBase: String { "/youtube/v3" }

    func credential(_ session: SendSession) throws -> Credential {
        guard session.account.secrets["token"] != nil else {
            throw SecretFailure("posting to YouTube needs token_command or token_env (an OAuth access token with youtube.force-ssl); an API key only reads")
        }
        return try session.bearer()
    }

    func url(of id: String, _ answer: JSON, _ session: SendSession) -> String? {
        answer[path: "snippet", "videoId"]?.text.map { "https://www.youtube.com/watch?v=\($0)&lc=\(id)" }
    }
}

/// WordPress: `POST /wp/v2/comments` as the user (`handle` and an application password), on
/// the site's REST base (`server`, ending in `/wp-json`).
struct WordPressPoster: IDPoster {
    let platform = Platform.wordpress

    func credential(_ session: SendSession) throws -> Credential {
        guard let user = session.account.handle, session.account.secrets["password"] != nil else {
            throw SecretFailure("posting to WordPress needs handle = \"…\" (your user name) and password_command or password_env (an application password)")
        }
        return .basic(user: user, password: try session.secret("password"))
    }

    func masked(_ account: AccountConfig) -> Credential { .basic(user: account.handle ?? "", password: Secret(Secret.mask)) }

    func http(_ request: PostRequest, credential: Credential, server: String, account: AccountConfig) throws -> HTTPRequest {
        let base = server.hasSuffix("/wp-json") || server.hasSuffix("/wp-json/") ? server : server + "/wp-json"
        return try jsonRequest(request, base: Posters.base(base, dropping: "/"), credential: credential)
    }

    func url(of id: String, _ answer: JSON, _ session: SendSession) -> String? { answer["link"]?.text }
}

/// Facebook and Instagram: the Graph API (`/{comment-id}/comments`, `/{comment-id}/replies`,
/// `/{ig-user-id}/mentions`) with a page token; the answer is the new comment's id.
struct GraphPoster: IDPoster {
    let platform: Platform

    func url(of id: String, _ answer: JSON, _ session: SendSession) -> String? { nil }
}
