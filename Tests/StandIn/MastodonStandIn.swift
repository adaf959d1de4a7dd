import Foundation

/// Mastodon's API as the stand-in speaks it: `verify_credentials`, notifications,
/// conversations and an account's statuses, newest first, paged by `max_id` / `since_id` /
/// `min_id` with a `Link` header; a bearer token; `X-RateLimit-*` headers with an ISO 8601
/// reset; 401 `{"error": …}` without a valid token, 404 for another account's statuses, 422
/// for a parameter the API does not document. Its items are the recorded notifications,
/// conversations and statuses, and copies of them that tests add.
public final class MastodonStandIn: @unchecked Sendable {
    /// The token it takes.
    public var token = "mastodon-stand-in-token"
    /// The window of requests left; a spent one answers 429.
    public var rate = RateWindow(limit: 300, remaining: 300, resetIn: 300)
    /// The user's own account (the recorded account, its `acct` local as verify_credentials gives it).
    public let me: [String: Any]
    private let lock = NSLock()
    let base: String
    /// Each list oldest first (by place), its items kept as the JSON they are sent as.
    var notifications: [Item]
    private var conversations: [Item]
    var statuses: [Item] = []
    /// The recorded mention as JSON text, cut where a new one's ids, time and text go.
    private let mentionTemplate: [Substring]
    let replyTemplate: [String: Any]
    var nextID = 117_020_600_000_000_000
    private var nextNotification: Int
    /// The statuses made by `POST /api/v1/statuses`, in order, as sent back.
    var made: [[String: Any]] = []
    /// The same, read under the lock (the server adds to them on its own threads).
    public var posts: [[String: Any]] { lock.withLock { made } }
    /// The status each `Idempotency-Key` made (Mastodon keeps them an hour).
    var idempotency: [String: [String: Any]] = [:]

    /// One item of a list: its place (the id paging goes by), what filters read, its JSON.
    struct Item {
        var place: String
        var type: String?
        var isReply: Bool
        var json: Data

        init(_ object: [String: Any], place: (([String: Any]) -> Any?) = { $0["id"] }) {
            self.place = place(object) as? String ?? ""
            type = object["type"] as? String
            isReply = object["in_reply_to_id"] is String
            json = (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
        }

        init(place: String, type: String?, json: Data) {
            self.place = place
            self.type = type
            isReply = false
            self.json = json
        }
    }

    init(recorded: Recorded, base: String) {
        self.base = base
        let account = recorded.object("mastodon/account_docs_example.json")
        me = API.copy(account, ["acct": account["username"]])
        notifications = (recorded.objects("mastodon/notifications_mastodonpy_localhost.json")
            + recorded.objects("mastodon/notifications_docs_example.json")
            + recorded.objects("mastodon/notifications_mastodonpy_mastodon_social.json"))
            .map { Item($0) }.sorted { API.numeric($0.place, before: $1.place) }
        conversations = recorded.objects("mastodon/conversations_mastodonpy_localhost.json")
            .map { Item($0, place: { ($0["last_status"] as? [String: Any])?["id"] }) }.sorted { API.numeric($0.place, before: $1.place) }
        nextNotification = notifications.compactMap { Int($0.place) }.max() ?? 0
        let marked = API.copy(recorded.objects("mastodon/notifications_mastodonpy_localhost.json")[0], [
            "id": "@@NOTIFICATION@@", "created_at": "@@TIME@@", "group_key": "ungrouped-@@STATUS@@",
            "status.id": "@@STATUS@@", "status.created_at": "@@TIME@@", "status.content": "@@TEXT@@",
            "status.url": "http://localhost:3000/@admin/@@STATUS@@", "status.uri": "http://localhost:3000/ap/users/117020565693913441/statuses/@@STATUS@@",
        ])
        let text = String(decoding: (try? JSONSerialization.data(withJSONObject: marked)) ?? Data(), as: UTF8.self)
        // Literal text and the marks between, alternately ("@@" never occurs in the recording).
        mentionTemplate = text.split(separator: "@@", omittingEmptySubsequences: false)
        replyTemplate = recorded.object("mastodon/status_reply_mastodonpy_localhost.json")
    }

    // MARK: - What tests add

    /// A new mention of the user (a copy of the recorded one with new ids, text and time);
    /// returns its status id, the item's id in heed.
    @discardableResult
    public func addMention(_ text: String, at date: Date = Date()) -> String {
        let content = String(decoding: (try? JSONSerialization.data(withJSONObject: ["<p>\(text)</p>"])) ?? Data(), as: UTF8.self)
        let escaped = String(content.dropFirst(2).dropLast(2))
        return lock.withLock {
            nextID += 1
            nextNotification += 1
            let status = "\(nextID)"
            let values = ["NOTIFICATION": "\(nextNotification)", "STATUS": status, "TIME": API.iso(date), "TEXT": escaped]
            var json = ""
            for (index, part) in mentionTemplate.enumerated() { json += index % 2 == 0 ? String(part) : values[String(part)] ?? "" }
            notifications.append(Item(place: "\(nextNotification)", type: "mention", json: Data(json.utf8)))
            return status
        }
    }

