import Foundation

/// Facebook's Graph API as the stand-in speaks it, under `/graph/v21.0`: a page access token
/// (as a bearer or `access_token=`; none is Graph's 400 code 104, a wrong one code 190, in
/// Graph's error body), `/{page-id}/posts` (newest first, with `created_time` and
/// `updated_time`, which a new comment moves) and `/{post-id}/comments` with `filter`
/// (`toplevel`, the default, or `stream`: replies too), `order` (`chronological`, the
/// default, or `reverse_chronological`) and `fields` (an unknown one is refused, code 100,
/// as Graph refuses it), paged by `limit` and `after` cursors with `paging.next`; an object
/// it does not have answers Graph's "Unsupported get request". The Page is the recorded
/// page of comments' ("Facebook for Developers"): its post and its ten comments and replies,
/// their ids built as Graph's (`{post}_{comment}`); the recording has no `from`, so the three
/// replies that answer as the Page ("Hi, …") are the Page's and the others a visitor's.
/// Every answer says the Page's usage (`X-Business-Use-Case-Usage`); at 100 % each request
/// is refused (code 80001) with the minutes until access returns.
public final class FacebookStandIn: @unchecked Sendable {
    public var token = "EAAB-stand-in-page-token"
    public let pageID = "19292868552"
    public let postID = "19292868552_10158407654328553"
    /// The share of the Page's call limit used, in percent (at 100 every request is refused
    /// with code 80001), and the minutes Graph says until access returns then.
    public var usage = 4
    public var regainMinutes = 3
    private let lock = NSLock()
    private var posts: [[String: Any]] = []
    private var comments: [[String: Any]] = []
    private var nextID = 20_000_000_000_000_000
    static let commentFields: Set<String> = ["id", "message", "created_time", "from", "permalink_url", "parent", "attachment", "comment_count",
                                             "like_count", "can_comment", "is_hidden"]

    init(recorded: Recorded) {
        let recordedComments = recorded.object("facebook/post_comments_page1_pythonfacebook.json")["data"] as? [[String: Any]] ?? []
        let pageReplies: Set<String> = ["10158409983033553", "10158409984103553", "10158411321043553"]
        for var comment in recordedComments {
            guard let link = (comment["permalink_url"] as? String).flatMap(URLComponents.init(string:)) else { continue }
            let top = link.queryItems?.first { $0.name == "comment_id" }?.value ?? ""
            let reply = link.queryItems?.first { $0.name == "reply_comment_id" }?.value
            comment["id"] = "10158407654328553_\(reply ?? top)"
            if reply != nil { comment["parent"] = ["id": "10158407654328553_\(top)"] }
            comment["from"] = pageReplies.contains(reply ?? "") ? ["name": "Facebook for Developers", "id": pageID] : ["name": "A visitor", "id": "100000000000001"]
            comment["post"] = postID
            comments.append(comment)
        }
        posts = [["id": postID, "created_time": "2021-08-10T18:00:00+0000", "message": "Meet the new Page experience."]]
    }

    // MARK: - What tests add

    /// A new post of the Page's, `at`; returns its id.
    @discardableResult
    public func addPost(at date: Date = Date()) -> String {
        lock.withLock {
            let id = "\(pageID)_\(newID())"
            posts.insert(["id": id, "created_time": Self.time(date), "message": "A new post"], at: 0)
            return id
        }
    }

    /// A visitor's comment on `post` (the recorded one by default); returns its id.
    @discardableResult
    public func addComment(_ text: String, on post: String? = nil, at date: Date = Date()) -> String {
        add(text, on: post ?? postID, parent: nil, byPage: false, at: date)
    }

    /// Adds `count` visitors' comments on the recorded post, the newest `date`, a second apart.
    public func addComments(_ count: Int, at date: Date = Date()) {
        for index in 0..<count { addComment("comment number \(index)", at: date.addingTimeInterval(Double(index - count))) }
    }

    /// A reply to comment `parent`: by a visitor, or by the Page (`byPage`, answered in
    /// Facebook or Business Suite). Returns its id.
    @discardableResult
    public func addReply(to parent: String, _ text: String = "Thanks!", byPage: Bool = false, at date: Date = Date()) -> String {
        let post = lock.withLock { comments.first { $0["id"] as? String == parent }?["post"] as? String } ?? postID
        return add(text, on: post, parent: parent, byPage: byPage, at: date)
    }

