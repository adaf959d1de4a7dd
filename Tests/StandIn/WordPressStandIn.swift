import Foundation

/// A WordPress site's REST API as the stand-in speaks it, under `/wp` (the site's address):
/// `/wp-json/wp/v2/comments` filtered by `after` / `before` (compared with the site's own
/// times, `date`, as WordPress compares them), ordered by `orderby` / `order`, paged by
/// `page` and `per_page` (1 to 100, else 400 `rest_invalid_param`) with `X-WP-Total`,
/// `X-WP-TotalPages` and `Link`; parameters it does not know are ignored, as WordPress
/// ignores them; `status` other than `approve` only with an application password (HTTP
/// Basic; else 401 `rest_forbidden_param`), which also shows comments on private posts; a
/// wrong one answers 401 `incorrect_password`, an unknown user `invalid_username`;
/// `/users/me` (401 `rest_not_logged_in` without a password) and `/users?slug=`. Its
/// comments are the recorded thread's and copies of the core fixture's that tests add.
public final class WordPressStandIn: @unchecked Sendable {
    /// The account's user, and their application password (WordPress shows it with spaces).
    public let username = "heed-editor"
    public let userID = 5
    public var applicationPassword = "abcd EFGH 1234 ijkl MNOP 6789"
    /// The site's offset from UTC, in seconds: its `date`s are local times.
    public var offset: TimeInterval = 0
    private let lock = NSLock()
    private var comments: [[String: Any]]
    private var privatePosts: Set<Int> = []
    private let template: [String: Any]
    private var nextID = 100
    private let base: String

    init(recorded: Recorded, base: String) {
        self.base = base
        comments = recorded.objects("wordpress/comments_reply_thread_workerbee_mock.json")
        template = recorded.objects("wordpress/comments_collection_wp_core_fixture.json").first ?? [:]
    }

    // MARK: - What tests add

    /// A guest's comment on `post` (replying to `parent` when not 0); `status` "hold" awaits
    /// moderation. Returns its id.
    @discardableResult
    public func addComment(_ text: String, on post: Int = 9, parent: Int = 0, at date: Date = Date(), status: String = "approved") -> String {
        add(["author": 0, "author_name": "A reader", "author_url": "https://reader.example", "content": ["rendered": "<p>\(text)</p>\n"],
             "post": post, "parent": parent, "status": status], at: date)
    }

    /// Adds `count` comments at once, the newest `date`, a second apart.
    public func addComments(_ count: Int, at date: Date = Date()) {
        for index in 0..<count { addComment("comment number \(index)", at: date.addingTimeInterval(Double(index - count))) }
    }

    /// The account user's reply to comment `parent`, written in WordPress itself.
    public func addReply(to parent: String, at date: Date = Date()) {
        add(["author": userID, "author_name": "Heed Editor", "author_url": "", "content": ["rendered": "<p>Thanks!</p>\n"],
             "post": 9, "parent": Int(parent) ?? 0, "status": "approved"], at: date)
    }

    /// Makes `post` private: its comments are shown only with an application password.
    public func makePrivate(_ post: Int) { lock.withLock { _ = privatePosts.insert(post) } }

    @discardableResult
    private func add(_ fields: [String: Any], at date: Date) -> String {
        lock.withLock {
            nextID += 1
            var comment = template.merging(fields) { $1 }
            comment["id"] = nextID
            comment["date_gmt"] = Self.time(date)
            comment["date"] = Self.time(date.addingTimeInterval(offset))
            comment["link"] = "https://blog.example/?p=\(fields["post"] ?? 9)#comment-\(nextID)"
            comments.append(comment)
            return "\(nextID)"
        }
    }

    /// A WordPress time: whole seconds, no zone.
    static func time(_ date: Date) -> String { String(API.iso(date).prefix(19)) }

    // MARK: - Answering

