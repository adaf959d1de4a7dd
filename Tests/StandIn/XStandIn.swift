import Foundation

/// X's API v2 as the stand-in speaks it, under `/x/2` (as `api.x.com/2`): a bearer token
/// (401 `{"title": "Unauthorized", …, "detail": "Unauthorized"}` without the right one), the
/// user by username or id (an unknown one answers 200 with `errors`, as X does), a user's
/// mentions and posts newest first, filtered by `since_id` / `until_id` / `start_time` /
/// `end_time`, paged by `max_results` (5 to 100) and an opaque `pagination_token`, with
/// `meta` (`result_count`, `newest_id`, `oldest_id`, `next_token`); posts carry only `id`,
/// `text` and `edit_history_tweet_ids` unless `tweet.fields` asks for more, and their authors
/// come in `includes.users` only with `expansions=author_id`; a parameter X does not take
/// is refused with its 400 `Invalid Request`; `x-rate-limit-*` with an epoch reset, 429 when
/// spent. The user is the recorded conversation's @snowman: its two posts that mention him
/// and his own two replies, and what tests add.
public final class XStandIn: @unchecked Sendable {
    public var token = "x-stand-in-bearer"
    public var rate = RateWindow(limit: 450, remaining: 450, resetIn: 900)
    public let userID = "17200003"
    public let username = "snowman"
    private let lock = NSLock()
    private var users: [String: [String: Any]] = [:]
    private var posts: [[String: Any]]
    private var nextID = 1_900_000_000_000_000_000

    init(recorded: Recorded) {
        let page = recorded.object("x_twitter/search_recent_conversation_expanded_postman.json")
        posts = (page["data"] as? [[String: Any]] ?? []).map { post in
            API.copy(post, ["edit_history_tweet_ids": [post["id"] as? String ?? ""]])
        }
        for user in (page["includes"] as? [String: Any])?["users"] as? [[String: Any]] ?? [] {
            if let id = user["id"] as? String { users[id] = user }
        }
    }

    // MARK: - What tests add

    /// A post by @happycamper that mentions the user; returns its id.
    @discardableResult
    public func addMention(_ text: String, at date: Date = Date()) -> String {
        add(["author_id": "63046977", "text": "@\(username) \(text)", "created_at": API.iso(date),
             "entities": ["mentions": [["start": 0, "end": username.count + 1, "username": username]]]])
    }

    /// Adds `count` mentions at once, the newest `date`, a second apart.
    public func addMentions(_ count: Int, at date: Date = Date()) {
        for index in 0..<count { addMention("number \(index)", at: date.addingTimeInterval(Double(index - count))) }
    }

    /// The user's reply to post `parent`, written on X itself.
    public func addReply(to parent: String, at date: Date = Date()) {
        add(["author_id": userID, "text": "@happycamper thanks!", "created_at": API.iso(date), "in_reply_to_user_id": "63046977",
             "referenced_tweets": [["type": "replied_to", "id": parent]]])
    }

    @discardableResult
    private func add(_ fields: [String: Any]) -> String {
        lock.withLock {
            nextID += 1
            let id = "\(nextID)"
            posts.append(fields.merging(["id": id, "edit_history_tweet_ids": [id], "lang": "en"]) { $1 })
            return id
        }
    }

    // MARK: - Answering

