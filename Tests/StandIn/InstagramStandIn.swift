import Foundation

/// The Instagram Graph API as the stand-in speaks it, beside Facebook's under `/graph/v21.0`:
/// the same page token and refusals (`Graph`), `/{ig-user-id}/media` (newest first, with
/// `timestamp` and `comments_count`, which counts replies too) and `/{ig-media-id}/comments`
/// (top-level comments newest first, their replies in `replies.data` when `replies{…}` is
/// asked), with the fields asked for (an unknown one refused) and `after` cursors. `user` is
/// given only on the account's own comments, as Graph gives it to the app user. The account
/// is the recorded one (`17841406338772941`, ikroskun) with its recorded media: the recorded
/// comments page (authors from the recorded `?ids=` answer, where it has them) and the
/// account's recorded comment with its reply; tests add more.
public final class InstagramStandIn: @unchecked Sendable {
    /// The page access token (a Page's, as Facebook's stand-in takes).
    public var token = "EAAB-stand-in-page-token"
    public let userID = "17841406338772941"
    public let username = "ikroskun"
    public let mediaID = "17846368219941692"
    private let lock = NSLock()
    private var media: [[String: Any]]
    private var comments: [[String: Any]] = []
    private var nextID = 18_000_000_000_000_000
    static let commentFields: Set<String> = ["id", "text", "timestamp", "username", "user", "replies", "like_count", "hidden", "media", "parent_id"]

    init(recorded: Recorded) {
        let names = recorded.object("instagram/comments_by_ids_pythonfacebook.json").compactMapValues { ($0 as? [String: Any])?["username"] as? String }
        for comment in recorded.object("instagram/media_comments_page1_pythonfacebook.json")["data"] as? [[String: Any]] ?? [] {
            let id = comment["id"] as? String ?? ""
            comments.append(comment.merging(["username": names[id] ?? "a_visitor", "media": mediaID, "replies": [[String: Any]]()]) { $1 })
        }
        let own = recorded.object("instagram/comment_with_replies_pythonfacebook.json")
        let replies = ((own["replies"] as? [String: Any])?["data"] as? [[String: Any]] ?? []).map { $0.merging(["username": "a_visitor"]) { old, _ in old } }
        comments.append(own.merging(["media": mediaID, "replies": replies]) { $1 })
        media = [["id": mediaID, "timestamp": "2020-02-24T09:00:00+0000", "caption": "Hey"]]
    }

    // MARK: - What tests add

    /// A new media of the account's, `at`; returns its id.
    @discardableResult
    public func addMedia(at date: Date = Date()) -> String {
        lock.withLock {
            let id = newID()
            media.insert(["id": id, "timestamp": FacebookStandIn.time(date), "caption": "A new photo"], at: 0)
            return id
        }
    }

    /// A visitor's comment on `media` (the recorded one by default); returns its id.
    @discardableResult
    public func addComment(_ text: String, on media: String? = nil, at date: Date = Date()) -> String {
        lock.withLock {
            let id = newID()
            comments.append(["id": id, "text": text, "timestamp": FacebookStandIn.time(date), "username": "a_visitor", "like_count": 0,
                             "media": media ?? mediaID, "replies": [[String: Any]]()])
            return id
        }
    }

    /// A reply to comment `parent`: by a visitor, or by the account (`byAccount`, answered in
    /// the Instagram app). Returns its id.
    @discardableResult
    public func addReply(to parent: String, _ text: String = "Thank you!", byAccount: Bool = false, at date: Date = Date()) -> String {
        lock.withLock {
            let id = newID()
            var reply: [String: Any] = ["id": id, "text": text, "timestamp": FacebookStandIn.time(date), "username": byAccount ? username : "a_visitor"]
            if byAccount { reply["user"] = ["id": userID] }
            guard let index = comments.firstIndex(where: { $0["id"] as? String == parent }) else { return id }
            comments[index]["replies"] = (comments[index]["replies"] as? [[String: Any]] ?? []) + [reply]
            return id
        }
    }

    private func newID() -> String {
        nextID += 1
        return "\(nextID)"
    }

    // MARK: - Answering

    func answer(_ request: LoggedRequest, base: String) -> Reply? {
        let parts = request.path.dropFirst("/graph/v21.0/".count).split(separator: "/").map(String.init)
        guard request.path.hasPrefix("/graph/v21.0/"), parts.count == 2 else { return nil }
        return lock.withLock { () -> Reply? in
            guard (parts[0] == userID && parts[1] == "media") || (parts[1] == "comments" && media.contains { $0["id"] as? String == parts[0] }) else { return nil }
            if let refused = Graph.refused(request, token: token) { return refused }
            if parts[1] == "media" {
                let shown = media.map { item in
                    item.merging(["comments_count": comments.filter { $0["media"] as? String == item["id"] as? String }
                            .reduce(0) { $0 + 1 + (($1["replies"] as? [[String: Any]])?.count ?? 0) }]) { $1 }
                }
                return Graph.list(request, base: base, shown, fields: ["id", "timestamp", "comments_count", "caption", "media_type", "permalink"],
                                  defaults: ["id"], node: "IGMedia")
            }
            let items = comments.filter { $0["media"] as? String == parts[0] }.sorted { ($0["timestamp"] as? String ?? "") > ($1["timestamp"] as? String ?? "") }
                .map { comment in
                    var comment = comment
                    comment["replies"] = ["data": comment["replies"] as? [[String: Any]] ?? []]
                    comment["media"] = ["id": parts[0]]
                    return comment
                }
            return Graph.list(request, base: base, items, fields: Self.commentFields, defaults: ["id", "text", "timestamp"], node: "IGComment")
        }
    }
}
