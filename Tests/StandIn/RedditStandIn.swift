import Foundation

/// Reddit's API as the stand-in speaks it, under `/reddit-www` (where tokens come from, as
/// `www.reddit.com`) and `/reddit` (the API, as `oauth.reddit.com`): the password grant of a
/// script app (HTTP Basic with the app's id and secret: 401 `{"message": "Unauthorized",
/// "error": 401}` when they are wrong; a wrong user name or password answered 200 with
/// `{"error": "invalid_grant"}`, as Reddit does), bearer tokens with the scopes asked for,
/// the inbox, sent messages and a user's comments as Listings newest first, paged by
/// `before`/`after` fullnames (an unknown one answers an empty Listing), `limit` clamped to
/// 100, unknown parameters ignored as Reddit ignores them; `X-Ratelimit-Used`,
/// `-Remaining` (in fractions) and `-Reset` (seconds), 429 when spent; a request without a
/// descriptive User-Agent (`… (by /u/NAME)`) is limited at once, as Reddit limits default
/// agents. The inbox holds the recorded inbox and mentions; tests add replies, and the
/// user's own comments and messages.
public final class RedditStandIn: @unchecked Sendable {
    public var clientID = "reddit-client-id"
    public var clientSecret = "reddit-client-secret"
    public var username = "heed_tester"
    public var password = "reddit-password&=+"
    public var rate = RateWindow(limit: 100, remaining: 100, resetIn: 600)
    /// Tokens given so far.
    public private(set) var tokensIssued = 0
    private let lock = NSLock()
    private var scopes: [String: Set<String>] = [:]
    private var inbox: [[String: Any]]
    private var comments: [[String: Any]] = []
    private var sent: [[String: Any]] = []
    private let replyTemplate: [String: Any]
    private let messageTemplate: [String: Any]
    private var added = 0

    init(recorded: Recorded) {
        let children = { (file: String) in (recorded.object(file)["data"] as? [String: Any])?["children"] as? [[String: Any]] ?? [] }
        let received = children("reddit/message_inbox_praw.json")
        inbox = Self.newestFirst(received + children("reddit/message_mentions_praw.json"))
        replyTemplate = received.first { ($0["data"] as? [String: Any])?["type"] as? String == "comment_reply" } ?? [:]
        messageTemplate = received.first { $0["kind"] as? String == "t4" } ?? [:]
    }

    // MARK: - What tests add

    /// A reply to the user's comment (a copy of the recorded one); returns its fullname, the item's id in heed.
    @discardableResult
    public func addReply(_ text: String, at date: Date = Date()) -> String {
        lock.withLock {
            let id = next()
            inbox = Self.newestFirst(inbox + [copy(replyTemplate, id: id, kind: "t1", at: date, [
                "body": text, "body_html": "<!-- SC_OFF --><div class=\"md\"><p>\(text)</p>\n</div><!-- SC_ON -->", "new": true,
                "context": "/r/Lil_SpazJoekp/comments/1j7g9uj/test_post_pls_ignore/\(id)/?context=3",
            ])])
            return "t1_\(id)"
        }
    }

    /// Adds `count` replies at once, the newest `date`, a second apart.
    public func addReplies(_ count: Int, at date: Date = Date()) {
        for index in 0..<count { addReply("reply number \(index)", at: date.addingTimeInterval(Double(index - count))) }
    }

    /// The user's comment answering `parent` (a fullname), written on Reddit itself.
    public func addComment(answering parent: String, at date: Date = Date()) {
        lock.withLock {
            comments = Self.newestFirst(comments + [copy(replyTemplate, id: next(), kind: "t1", at: date, [
                "author": username, "parent_id": parent, "body": "Thanks!", "type": nil, "dest": nil, "was_comment": nil, "subject": nil,
            ])])
        }
    }

    /// The user's message answering the conversation that began with `first` (a fullname).
    public func addMessage(answering first: String, at date: Date = Date()) {
        lock.withLock {
            sent = Self.newestFirst(sent + [copy(messageTemplate, id: next(), kind: "t4", at: date, [
                "author": username, "dest": "Lil_SpazTest", "first_message_name": first, "parent_id": first, "body": "Thanks!",
            ])])
        }
    }

    /// Removes an item from the inbox (as deleting a message does).
    public func remove(_ fullname: String) {
        lock.withLock { inbox.removeAll { ($0["data"] as? [String: Any])?["name"] as? String == fullname } }
    }

    private func next() -> String {
        added += 1
        return "zz\(String(added, radix: 36))"
    }

