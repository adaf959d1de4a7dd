import Foundation

/// GitHub's REST API as the stand-in speaks it: `/user`, an issue comment, `/notifications` (`all`,
/// `participating`, `since`, `before`, `page`, `per_page`; `Last-Modified`, 304 for an
/// `If-Modified-Since` that is current, `X-Poll-Interval`), `/users/:login/events`, paged by
/// `page` with a `Link` header; `X-RateLimit-*` with an epoch reset (a spent limit answers
/// 403); `{"message": "Bad credentials", …}` without a valid token, 422 for a `since` that is
/// not a time or a parameter the API does not take. Its threads are the recorded ones and
/// copies tests add (with the reason they choose).
public final class GitHubStandIn: @unchecked Sendable {
    public var token = "github-stand-in-token"
    public let login = "octocat"
    public var pollInterval = 60
    public var rate = RateWindow(limit: 5_000, remaining: 5_000, resetIn: 3_600)
    private let lock = NSLock()
    private let base: String
    private var threads: [[String: Any]]
    private var events: [[String: Any]] = []
    private var comments: [String: [String: Any]] = [:]
    private let template: [String: Any]
    var nextID = 1_000
    /// The comments made by `POST …/issues/N/comments`, in order, as sent back.
    var made: [[String: Any]] = []
    /// The same, read under the lock (the server adds to them on its own threads).
    public var posts: [[String: Any]] { lock.withLock { made } }

    init(recorded: Recorded, base: String) {
        self.base = base
        threads = recorded.objects("github/notifications_docs_example_thread_items.json")
        template = threads.first ?? [:]
    }

    // MARK: - What tests add

    /// A thread about issue `number` of the recorded repository, for `reason` (`mention`,
    /// `comment`, …), updated `date`, its latest comment by `author` saying `comment`; returns its id.
    @discardableResult
    public func addThread(_ title: String, issue number: Int, reason: String = "mention", at date: Date = Date(),
                          author: String = "hubot", comment: String = "@octocat could you look at this?") -> String {
        lock.withLock {
            nextID += 1
            let issue = "https://api.github.com/repos/octocat/Hello-World/issues/\(number)"
            // The comment is served here, so its address is the stand-in's own.
            comments["\(nextID)"] = [
                "id": nextID, "body": comment, "created_at": Self.time(date), "user": ["login": author, "html_url": "https://github.com/\(author)"],
                "html_url": "https://github.com/octocat/Hello-World/issues/\(number)#issuecomment-\(nextID)",
            ]
            threads.append(API.copy(template, [
                "id": "\(nextID)", "reason": reason, "unread": true, "updated_at": Self.time(date), "last_read_at": nil,
                "subject.title": title, "subject.url": issue, "subject.type": "Issue",
                "subject.latest_comment_url": "\(base)/repos/octocat/Hello-World/issues/comments/\(nextID)",
            ]))
            return "\(nextID)"
        }
    }

    /// The user's comment on issue `number`, given on GitHub itself (an event of theirs).
    public func addComment(onIssue number: Int, at date: Date = Date()) {
        lock.withLock {
            nextID += 1
            let issue = "https://api.github.com/repos/octocat/Hello-World/issues/\(number)"
            events.append([
                "id": "\(40_000_000_000 + nextID)", "type": "IssueCommentEvent", "public": true, "created_at": Self.time(date),
                "actor": ["id": 1, "login": login], "repo": ["id": 1_296_269, "name": "octocat/Hello-World"],
                "payload": ["action": "created", "issue": ["url": issue, "number": number],
                            "comment": ["id": nextID, "body": "Thanks!", "created_at": Self.time(date), "user": ["login": login]]],
            ])
        }
    }

    // MARK: - Answering

    func answer(_ request: LoggedRequest) -> Reply? {
        let paths = ["/user", "/notifications", "/users/\(login)/events"]
        guard paths.contains(request.path) || request.path.hasPrefix("/users/") || request.path.hasPrefix("/repos/") else { return nil }
        return lock.withLock {
            guard rate.take(window: 3_600) else {
                return refuse(403, "API rate limit exceeded for user ID 1.")
            }
            guard let header = request.headers["authorization"] else { return refuse(401, "Requires authentication") }
            guard header == "Bearer \(token)" || header == "token \(token)" else { return refuse(401, "Bad credentials") }
            switch request.path {
            case "/user":
                return Reply(json: ["login": login, "id": 1, "type": "User", "html_url": "https://github.com/\(login)"], headers: headers())
            case "/notifications": return notifications(request)
            case "/users/\(login)/events": return eventList(request)
            case let path where path.hasPrefix("/repos/octocat/Hello-World/issues/") && path.hasSuffix("/comments"):
                return issueComments(request)
            case let path where path.hasPrefix("/repos/octocat/Hello-World/issues/comments/"):
                guard request.query.isEmpty else { return refuse(422, "Validation Failed: unknown parameter \(request.query[0].name)") }
                return comments[String(path.split(separator: "/").last ?? "")].map { Reply(json: $0, headers: headers()) } ?? refuse(404, "Not Found")
            default: return refuse(404, "Not Found")
            }
        }
    }