    /// Adds `count` mentions at once (for the benchmark), the newest `date`.
    public func addMentions(_ count: Int, at date: Date = Date()) {
        for index in 0..<count { addMention("mention number \(index)", at: date.addingTimeInterval(Double(index - count))) }
    }

    /// The user's reply to status `parent`, given in Mastodon itself (a copy of the recorded reply).
    public func addReply(to parent: String, at date: Date = Date()) {
        lock.withLock {
            nextID += 1
            statuses.append(Item(API.copy(replyTemplate, [
                "id": "\(nextID)", "created_at": API.iso(date), "in_reply_to_id": parent, "account": me,
            ])))
        }
    }

    // MARK: - Answering

    func answer(_ request: LoggedRequest) -> Reply? {
        guard request.path.hasPrefix("/api/v1/") else { return nil }
        return lock.withLock {
            guard rate.take(window: 300) else {
                return Reply(status: 429, json: ["error": "Too many requests"], headers: rateHeaders)
            }
            guard let bearer = request.bearer else { return refuse(401, "This method requires an authenticated user") }
            guard bearer == token else { return refuse(401, "The access token is invalid") }
            let meID = me["id"] as? String ?? ""
            switch request.path {
            case "/api/v1/statuses":
                return postStatus(request)
            case let path where path.hasPrefix("/api/v1/statuses/") && path.hasSuffix("/context"):
                return context(request)
            case "/api/v1/accounts/verify_credentials":
                guard request.query.isEmpty else { return refuse(422, "unknown parameter: \(request.query[0].name)") }
                return Reply(json: me, headers: rateHeaders)
            case "/api/v1/notifications":
                return list(request, notifications, limit: (40, 80),
                            allowed: ["max_id", "since_id", "min_id", "limit", "types[]", "exclude_types[]", "account_id", "include_filtered"]) { item in
                    let types = request.values("types[]")
                    return (types.isEmpty || types.contains(item.type ?? "")) && !request.values("exclude_types[]").contains(item.type ?? "")
                }
            case "/api/v1/conversations":
                return list(request, conversations, limit: (20, 40), allowed: ["max_id", "since_id", "min_id", "limit"]) { _ in true }
            case "/api/v1/accounts/\(meID)/statuses":
                return list(request, statuses, limit: (20, 40),
                            allowed: ["max_id", "since_id", "min_id", "limit", "exclude_replies", "exclude_reblogs", "only_media", "pinned", "tagged"]) { status in
                    request.value("exclude_replies") != "true" || !status.isReply
                }
            default:
                return refuse(404, "Record not found")
            }
        }
    }

    /// A list newest first, paged as Mastodon pages (`min_id` takes the page just above it).
    private func list(_ request: LoggedRequest, _ all: [Item], limit: (default: Int, most: Int), allowed: Set<String>, keep: (Item) -> Bool) -> Reply {
        if let unknown = API.unknownParameter(request, allowed: allowed) { return refuse(422, "unknown parameter: \(unknown)") }
        guard let count = API.limit(request, default: limit.default, most: limit.most, clamp: true) else { return refuse(422, "limit must be a number") }
        // The lists are kept oldest first: a page is found by place, not by reading them all.
        func first(after id: String) -> Int {
            var low = 0, high = all.count
            while low < high {
                let middle = (low + high) / 2
                if !API.numeric(id, before: all[middle].place) { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let floor = request.value("since_id").map(first(after:)) ?? 0
        var ceiling = all.count
        if let max = request.value("max_id") {
            ceiling = first(after: max)
            if ceiling > 0, all[ceiling - 1].place == max { ceiling -= 1 }
        }
        var page: [Item] = []
        if let min = request.value("min_id") {
            // Just above min_id: the oldest `count` newer ones, given newest first.
            var index = max(floor, first(after: min))
            while index < ceiling, page.count < count {
                if keep(all[index]) { page.append(all[index]) }
                index += 1
            }
            page.reverse()
        } else {
            var index = ceiling - 1
            while index >= floor, page.count < count {
                if keep(all[index]) { page.append(all[index]) }
                index -= 1
            }
        }
        var headers = rateHeaders
        headers["Content-Type"] = "application/json; charset=utf-8"
        if let newest = page.first?.place, let oldest = page.last?.place {
            let next = API.link(base, request, ["max_id": oldest, "min_id": nil, "since_id": nil])
            let prev = API.link(base, request, ["min_id": newest, "max_id": nil, "since_id": nil])
            headers["Link"] = "<\(next)>; rel=\"next\", <\(prev)>; rel=\"prev\""
        }
        var body = Data("[".utf8)
        for (index, item) in page.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(item.json)
        }
        body.append(UInt8(ascii: "]"))
        return Reply(status: 200, headers: headers, body: body)
    }

    func refuse(_ status: Int, _ message: String) -> Reply {
        Reply(status: status, json: ["error": message], headers: rateHeaders)
    }

    var rateHeaders: [String: String] {
        ["X-RateLimit-Limit": "\(rate.limit)", "X-RateLimit-Remaining": "\(rate.remaining)", "X-RateLimit-Reset": API.iso(rate.reset)]
    }
}
