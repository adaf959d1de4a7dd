import Foundation
import HeedCore
import HeedImport

/// Reddit, as a script app: a token from the OAuth endpoint (`/api/v1/access_token`, the
/// password grant with the app's id and secret), then the inbox (`/message/inbox`: comment
/// and post replies, username mentions, messages) through the Reddit reader, and the user's
/// own comments (`/user/NAME/comments`) and sent messages (`/message/sent`), whose replies
/// mark what they answer. Every request names heed and the user in its User-Agent, as Reddit
/// asks. Each listing is walked newest first the first time (down to `since`), and forward
/// from the newest item kept (`before=`) after that.
struct RedditFetcher: Fetcher {
    let platform = Platform.reddit

    /// Reddit's largest page, and the most pages of one listing a fetch takes.
    static let limit = 100
    static let maxPages = 100
    /// Where the token comes from when config.toml names no `auth_server`.
    static let authServer = "https://www.reddit.com"

    func fetch(_ session: FetchSession) throws {
        guard let user = session.account.handle else { throw SecretFailure("reddit needs handle = \"…\" (your Reddit user name)") }
        session.addOwn(user, on: .reddit)
        let client = RedditClient(session: session, user: user, token: try token(session, user: user))
        let name = user.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? user
        try ListingWalk(client, name: "inbox", path: "/message/inbox", query: [("mark", "false")]).run { response, _, cursors, bound in
            try session.commit(page: response.body, format: "reddit", name: "\(session.server)/message/inbox", cursors: cursors, notBefore: bound)
        }
        for (list, path) in [("comments", "/user/\(name)/comments"), ("sent", "/message/sent")] {
            let query = list == "comments" ? [("sort", "new")] : []
            try ListingWalk(client, name: list, path: path, query: query).run { _, children, cursors, bound in
                try session.commit(answers: children.compactMap { Self.answer($0, notBefore: bound) }, cursors: cursors)
            }
        }
    }

    /// A bearer token for the user, from the password grant; its value is hidden from every message.
    func token(_ session: FetchSession, user: String) throws -> Credential {
        guard let clientID = session.setting("client_id") else { throw SecretFailure("reddit needs client_id = \"…\" (the script app's id)") }
        let secret = try session.secret("client_secret")
        let password = try session.secret("password")
        let base = session.setting("auth_server") ?? Self.authServer
        var request = HTTPRequest("POST", try HTTPRequest.url(base, "/api/v1/access_token"), headers: ["User-Agent": Self.userAgent(user)],
                                  credential: .basic(user: clientID, password: secret))
        request.form([("grant_type", "password"), ("username", user), ("password", password.revealed), ("scope", "history privatemessages")])
        request.carriesSecret = true
        let json = try session.http.send(request).json()
        // A wrong user name or password is answered 200 with `{"error": "invalid_grant"}`.
        guard let token = json["access_token"]?.string else {
            let said = json["error"]?.text ?? "no access_token in the answer"
            throw SecretFailure("Reddit refused to sign in (\(said)): is the user name or password wrong, or two-factor authentication on? (a script app cannot use it)")
        }
        session.secrets.redactor.hide(token)
        return .bearer(Secret(token))
    }

    /// How heed names itself to Reddit: `<platform>:<app>:<version> (by /u/<user>)`.
    static func userAgent(_ user: String) -> String { "cli:heed:1.0 (by /u/\(user))" }

    /// A comment or message of the user's: it answers what it replies to (a comment reply
    /// its parent; a message every earlier message of its conversation).
    static func answer(_ child: JSON, notBefore: Date?) -> Answer? {
        guard let data = child["data"], let at = Times.epoch(data["created_utc"] ?? data["created"]), at >= (notBefore ?? .distantPast) else { return nil }
        if child["kind"]?.string == "t4" {
            guard let first = data["first_message_name"]?.text ?? data["parent_id"]?.text else { return nil }
            return .conversation([first], on: .reddit, at: at)
        }
        return data["parent_id"]?.text.map { .item(Ref(platform: .reddit, id: $0), at: at) }
    }
}