    private func notifications(_ request: LoggedRequest) -> Reply {
        if let unknown = API.unknownParameter(request, allowed: ["all", "participating", "since", "before", "page", "per_page"]) {
            return refuse(422, "Validation Failed: unknown parameter \(unknown)")
        }
        let since = request.value("since").map(API.date)
        if case .some(nil) = since { return refuse(422, "Validation Failed: since is not a timestamp") }
        let participating: Set<String> = ["mention", "team_mention", "comment", "author", "assign", "review_requested", "state_change", "manual"]
        var items = threads.filter { thread in
            let reason = thread["reason"] as? String ?? ""
            let updated = API.date(thread["updated_at"] as? String) ?? .distantPast
            return (request.value("participating") != "true" || participating.contains(reason))
                && (request.value("all") == "true" || thread["unread"] as? Bool == true)
                && ((since ?? nil).map { updated > $0 } ?? true)
        }
        items.sort { (API.date($0["updated_at"] as? String) ?? .distantPast) > (API.date($1["updated_at"] as? String) ?? .distantPast) }
        let newest = items.first.flatMap { API.date($0["updated_at"] as? String) } ?? Date(timeIntervalSince1970: 1_000_000_000)
        let modified = API.httpDate(newest)
        if let asked = request.headers["if-modified-since"], asked == modified {
            return Reply(status: 304, headers: headers(["Last-Modified": modified, "X-Poll-Interval": "\(pollInterval)"]))
        }
        return paged(request, items, perPage: (50, 50), extra: ["Last-Modified": modified, "X-Poll-Interval": "\(pollInterval)"])
    }

    private func eventList(_ request: LoggedRequest) -> Reply {
        if let unknown = API.unknownParameter(request, allowed: ["page", "per_page"]) {
            return refuse(422, "Validation Failed: unknown parameter \(unknown)")
        }
        let sorted = events.sorted { API.numeric($1["id"] as? String ?? "", before: $0["id"] as? String ?? "") }
        // GitHub keeps 300 events at most.
        return paged(request, Array(sorted.prefix(300)), perPage: (30, 100), extra: ["X-Poll-Interval": "\(pollInterval)"])
    }

    /// A page of `items` by `page` and `per_page`, with `next` and `last` links.
    func paged(_ request: LoggedRequest, _ items: [[String: Any]], perPage: (default: Int, most: Int), extra: [String: String]) -> Reply {
        guard let size = API.limit(request, "per_page", default: perPage.default, most: perPage.most, clamp: true),
              let page = API.limit(request, "page", default: 1, most: Int.max, clamp: false) else {
            return refuse(422, "Validation Failed: page and per_page must be numbers")
        }
        let slice = Array(items.dropFirst((page - 1) * size).prefix(size))
        var extra = extra
        let last = max(1, (items.count + size - 1) / size)
        if page < last {
            extra["Link"] = "<\(API.link(base, request, ["page": "\(page + 1)"]))>; rel=\"next\", <\(API.link(base, request, ["page": "\(last)"]))>; rel=\"last\""
        }
        return Reply(json: slice, headers: headers(extra))
    }

    func refuse(_ status: Int, _ message: String) -> Reply {
        Reply(status: status, json: ["message": message, "documentation_url": "https://docs.github.com/rest", "status": "\(status)"], headers: headers())
    }

    func headers(_ extra: [String: String] = [:]) -> [String: String] {
        extra.merging([
            "X-RateLimit-Limit": "\(rate.limit)", "X-RateLimit-Remaining": "\(rate.remaining)",
            "X-RateLimit-Reset": "\(Int(rate.reset.timeIntervalSince1970))", "X-RateLimit-Used": "\(rate.limit - rate.remaining)",
            "X-RateLimit-Resource": "core",
        ]) { old, _ in old }
    }

    /// GitHub's times: ISO 8601 in whole seconds.
    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