    private func add(_ text: String, on post: String, parent: String?, byPage: Bool, at date: Date) -> String {
        lock.withLock {
            let number = newID()
            let postNumber = post.split(separator: "_").last.map(String.init) ?? post
            let top = parent?.split(separator: "_").last.map(String.init)
            let link = "https://www.facebook.com/\(pageID)/posts/\(postNumber)/?comment_id=\(top ?? number)" + (top == nil ? "" : "&reply_comment_id=\(number)")
            var comment: [String: Any] = ["id": "\(postNumber)_\(number)", "message": text, "created_time": Self.time(date), "permalink_url": link,
                                          "comment_count": 0, "like_count": 0, "post": post,
                                          "from": byPage ? ["name": "Facebook for Developers", "id": pageID] : ["name": "A visitor", "id": "100000000000002"]]
            if let parent { comment["parent"] = ["id": parent] }
            comments.append(comment)
            return "\(postNumber)_\(number)"
        }
    }

    private func newID() -> String {
        nextID += 1
        return "\(nextID)"
    }

    /// A Graph time: `2021-08-10T18:45:03+0000`.
    static func time(_ date: Date) -> String { String(API.iso(date).prefix(19)) + "+0000" }

    // MARK: - Answering

    func answer(_ request: LoggedRequest, base: String) -> Reply? {
        guard request.path.hasPrefix("/graph/v21.0/") else { return nil }
        return lock.withLock {
            var reply = usage < 100 ? answerWithin(request, base: base)
                : Graph.error(400, 80001, "(#80001) There have been too many calls to this Page account. Wait a bit and try again.")
            let figures: [String: Any] = ["type": "pages", "call_count": usage, "total_cputime": 1, "total_time": 1,
                                          "estimated_time_to_regain_access": usage < 100 ? 0 : regainMinutes]
            reply.headers["X-Business-Use-Case-Usage"] = String(decoding: (try? JSONSerialization.data(withJSONObject: [pageID: [figures]])) ?? Data(), as: UTF8.self)
            return reply
        }
    }

    /// The answer of a request within the Page's limit.
    private func answerWithin(_ request: LoggedRequest, base: String) -> Reply {
        let parts = request.path.dropFirst("/graph/v21.0/".count).split(separator: "/").map(String.init)
        if let refused = Graph.refused(request, token: token) { return refused }
        switch (parts.count, parts.last) {
        case (2, "posts") where parts[0] == pageID:
            let shown = posts.map { post in
                var post = post
                post["updated_time"] = ([post["created_time"] as? String ?? ""] + comments.filter { $0["post"] as? String == post["id"] as? String }
                    .compactMap { $0["created_time"] as? String }).max()
                return post
            }
            return Graph.list(request, base: base, shown, fields: ["id", "created_time", "updated_time", "message"], defaults: ["id", "created_time", "message"],
                        node: "Post")
        case (2, "comments") where posts.contains(where: { $0["id"] as? String == parts[0] }):
            let filter = request.value("filter") ?? "toplevel"
            let order = request.value("order") ?? "chronological"
            guard ["toplevel", "stream"].contains(filter) else { return Graph.error(400, 100, "(#100) filter must be one of the following values: toplevel, stream") }
            guard ["chronological", "reverse_chronological"].contains(order) else {
                return Graph.error(400, 100, "(#100) order must be one of the following values: chronological, reverse_chronological")
            }
            var items = comments.filter { $0["post"] as? String == parts[0] && (filter == "stream" || $0["parent"] == nil) }
            items.sort { ($0["created_time"] as? String ?? "") < ($1["created_time"] as? String ?? "") }
            if order == "reverse_chronological" { items.reverse() }
            return Graph.list(request, base: base, items, fields: Self.commentFields, defaults: ["id", "message", "created_time", "from"], node: "Comment")
        default:
            return Graph.error(400, 100, "Unsupported get request. Object with ID '\(parts.first ?? "")' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
                         subcode: 33)
        }
    }
}
