import Foundation

/// Reddit and WordPress as the stand-in speaks them. Reddit: a script app's token
/// (`POST /api/v1/access_token`, Basic client id and secret, form fields `grant_type=password`,
/// `username`, `password`), then `POST /api/comment` with form fields `thing_id`, `text` and
/// `api_type=json` (nothing else), a bearer token and a User-Agent that names the app's user;
/// refusals in `json.errors` with status 200. WordPress: `POST /wp-json/wp/v2/comments` as a
/// user (Basic, an application password) with `post` and `parent` numbers and `content`;
/// the same content twice on a post is refused (409 `comment_duplicate`).
extension PostingStandIn {
    func redditToken(_ request: LoggedRequest) -> Reply {
        let basic = "Basic " + Data("\(redditClient):\(redditSecret)".utf8).base64EncodedString()
        guard request.headers["authorization"] == basic else { return Reply(status: 401, json: ["message": "Unauthorized", "error": 401]) }
        guard request.headers["user-agent"]?.contains("(by /u/") == true else { return Reply(status: 429, json: ["message": "Too Many Requests", "error": 429]) }
        let form = request.form
        guard form["grant_type"] == "password", form["username"] == redditUser, form["password"] == redditPassword else {
            return Reply(json: ["error": "invalid_grant"])
        }
        return Reply(json: ["access_token": redditAccess, "token_type": "bearer", "expires_in": 86_400, "scope": "*"])
    }

    func redditComment(_ request: LoggedRequest) -> Reply {
        guard request.bearer == redditAccess else { return Reply(status: 401, json: ["message": "Unauthorized", "error": 401]) }
        guard request.headers["user-agent"]?.contains("(by /u/\(redditUser))") == true else { return Reply(status: 429, json: ["message": "Too Many Requests", "error": 429]) }
        guard request.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return Reply(status: 400, json: ["json": ["errors": [["NO_TEXT", "we need something here", "text"]]]])
        }
        let form = request.form
        guard Set(form.keys) == ["thing_id", "text", "api_type"], form["api_type"] == "json" else {
            return Reply(status: 400, json: ["message": "Bad Request", "error": 400, "fields": form.keys.sorted()])
        }
        guard let thing = form["thing_id"], ["t1_", "t3_", "t4_"].contains(where: thing.hasPrefix) else {
            return Reply(json: ["json": ["errors": [["INVALID_OPTION", "that option is not valid", "thing_id"]]]])
        }
        guard let text = form["text"], !text.isEmpty else { return Reply(json: ["json": ["errors": [["NO_TEXT", "we need something here", "text"]]]]) }
        if !redditErrors.isEmpty { return Reply(json: ["json": ["errors": redditErrors]]) }
        let id = String(keep("reddit", form).suffix(6))
        let comment: [String: Any] = ["id": id, "name": "t1_\(id)", "body": text, "parent_id": thing, "permalink": "/r/heed/comments/abc/_/\(id)/"]
        return Reply(json: ["json": ["errors": [], "data": ["things": [["kind": "t1", "data": comment]]]]])
    }

    func wordpressComment(_ request: LoggedRequest) -> Reply {
        func error(_ status: Int, _ code: String, _ message: String) -> Reply {
            Reply(status: status, json: ["code": code, "message": message, "data": ["status": status]])
        }
        let basic = "Basic " + Data("\(wordpressUser):\(wordpressPassword)".utf8).base64EncodedString()
        guard request.headers["authorization"] == basic else { return error(401, "rest_not_logged_in", "You are not currently logged in.") }
        guard request.method == "POST", let body = request.json,
              Set(body.keys).isSubset(of: ["post", "parent", "content", "author_name", "author_email", "author_url", "status"]) else {
            return error(400, "rest_invalid_param", "Invalid parameter(s)")
        }
        guard let post = body["post"] as? Int, post > 0 else { return error(400, "rest_comment_invalid_post_id", "Sorry, you are not allowed to create this comment without a post.") }
        guard body["parent"] == nil || body["parent"] is Int else { return error(400, "rest_invalid_param", "Invalid parameter(s): parent") }
        guard let content = body["content"] as? String, !content.isEmpty else { return error(400, "rest_comment_content_invalid", "Invalid comment content.") }
        let duplicate = (posts["wordpress"] ?? []).contains { $0["post"] as? Int == post && $0["content"] as? String == content }
        guard !duplicate else { return error(409, "comment_duplicate", "Duplicate comment detected; it looks as though you’ve already said that!") }
        let id = Int(keep("wordpress", body)) ?? 0
        return Reply(status: 201, json: ["id": id, "post": post, "parent": body["parent"] ?? 0, "author_name": wordpressUser,
                                         "link": "\(base)/?p=\(post)#comment-\(id)", "content": ["rendered": "<p>\(content)</p>"], "status": "approved"])
    }
}