/// The account's requests to Reddit's API: its bearer token and User-Agent on each.
struct RedditClient {
    let session: FetchSession
    let user: String
    let token: Credential

    /// GET a listing page.
    func get(_ path: String, _ query: [(String, String)]) throws -> HTTPResponse {
        try session.get(path, query: query + [("raw_json", "1")], headers: ["User-Agent": RedditFetcher.userAgent(user)], credential: token)
    }
}

/// One Reddit listing walked for what is new: the first time newest first down to `since`
/// (`after=` to older pages), the cursor — the newest item's fullname and time — kept with
/// the last page; after that forward from the kept item (`before=`), each page with the
/// cursor it reaches. A kept item Reddit no longer lists (deleted) answers nothing: then a
/// look at the newest item tells whether the list moved on, and if so it is walked down to
/// the kept time.
struct ListingWalk {
    let client: RedditClient
    let name: String
    let path: String
    let query: [(String, String)]

    init(_ client: RedditClient, name: String, path: String, query: [(String, String)]) {
        self.client = client
        self.name = name
        self.path = path
        self.query = query
    }

    /// What each page gives `commit`: the answer, its children, the cursors it moves, and
    /// the bound older items are left out by (a first walk's `since`).
    typealias Commit = (HTTPResponse, [JSON], [String: String], Date?) throws -> Void

    func run(_ commit: Commit) throws {
        let session = client.session
        guard let anchor = session.cursor("\(name).newest"), let time = session.cursor("\(name).newest_at").flatMap(Double.init) else {
            return try down(to: session.since, bound: session.since, commit)
        }
        var before = anchor
        for page in 0..<RedditFetcher.maxPages {
            let (response, children, listing) = try fetch([("before", before), ("limit", "\(RedditFetcher.limit)")])
            guard let newest = children.first else {
                if page == 0 { try recheck(anchor: anchor, time: Date(timeIntervalSince1970: time), commit) }
                return
            }
            try commit(response, children, cursors(newest), nil)
            guard let next = listing["before"]?.text else { return }
            before = next
        }
    }

    /// Whether the kept item was deleted while newer ones came: then the list is walked down to its time.
    private func recheck(anchor: String, time: Date, _ commit: Commit) throws {
        let (_, children, _) = try fetch([("limit", "1")])
        guard let newest = children.first, newest[path: "data", "name"]?.text != anchor,
              let at = Self.time(newest), at > time else { return }
        try down(to: time, bound: nil, commit)
    }

    /// Newest first to `stop`, the cursor kept with the last page.
    private func down(to stop: Date, bound: Date?, _ commit: Commit) throws {
        var after: String?
        var top: [String: String] = [:]
        for _ in 0..<RedditFetcher.maxPages {
            let (response, children, listing) = try fetch([("limit", "\(RedditFetcher.limit)")] + (after.map { [("after", $0)] } ?? []))
            if top.isEmpty, let newest = children.first { top = cursors(newest) }
            after = listing["after"]?.text
            let last = after == nil || children.isEmpty || children.contains { (Self.time($0) ?? .distantPast) <= stop }
            try commit(response, children, last ? top : [:], bound)
            if last { return }
        }
    }

    private func fetch(_ paging: [(String, String)]) throws -> (HTTPResponse, [JSON], JSON) {
        let response = try client.get(path, query + paging)
        let json = try response.json()
        guard let listing = json["data"], json["kind"]?.string == "Listing" else {
            throw HTTPFailure(.unreadable, url: response.url.absoluteString, detail: "not a Listing")
        }
        return (response, listing["children"]?.array ?? [], listing)
    }

    private func cursors(_ newest: JSON) -> [String: String] {
        guard let fullname = newest[path: "data", "name"]?.text, let at = Self.time(newest) else { return [:] }
        return ["\(name).newest": fullname, "\(name).newest_at": "\(at.timeIntervalSince1970)"]
    }

    static func time(_ child: JSON) -> Date? { Times.epoch(child[path: "data", "created_utc"] ?? child[path: "data", "created"]) }
}
