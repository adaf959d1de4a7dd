import Foundation

/// Bluesky's XRPC API as the stand-in speaks it: sessions made with the handle and app
/// password (`createSession`) whose access tokens (JWTs) expire and are renewed once with
/// their refresh token (`refreshSession`); `listNotifications` (the `reasons` filter) and
/// `getAuthorFeed`, newest first by `indexedAt`, paged with an opaque `cursor`;
/// `RateLimit-*` headers; errors as XRPC gives them, `{"error": "ExpiredToken", "message": …}`.
/// Its notifications are the recorded page's; tests add mentions and the user's own replies.
public final class BlueskyStandIn: @unchecked Sendable {
    /// The sign-in the stand-in takes.
    public var handle = "you.bsky.social"
    public var password = "app-password-stand-in"
    /// The user's DID: the one the recorded notifications are addressed to.
    public let did = "did:plc:iijrtk7ocored6zuziwmqq3c"
    /// How long a new access token lasts.
    public var accessLifetime: TimeInterval = 7_200
    public var rate = RateWindow(limit: 3_000, remaining: 3_000, resetIn: 300)
    /// Sessions made, and refreshes, so far.
    public private(set) var sessionsCreated = 0
    public private(set) var refreshes = 0
    private let lock = NSLock()
    private var access: [String: Date] = [:]
    private var refresh: Set<String> = []
    private var issued = 0
    private var notifications: [[String: Any]]
    var feed: [[String: Any]] = []
    /// The records made by `createRecord`, by record key, in order.
    var made: [(rkey: String, cid: String, record: [String: Any])] = []
    /// The same, read under the lock (the server adds to them on its own threads).
    public var posts: [(rkey: String, cid: String, record: [String: Any])] { lock.withLock { made } }
    private let mentionTemplate: [String: Any]
    private let replyRecord: [String: Any]
    private var added = 0

    init(recorded: Recorded) {
        let page = recorded.object("bluesky/listNotifications_atprotodart.json")
        notifications = page["notifications"] as? [[String: Any]] ?? []
        mentionTemplate = notifications.first { $0["reason"] as? String == "mention" } ?? [:]
        replyRecord = recorded.object("bluesky/post_record_reply_docs.json")
    }

    // MARK: - What tests do

    /// A new mention of the user (a copy of a recorded one); returns its at:// uri.
    @discardableResult
    public func addMention(_ text: String, at date: Date = Date()) -> String {
        lock.withLock {
            added += 1
            let author = (mentionTemplate["author"] as? [String: Any])?["did"] as? String ?? "did:plc:stand-in"
            let uri = "at://\(author)/app.bsky.feed.post/standin\(added)"
            notifications.append(API.copy(mentionTemplate, [
                "uri": uri, "cid": "bafystandin\(added)", "indexedAt": API.iso(date), "isRead": false,
                "record.text": text, "record.createdAt": API.iso(date),
            ]))
            return uri
        }
    }

    /// The user's reply to the post `parent`, given in Bluesky itself.
    public func addReply(to parent: String, at date: Date = Date()) {
        lock.withLock {
            added += 1
            let record = API.copy(replyRecord, [
                "createdAt": API.iso(date), "reply.parent.uri": parent, "reply.root.uri": parent,
            ])
            feed.append(["post": [
                "uri": "at://\(did)/app.bsky.feed.post/reply\(added)", "cid": "bafyreply\(added)",
                "author": ["did": did, "handle": handle], "record": record, "indexedAt": API.iso(date),
            ]])
        }
    }

    /// Makes every access token given so far expire now.
    public func expireAccessTokens() {
        lock.withLock { for key in access.keys { access[key] = .distantPast } }
    }

    // MARK: - Answering

    func answer(_ request: LoggedRequest) -> Reply? {
        guard request.path.hasPrefix("/xrpc/") else { return nil }
        return lock.withLock {
            guard rate.take(window: 300) else { return refuse(429, "RateLimitExceeded", "Rate Limit Exceeded") }
            switch request.path {
            case "/xrpc/com.atproto.server.createSession": return createSession(request)
            case "/xrpc/com.atproto.server.refreshSession": return refreshSession(request)
            case "/xrpc/com.atproto.repo.getRecord":
                return getRecord(request)
            case "/xrpc/app.bsky.notification.listNotifications", "/xrpc/app.bsky.feed.getAuthorFeed", "/xrpc/com.atproto.repo.createRecord":
                guard let bearer = request.bearer else { return refuse(401, "AuthenticationRequired", "Authentication Required") }
                guard let expires = access[bearer] else { return refuse(400, "InvalidToken", "Token could not be verified") }
                guard expires > Date() else { return refuse(400, "ExpiredToken", "Token has expired") }
                if request.path.hasSuffix("createRecord") { return createRecord(request) }
                return request.path.hasSuffix("listNotifications") ? listNotifications(request) : authorFeed(request)
            default:
                return refuse(501, "MethodNotImplemented", "Method Not Implemented")
            }
        }
    }