    func answer(_ request: LoggedRequest) -> Reply? {
        guard request.path.hasPrefix("/wp/wp-json/") else { return nil }
        return lock.withLock {
            var signedIn = false
            if let header = request.headers["authorization"] {
                guard let pair = Data(base64Encoded: String(header.dropFirst("Basic ".count))).map({ String(decoding: $0, as: UTF8.self) }),
                      let colon = pair.firstIndex(of: ":") else { return error(401, "rest_not_logged_in", "You are not currently logged in.") }
                guard pair[..<colon] == username else { return error(401, "invalid_username", "Unknown username. Check again or try your email address.") }
                let password = pair[pair.index(after: colon)...].filter { $0 != " " }
                guard password == applicationPassword.filter({ $0 != " " }) else {
                    return error(401, "incorrect_password", "The provided password is an invalid application password.")
                }
                signedIn = true
            }
            switch request.path {
            case "/wp/wp-json/wp/v2/comments": return list(request, signedIn: signedIn)
            case "/wp/wp-json/wp/v2/users/me":
                guard signedIn else { return error(401, "rest_not_logged_in", "You are not currently logged in.") }
                return Reply(json: ["id": userID, "name": "Heed Editor", "slug": username, "link": "https://blog.example/author/\(username)/"])
            case "/wp/wp-json/wp/v2/users":
                let found = request.value("slug") == username ? [["id": userID, "name": "Heed Editor", "slug": username]] : []
                return Reply(json: found, headers: ["X-WP-Total": "\(found.count)", "X-WP-TotalPages": "1"])
            default:
                return error(404, "rest_no_route", "No route was found matching the URL and request method.")
            }
        }
    }

    private func list(_ request: LoggedRequest, signedIn: Bool) -> Reply {
        let status = request.value("status") ?? "approve"
        if !signedIn, status != "approve" { return error(401, "rest_forbidden_param", "Query parameter not permitted: status") }
        guard let perPage = Int(request.value("per_page") ?? "10"), (1...100).contains(perPage) else { return invalid("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)") }
        guard let page = Int(request.value("page") ?? "1"), page >= 1 else { return invalid("page", "page must be greater than or equal to 1") }
        let orderBy = request.value("orderby") ?? "date_gmt"
        guard ["date", "date_gmt", "id", "include", "post", "parent", "type"].contains(orderBy) else { return invalid("orderby", "orderby is not one of date, date_gmt, id, include, post, parent and type.") }
        guard ["asc", "desc"].contains(request.value("order") ?? "desc") else { return invalid("order", "order is not one of asc and desc.") }
        for name in ["after", "before"] where request.value(name).map({ Self.date($0) == nil }) ?? false {
            return invalid(name, "Invalid date.")
        }
        var items = comments.filter { comment in
            let local = comment["date"] as? String ?? ""
            let shown = status == "all" ? ["approved", "hold"].contains(comment["status"] as? String ?? "") : comment["status"] as? String == "approved"
            return shown && (signedIn || !privatePosts.contains(comment["post"] as? Int ?? 0))
                && (request.value("after").flatMap(Self.date).map { local > $0 } ?? true)
                && (request.value("before").flatMap(Self.date).map { local < $0 } ?? true)
        }
        let key = orderBy == "date_gmt" ? "date_gmt" : orderBy == "date" ? "date" : "id"
        items.sort { "\($0[key] ?? "")".compare("\($1[key] ?? "")", options: .numeric) == .orderedAscending }
        if request.value("order") != "asc" { items.reverse() }
        let pages = (items.count + perPage - 1) / perPage
        let slice = Array(items.dropFirst((page - 1) * perPage).prefix(perPage))
        var headers = ["X-WP-Total": "\(items.count)", "X-WP-TotalPages": "\(pages)"]
        if page < pages { headers["Link"] = "<\(API.link(base, request, ["page": "\(page + 1)"]))>; rel=\"next\"" }
        return Reply(json: slice, headers: headers)
    }

    /// A date-time as WordPress reads one (any zone taken off: it compares site times).
    static func date(_ text: String) -> String? {
        let pattern = #"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:\d{2})?)?$"#
        return text.range(of: pattern, options: .regularExpression) == nil ? nil : String(text.prefix(19))
    }

    private func invalid(_ name: String, _ message: String) -> Reply {
        Reply(status: 400, json: ["code": "rest_invalid_param", "message": "Invalid parameter(s): \(name)",
                                  "data": ["status": 400, "params": [name: message]]])
    }

    private func error(_ status: Int, _ code: String, _ message: String) -> Reply {
        Reply(status: status, json: ["code": code, "message": message, "data": ["status": status]])
    }
}
