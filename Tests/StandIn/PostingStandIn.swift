import Foundation

/// The posting endpoints of the platforms heed only posts to, each as strict as its API about
/// what a post must carry: X (`POST /2/tweets`: `text`, `reply.in_reply_to_tweet_id`, a
/// user-context bearer token, duplicate text refused), YouTube (`comments.insert`:
/// `part=snippet`, `snippet.parentId` and `snippet.textOriginal`, an OAuth token), the Graph
/// API (`/{comment-id}/comments`, `/{comment-id}/replies`, `/{ig-user-id}/mentions`, a page
/// token), and Reddit and WordPress (in `PostingStandIn+Forms`). Every post made is kept, by
/// platform, for tests to read.
public final class PostingStandIn: @unchecked Sendable {
    public var xToken = "x-stand-in-token"
    public var youtubeToken = "youtube-stand-in-token"
    public var graphToken = "graph-stand-in-token"
    public var redditClient = "reddit-stand-in-client"
    public var redditSecret = "reddit-stand-in-secret"
    public var redditUser = "you_on_reddit"
    public var redditPassword = "reddit-stand-in-password"
    public var redditAccess = "reddit-stand-in-access"
    public var wordpressUser = "editor"
    public var wordpressPassword = "wp stand in app password"
    /// What Reddit answers `/api/comment` with in `json.errors` instead of posting (tests set it).
    public var redditErrors: [[String]] = []
    let lock = NSLock()
    let base: String
    let youtubeTemplate: [String: Any]
    var made = 0
    /// The posts made, by platform name, as the stand-in took them.
    var posts: [String: [[String: Any]]] = [:]

    init(recorded: Recorded, base: String) {
        self.base = base
        youtubeTemplate = recorded.object("youtube/comments_insert_reply_response.json")
    }

    /// The posts made on a platform (`x`, `youtube`, `reddit`, `wordpress`, `graph`).
    public func posts(_ platform: String) -> [[String: Any]] { lock.withLock { posts[platform] ?? [] } }

    func answer(_ request: LoggedRequest) -> Reply? {
        lock.withLock {
            switch request.path {
            case "/2/tweets": return tweet(request)
            case "/youtube/v3/comments": return youtubeComment(request)
            case "/api/v1/access_token": return redditToken(request)
            case "/api/comment": return redditComment(request)
            case "/wp-json/wp/v2/comments": return wordpressComment(request)
            case let path where path.hasPrefix("/v21.0/"): return graph(request)
            default: return nil
            }
        }
    }

    /// Keeps a post and returns its new id.
    func keep(_ platform: String, _ post: [String: Any]) -> String {
        made += 1
        posts[platform, default: []].append(post)
        return "\(9_000_000 + made)"
    }

    // MARK: - X

    private func tweet(_ request: LoggedRequest) -> Reply {
        func problem(_ status: Int, _ title: String, _ detail: String) -> Reply {
            Reply(status: status, json: ["title": title, "detail": detail, "type": "about:blank", "status": status])
        }
        guard request.bearer == xToken else { return problem(401, "Unauthorized", "Unauthorized") }
        guard request.method == "POST", let body = request.json else { return problem(400, "Invalid Request", "The body must be a JSON object") }
        let known: Set<String> = ["text", "reply", "quote_tweet_id", "reply_settings", "media", "poll", "for_super_followers_only", "nullcast", "geo"]
        if let unknown = body.keys.sorted().first(where: { !known.contains($0) }) {
            return problem(400, "Invalid Request", "The `\(unknown)` field is not a valid field")
        }
        guard let text = body["text"] as? String, !text.isEmpty else { return problem(400, "Invalid Request", "text: must not be empty") }
        if let reply = body["reply"] {
            guard let reply = reply as? [String: Any], let id = reply["in_reply_to_tweet_id"] as? String, !id.isEmpty, id.allSatisfy(\.isNumber),
                  Set(reply.keys).isSubset(of: ["in_reply_to_tweet_id", "exclude_reply_user_ids"]) else {
                return problem(400, "Invalid Request", "reply.in_reply_to_tweet_id: must be the id of a Post, as a string of digits")
            }
        }
        guard !(posts["x"] ?? []).contains(where: { $0["text"] as? String == text }) else {
            return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")
        }
        let id = keep("x", body)
        return Reply(status: 201, json: ["data": ["id": id, "text": text, "edit_history_tweet_ids": [id]]])
    }

    // MARK: - YouTube

    private func youtubeComment(_ request: LoggedRequest) -> Reply {
        func error(_ status: Int, _ reason: String, _ message: String) -> Reply {
            Reply(status: status, json: ["error": ["code": status, "message": message, "errors": [["reason": reason, "message": message]]]])
        }
        guard request.bearer == youtubeToken else { return error(401, "required", "Login Required") }
        guard request.method == "POST", request.value("part") == "snippet", request.query.count == 1 else {
            return error(400, "required", "Required parameter: part (snippet, and nothing else)")
        }
        guard let body = request.json, body.keys.sorted() == ["snippet"], let snippet = body["snippet"] as? [String: Any],
              Set(snippet.keys) == ["parentId", "textOriginal"] else {
            return error(400, "invalidValue", "The comment resource must be {\"snippet\": {\"parentId\", \"textOriginal\"}}")
        }
        guard let parent = snippet["parentId"] as? String, !parent.isEmpty else { return error(400, "parentCommentNotFound", "parentId") }
        guard let text = snippet["textOriginal"] as? String, !text.isEmpty else { return error(400, "commentTextRequired", "textOriginal") }
        let id = "\(parent).\(keep("youtube", body))"
        return Reply(json: API.copy(youtubeTemplate, ["id": id, "snippet.parentId": parent, "snippet.textOriginal": text, "snippet.textDisplay": text]))
    }

    // MARK: - Graph

    private func graph(_ request: LoggedRequest) -> Reply {
        func error(_ status: Int, _ code: Int, _ message: String) -> Reply {
            Reply(status: status, json: ["error": ["message": message, "type": "OAuthException", "code": code]])
        }
        guard request.bearer == graphToken else { return error(400, 190, "Invalid OAuth access token - Cannot parse access token") }
        let parts = request.path.split(separator: "/").map(String.init)
        guard request.method == "POST", parts.count == 3, let body = request.json else { return error(400, 100, "Unsupported post request.") }
        let required: Set<String> = parts[2] == "mentions" ? ["media_id", "message"] : ["message"]
        let allowed: Set<String> = parts[2] == "mentions" ? ["media_id", "comment_id", "message"] : ["message", "attachment_url"]
        guard ["comments", "replies", "mentions"].contains(parts[2]), required.isSubset(of: Set(body.keys)), Set(body.keys).isSubset(of: allowed),
              (body["message"] as? String)?.isEmpty == false else {
            return error(400, 100, "(#100) The parameter message is required")
        }
        var post = body
        post["edge"] = "\(parts[1])/\(parts[2])"
        return Reply(json: ["id": "\(parts[1])_\(keep("graph", post))"])
    }
}