    private func createSession(_ request: LoggedRequest) -> Reply {
        guard request.method == "POST", let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: String] else {
            return refuse(400, "InvalidRequest", "Input must be an object")
        }
        guard body["identifier"]?.lowercased() == handle.lowercased() || body["identifier"] == did, body["password"] == password else {
            return refuse(401, "AuthenticationRequired", "Invalid identifier or password")
        }
        sessionsCreated += 1
        return session()
    }

    private func refreshSession(_ request: LoggedRequest) -> Reply {
        guard let bearer = request.bearer else { return refuse(401, "AuthenticationRequired", "Authentication Required") }
        // A refresh token is good once: the new session replaces it.
        guard refresh.remove(bearer) != nil else { return refuse(400, "ExpiredToken", "Token has been revoked") }
        refreshes += 1
        return session()
    }

    /// A new pair of tokens: JWTs whose payload says when they expire.
    private func session() -> Reply {
        issued += 1
        let expires = Date().addingTimeInterval(accessLifetime)
        let accessJwt = Self.jwt(["scope": "com.atproto.access", "sub": did, "exp": Int(expires.timeIntervalSince1970), "jti": "a\(issued)"])
        let refreshJwt = Self.jwt(["scope": "com.atproto.refresh", "sub": did, "exp": Int(Date().timeIntervalSince1970) + 90 * 86_400, "jti": "r\(issued)"])
        access[accessJwt] = expires
        refresh.insert(refreshJwt)
        return Reply(json: ["accessJwt": accessJwt, "refreshJwt": refreshJwt, "handle": handle, "did": did, "active": true], headers: rateHeaders)
    }

    static func jwt(_ payload: [String: Any]) -> String {
        func part(_ object: [String: Any]) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        return "\(part(["alg": "ES256K", "typ": "at+jwt"])).\(part(payload)).c3RhbmQtaW4"
    }

    private func listNotifications(_ request: LoggedRequest) -> Reply {
        if let unknown = API.unknownParameter(request, allowed: ["reasons", "limit", "priority", "cursor", "seenAt"]) {
            return refuse(400, "InvalidRequest", "Unknown parameter: \(unknown)")
        }
        let reasons = request.values("reasons")
        let items = notifications.filter { reasons.isEmpty || reasons.contains($0["reason"] as? String ?? "") }
        return page(request, items, key: "notifications", time: { $0["indexedAt"] as? String }, extra: ["seenAt": "2023-12-13T02:53:46.005Z"])
    }

    private func authorFeed(_ request: LoggedRequest) -> Reply {
        if let unknown = API.unknownParameter(request, allowed: ["actor", "limit", "cursor", "filter", "includePins"]) {
            return refuse(400, "InvalidRequest", "Unknown parameter: \(unknown)")
        }
        guard let actor = request.value("actor") else { return refuse(400, "InvalidRequest", "Params must have the property \"actor\"") }
        guard actor == did || actor == handle else { return refuse(400, "InvalidRequest", "Profile not found") }
        let filters = ["posts_with_replies", "posts_no_replies", "posts_with_media", "posts_and_author_threads", "posts_with_video"]
        guard filters.contains(request.value("filter") ?? "posts_with_replies") else { return refuse(400, "InvalidRequest", "Invalid filter") }
        return page(request, feed, key: "feed", time: { ($0["post"] as? [String: Any])?["indexedAt"] as? String }, extra: [:])
    }

    /// Items newest first from the cursor on (`ms::cid` of the last item of the page before).
    private func page(_ request: LoggedRequest, _ all: [[String: Any]], key: String, time: ([String: Any]) -> String?, extra: [String: Any]) -> Reply {
        guard let limit = API.limit(request, default: 50, most: 100, clamp: false) else {
            return refuse(400, "InvalidRequest", "limit must be an integer from 1 to 100")
        }
        var items = all.compactMap { item in API.date(time(item)).map { ($0, item) } }
        items.sort { $0.0 > $1.0 }
        if let cursor = request.value("cursor") {
            guard let millis = cursor.split(separator: ":").first.flatMap({ Double($0) }) else { return refuse(400, "InvalidRequest", "Malformed cursor") }
            items.removeAll { $0.0.timeIntervalSince1970 * 1000 >= millis }
        }
        let page = Array(items.prefix(limit))
        var body = extra
        body[key] = page.map(\.1)
        if page.count == limit, let last = page.last { body["cursor"] = "\(Int64(last.0.timeIntervalSince1970 * 1000))::bafycursor" }
        return Reply(json: body, headers: rateHeaders)
    }

    func refuse(_ status: Int, _ error: String, _ message: String) -> Reply {
        Reply(status: status, json: ["error": error, "message": message], headers: rateHeaders)
    }

    var rateHeaders: [String: String] {
        ["RateLimit-Limit": "\(rate.limit)", "RateLimit-Remaining": "\(rate.remaining)",
         "RateLimit-Reset": "\(Int(rate.reset.timeIntervalSince1970))", "RateLimit-Policy": "\(rate.limit);w=300"]
    }
}
