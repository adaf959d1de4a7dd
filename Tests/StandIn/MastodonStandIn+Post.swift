import Foundation

/// Mastodon's `POST /api/v1/statuses` and `GET /api/v1/statuses/:id/context` as the stand-in
/// speaks them: a JSON body of the parameters Mastodon documents (any other is refused, 422),
/// `status` required and at most 500 characters, `visibility` one of Mastodon's four,
/// `in_reply_to_id` a status the server knows (404 otherwise); `Idempotency-Key` replayed as
/// Mastodon replays it: the same key gets the status it made the first time, and no new one.
extension MastodonStandIn {
    /// The parameters `POST /api/v1/statuses` takes.
    static let statusParameters: Set<String> = ["status", "in_reply_to_id", "visibility", "spoiler_text", "sensitive", "language",
                                                "media_ids", "poll", "scheduled_at", "quoted_status_id", "quote_approval_policy"]

    /// Makes a status (called with the lock held).
    func postStatus(_ request: LoggedRequest) -> Reply {
        guard request.method == "POST" else { return refuse(404, "Record not found") }
        if let key = request.headers["idempotency-key"], let made = idempotency[key] {
            return Reply(json: made, headers: rateHeaders)
        }
        guard request.headers["content-type"]?.hasPrefix("application/json") == true, let body = request.json else {
            return refuse(422, "the body must be a JSON object")
        }
        if let unknown = body.keys.sorted().first(where: { !Self.statusParameters.contains($0) }) { return refuse(422, "unknown parameter: \(unknown)") }
        guard let text = body["status"] as? String, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return refuse(422, "Validation failed: Text can't be blank")
        }
        guard text.count <= 500 else { return refuse(422, "Validation failed: Text character limit of 500 exceeded") }
        let visibility = body["visibility"] as? String ?? "public"
        guard ["public", "unlisted", "private", "direct"].contains(visibility) else {
            return refuse(422, "Validation failed: Visibility is not included in the list")
        }
        if let parent = body["in_reply_to_id"] {
            guard let parent = parent as? String, knows(parent) else { return refuse(404, "Record not found") }
        }
        nextID += 1
        let id = "\(nextID)"
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let status = API.copy(replyTemplate, [
            "id": id, "created_at": API.iso(Date()), "in_reply_to_id": body["in_reply_to_id"], "visibility": visibility,
            "content": "<p>\(escaped)</p>", "account": me, "url": "\(base)/@\(me["acct"] as? String ?? "me")/\(id)",
            "uri": "\(base)/users/\(me["acct"] as? String ?? "me")/statuses/\(id)",
        ])
        made.append(status)
        statuses.append(Item(status))
        if let key = request.headers["idempotency-key"] { idempotency[key] = status }
        return Reply(json: status, headers: rateHeaders)
    }

    /// The replies to a status the stand-in made (`descendants`), none above it.
    func context(_ request: LoggedRequest) -> Reply {
        let parts = request.path.split(separator: "/")
        guard parts.count == 5, request.method == "GET" else { return refuse(404, "Record not found") }
        let id = String(parts[3])
        guard knows(id) else { return refuse(404, "Record not found") }
        var descendants: [[String: Any]] = []
        var parents: Set<String> = [id]
        for status in made where (status["in_reply_to_id"] as? String).map(parents.contains) ?? false {
            descendants.append(status)
            if let child = status["id"] as? String { parents.insert(child) }
        }
        return Reply(json: ["ancestors": [], "descendants": descendants], headers: rateHeaders)
    }

    /// Whether a status of this id is on the server: one a notification names, or one made here.
    func knows(_ id: String) -> Bool {
        if made.contains(where: { $0["id"] as? String == id }) { return true }
        let needle = Data("\"id\":\"\(id)\"".utf8)
        return notifications.contains { $0.json.range(of: needle) != nil }
    }
}
