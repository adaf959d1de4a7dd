import Foundation

/// GitHub's issue comments as the stand-in speaks them: `POST /repos/:o/:r/issues/:n/comments`
/// with `{"body": …}` and nothing else (422 `Validation Failed` otherwise), answered 201 with
/// the comment; `GET` of the same path lists the issue's comments (`since`, `page`, `per_page`).
extension GitHubStandIn {
    /// Makes or lists an issue's comments (called with the lock held).
    func issueComments(_ request: LoggedRequest) -> Reply {
        let parts = request.path.split(separator: "/")
        guard parts.count == 6, let number = Int(parts[4]) else { return refuse(404, "Not Found") }
        let issue = "https://api.github.com/repos/octocat/Hello-World/issues/\(number)"
        guard request.method == "POST" else {
            if let unknown = API.unknownParameter(request, allowed: ["since", "page", "per_page"]) {
                return refuse(422, "Validation Failed: unknown parameter \(unknown)")
            }
            let since = request.value("since").map(API.date)
            if case .some(nil) = since { return refuse(422, "Validation Failed: since is not a timestamp") }
            let listed = made.filter { comment in
                comment["issue_url"] as? String == issue && ((since ?? nil).map { (API.date(comment["updated_at"] as? String) ?? .distantPast) >= $0 } ?? true)
            }
            return paged(request, listed, perPage: (30, 100), extra: [:])
        }
        guard let body = request.json, body.keys.sorted() == ["body"], let text = body["body"] as? String, !text.isEmpty else {
            return refuse(422, "Validation Failed: the body must be {\"body\": \"…\"}")
        }
        nextID += 1
        let now = Self.time(Date())
        let comment: [String: Any] = [
            "id": nextID, "body": text, "created_at": now, "updated_at": now, "issue_url": issue,
            "user": ["login": login, "id": 1, "type": "User", "html_url": "https://github.com/\(login)"],
            "html_url": "https://github.com/octocat/Hello-World/issues/\(number)#issuecomment-\(nextID)",
            "url": "https://api.github.com/repos/octocat/Hello-World/issues/comments/\(nextID)",
        ]
        made.append(comment)
        return Reply(status: 201, json: comment, headers: headers())
    }
}