    func answer(_ request: LoggedRequest) -> Reply? {
        guard request.path.hasPrefix("/x/2/") else { return nil }
        let path = String(request.path.dropFirst("/x/2".count))
        return lock.withLock {
            guard rate.take(window: 900) else {
                return Reply(status: 429, json: ["title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429],
                             headers: rateHeaders)
            }
            guard request.bearer == token else {
                return Reply(status: 401, json: ["title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"], headers: rateHeaders)
            }
            let parts = path.split(separator: "/").map(String.init)
            switch (parts.count, parts.first) {
            case (4, "users") where parts[1] == "by" && parts[2] == "username":
                return user(request, users.values.first { ($0["username"] as? String)?.lowercased() == parts[3].lowercased() }, asked: parts[3], by: "username")
            case (2, "users"):
                return user(request, users[parts[1]], asked: parts[1], by: "id")
            case (3, "users") where parts[2] == "mentions":
                return timeline(request, posts.filter { post in
                    (post["text"] as? String)?.lowercased().contains("@\(users[parts[1]]?["username"] as? String ?? "-")".lowercased()) == true
                        && post["author_id"] as? String != parts[1]
                })
            case (3, "users") where parts[2] == "tweets":
                let exclude = Set((request.value("exclude") ?? "").split(separator: ",").map(String.init))
                return timeline(request, posts.filter { post in
                    post["author_id"] as? String == parts[1] && !(exclude.contains("replies") && post["in_reply_to_user_id"] != nil)
                }, extra: ["exclude"])
            default:
                return Reply(status: 404, json: ["errors": [["message": "The requested resource could not be found."]], "title": "Not Found Error"], headers: rateHeaders)
            }
        }
    }

    private func user(_ request: LoggedRequest, _ found: [String: Any]?, asked: String, by parameter: String) -> Reply {
        if let refused = unknown(request, allowed: ["user.fields", "expansions", "tweet.fields"]) { return refused }
        guard let found else {
            return Reply(json: ["errors": [["value": asked, "detail": "Could not find user with \(parameter): [\(asked)].", "title": "Not Found Error",
                                            "resource_type": "user", "parameter": parameter, "resource_id": asked,
                                            "type": "https://api.twitter.com/2/problems/resource-not-found"]]], headers: rateHeaders)
        }
        return Reply(json: ["data": fields(found, base: ["id", "name", "username"], asked: request.value("user.fields"))], headers: rateHeaders)
    }

    /// A timeline page: newest first, filtered and paged as X pages.
    private func timeline(_ request: LoggedRequest, _ all: [[String: Any]], extra: Set<String> = []) -> Reply {
        let allowed: Set<String> = ["since_id", "until_id", "start_time", "end_time", "max_results", "pagination_token", "tweet.fields",
                                    "expansions", "user.fields", "media.fields", "place.fields", "poll.fields"]
        if let refused = unknown(request, allowed: allowed.union(extra)) { return refused }
        guard let count = Int(request.value("max_results") ?? "10"), (5...100).contains(count) else {
            return invalid("max_results", request.value("max_results") ?? "", "The `max_results` query parameter value [\(request.value("max_results") ?? "")] is not between 5 and 100")
        }
        let start = request.value("start_time").map(API.date)
        if case .some(nil) = start { return invalid("start_time", request.value("start_time") ?? "", "Invalid 'start_time':'\(request.value("start_time") ?? "")'.") }
        var items = all.sorted { API.numeric($1["id"] as? String ?? "", before: $0["id"] as? String ?? "") }
        if let since = request.value("since_id") { items = items.filter { API.numeric(since, before: $0["id"] as? String ?? "") } }
        if let until = request.value("until_id") { items = items.filter { API.numeric($0["id"] as? String ?? "", before: until) } }
        if let start = start ?? nil { items = items.filter { (API.date($0["created_at"] as? String) ?? .distantPast) >= start } }
        let offset = request.value("pagination_token").flatMap { Int($0.dropFirst(4), radix: 36) } ?? 0
        let page = Array(items.dropFirst(offset).prefix(count))
        var meta: [String: Any] = ["result_count": page.count]
        if let newest = page.first?["id"], let oldest = page.last?["id"] {
            meta["newest_id"] = newest
            meta["oldest_id"] = oldest
        }
        if offset + page.count < items.count { meta["next_token"] = "7140" + String(offset + page.count, radix: 36) }
        var body: [String: Any] = ["meta": meta]
        guard !page.isEmpty else { return Reply(json: body, headers: rateHeaders) }
        let asked = request.value("tweet.fields")
        body["data"] = page.map { fields($0, base: ["id", "text", "edit_history_tweet_ids"], asked: asked) }
        if (request.value("expansions") ?? "").split(separator: ",").contains("author_id") {
            let authors = Set(page.compactMap { $0["author_id"] as? String })
            body["includes"] = ["users": authors.sorted().compactMap { users[$0] }.map { fields($0, base: ["id", "name", "username"], asked: request.value("user.fields")) }]
        }
        return Reply(json: body, headers: rateHeaders)
    }

    /// An object with its default fields and those asked for.
    private func fields(_ object: [String: Any], base: Set<String>, asked: String?) -> [String: Any] {
        let wanted = base.union((asked ?? "").split(separator: ",").map(String.init))
        return object.filter { wanted.contains($0.key) }
    }

    private func unknown(_ request: LoggedRequest, allowed: Set<String>) -> Reply? {
        guard let name = API.unknownParameter(request, allowed: allowed) else { return nil }
        return invalid(name, request.value(name) ?? "", "The query parameter [\(name)] is not one of [\(allowed.sorted().joined(separator: ","))]")
    }

    private func invalid(_ name: String, _ value: String, _ message: String) -> Reply {
        Reply(status: 400, json: ["errors": [["parameters": [name: [value]], "message": message]], "title": "Invalid Request",
                                  "detail": "One or more parameters to your request was invalid.", "type": "https://api.twitter.com/2/problems/invalid-request"],
              headers: rateHeaders)
    }

    private var rateHeaders: [String: String] {
        ["x-rate-limit-limit": "\(rate.limit)", "x-rate-limit-remaining": "\(rate.remaining)", "x-rate-limit-reset": "\(Int(rate.reset.timeIntervalSince1970))"]
    }
}
