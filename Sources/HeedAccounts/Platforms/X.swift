import Foundation
import HeedCore
import HeedImport

/// X (API v2) with a bearer token: the user's id from `user_id`, or looked up by handle
/// (`/2/users/by/username/:username`); the posts that mention them (`/2/users/:id/mentions`,
/// with the fields and the authors the X reader needs) and their own posts
/// (`/2/users/:id/tweets`, reposts left out), whose replies mark what they answer. Each
/// timeline is asked from its kept `since_id` (the first time from `start_time`, `since`),
/// newest first with `pagination_token`; the newest id is kept with the last page.
struct XFetcher: Fetcher {
    let platform = Platform.x

    /// X's largest page, and the most pages of a timeline a fetch takes (X gives 800
    /// mentions and 3,200 posts at most).
    static let limit = 100
    static let maxPages = 40
    /// What the X reader needs of a post and its author.
    static let fields = [("tweet.fields", "created_at,author_id,conversation_id,referenced_tweets,in_reply_to_user_id,note_tweet"),
                         ("expansions", "author_id"), ("user.fields", "username,name")]

    func fetch(_ session: FetchSession) throws {
        let token = Credential.bearer(try session.secret("token"))
        let id = try user(session, token)
        try walk("mentions", path: "/users/\(id)/mentions", query: Self.fields, session, token) { response, _, cursors in
            try session.commit(page: response.body, format: "x", name: "\(session.server)/users/\(id)/mentions", cursors: cursors,
                               notBefore: session.cursor("mentions.since_id") == nil ? session.since : nil)
        }
        let own = [("tweet.fields", "created_at,referenced_tweets"), ("exclude", "retweets")]
        try walk("tweets", path: "/users/\(id)/tweets", query: own, session, token) { _, posts, cursors in
            try session.commit(answers: posts.compactMap(Self.answer), cursors: cursors)
        }
    }

    /// The user's id (from config.toml, or looked up by handle); their handle is taken as their own.
    func user(_ session: FetchSession, _ token: Credential) throws -> String {
        if let handle = session.account.handle { session.addOwn(handle, on: .x) }
        if let id = session.setting("user_id"), session.account.handle != nil { return id }
        let path = session.setting("user_id").map { "/users/\($0)" }
            ?? "/users/by/username/\(session.account.handle?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        let response = try session.get(path, query: [("user.fields", "username")], credential: token)
        let json = try response.json()
        guard let id = json[path: "data", "id"]?.id, let username = json[path: "data", "username"]?.text else {
            let said = json["errors"]?[0]?["detail"]?.string ?? "no user in the answer"
            throw SecretFailure("X does not know the user (\(said)): is handle = or user_id = right?")
        }
        session.addOwn(username, on: .x)
        session.learned(handle: username)
        return id
    }

    /// Walks a timeline newer than its kept `since_id` (or `since`), newest first, handing
    /// each page (parsed) to `commit` with the newest id to keep on the last page.
    func walk(_ name: String, path: String, query: [(String, String)], _ session: FetchSession, _ token: Credential,
              commit: (HTTPResponse, [JSON], [String: String]) throws -> Void) throws {
        let key = "\(name).since_id"
        let start = session.cursor(key).map { [("since_id", $0)] } ?? [("start_time", Timestamp.format(session.since))]
        var next: String?
        var newest: String?
        for _ in 0..<Self.maxPages {
            let paging = [("max_results", "\(Self.limit)")] + (next.map { [("pagination_token", $0)] } ?? [])
            let response = try session.get(path, query: query + start + paging, credential: token)
            let json = try response.json()
            if newest == nil { newest = json[path: "meta", "newest_id"]?.id }
            next = json[path: "meta", "next_token"]?.text
            let posts = json["data"]?.array ?? []
            guard !posts.isEmpty else { return }
            try commit(response, posts, next == nil ? newest.map { [key: $0] } ?? [:] : [:])
            if next == nil { return }
        }
    }

    /// A post of the user's that replies to another: the answer to it.
    static func answer(_ post: JSON) -> Answer? {
        guard let parent = post["referenced_tweets"]?.array?.first(where: { $0["type"]?.string == "replied_to" })?["id"]?.id,
              let at = Times.iso(post["created_at"]) ?? post["id"]?.id.flatMap(Times.snowflake) else { return nil }
        return .item(Ref(platform: .x, id: parent), at: at)
    }
}