    private func copy(_ template: [String: Any], id: String, kind: String, at date: Date, _ changes: [String: Any?]) -> [String: Any] {
        var data = template["data"] as? [String: Any] ?? [:]
        for (key, value) in changes { data[key] = value ?? NSNull() }
        data["id"] = id
        data["name"] = "\(kind)_\(id)"
        data["created_utc"] = date.timeIntervalSince1970.rounded(.down)
        data["created"] = date.timeIntervalSince1970.rounded(.down)
        return ["kind": kind, "data": data]
    }

    static func newestFirst(_ children: [[String: Any]]) -> [[String: Any]] {
        children.sorted { Self.time($0) > Self.time($1) }
    }

    static func time(_ child: [String: Any]) -> Double { (child["data"] as? [String: Any])?["created_utc"] as? Double ?? 0 }

    // MARK: - Answering

    func answer(_ request: LoggedRequest) -> Reply? {
        if request.path == "/reddit-www/api/v1/access_token" { return lock.withLock { token(request) } }
        guard request.path.hasPrefix("/reddit/") else { return nil }
        return lock.withLock {
            guard request.headers["user-agent"]?.contains("(by /u/") == true, rate.take(window: 600) else {
                return Reply(status: 429, json: ["message": "Too Many Requests", "error": 429], headers: rateHeaders)
            }
            guard let bearer = request.bearer, let granted = scopes[bearer] else {
                return Reply(status: 401, json: ["message": "Unauthorized", "error": 401], headers: rateHeaders)
            }
            let path = String(request.path.dropFirst("/reddit".count))
            let (list, scope): ([[String: Any]], String)
            switch path {
            case "/message/inbox": (list, scope) = (inbox, "privatemessages")
            case "/message/sent": (list, scope) = (sent, "privatemessages")
            case "/user/\(username)/comments": (list, scope) = (comments, "history")
            default: return Reply(status: 404, json: ["message": "Not Found", "error": 404], headers: rateHeaders)
            }
            guard granted.contains(scope) || granted.contains("*") else {
                return Reply(status: 403, json: ["message": "Forbidden", "error": 403], headers: rateHeaders.merging(
                    ["WWW-Authenticate": "Bearer realm=\"reddit\", error=\"insufficient_scope\""]) { $1 })
            }
            return listing(request, list)
        }
    }

    private func token(_ request: LoggedRequest) -> Reply {
        let basic = "Basic " + Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        guard request.method == "POST", request.headers["authorization"] == basic else {
            return Reply(status: 401, json: ["message": "Unauthorized", "error": 401])
        }
        var form: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        guard form["grant_type"] == "password" else { return Reply(json: ["error": "unsupported_grant_type"]) }
        guard form["username"] == username, form["password"] == password else { return Reply(json: ["error": "invalid_grant"]) }
        tokensIssued += 1
        let token = "reddit-access-\(tokensIssued)"
        let asked = form["scope"] ?? "*"
        scopes[token] = Set(asked.split(separator: " ").map(String.init))
        return Reply(json: ["access_token": token, "token_type": "bearer", "expires_in": 86_400, "scope": asked])
    }

    /// A Listing page by `before` / `after` (fullnames) and `limit`.
    private func listing(_ request: LoggedRequest, _ all: [[String: Any]]) -> Reply {
        let limit = min(100, max(1, Int(request.value("limit") ?? "") ?? 25))
        let names = all.map { ($0["data"] as? [String: Any])?["name"] as? String ?? "" }
        var page: [[String: Any]] = []
        var before: String?, after: String?
        if let anchor = request.value("before") {
            if let index = names.firstIndex(of: anchor) {
                let newer = Array(all[..<index])
                page = Array(newer.suffix(limit))
                if page.count < newer.count { before = names[index - page.count] }
            }
        } else {
            let start = request.value("after").map { anchor in names.firstIndex(of: anchor).map { $0 + 1 } ?? all.count } ?? 0
            page = Array(all[start...].prefix(limit))
            if start + page.count < all.count { after = names[start + page.count - 1] }
        }
        let data: [String: Any] = ["after": after ?? NSNull(), "before": before ?? NSNull(), "dist": page.count, "modhash": NSNull(),
                                   "geo_filter": "", "children": page]
        return Reply(json: ["kind": "Listing", "data": data], headers: rateHeaders)
    }

    private var rateHeaders: [String: String] {
        ["X-Ratelimit-Used": "\(rate.limit - rate.remaining)", "X-Ratelimit-Remaining": String(format: "%.1f", Double(rate.remaining)),
         "X-Ratelimit-Reset": "\(max(0, Int(rate.reset.timeIntervalSinceNow)))"]
    }
}
