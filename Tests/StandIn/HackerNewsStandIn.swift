import Foundation

/// Hacker News's Firebase API as the stand-in speaks it, under `/hn/v0` (as
/// `hacker-news.firebaseio.com/v0`): `/user/NAME.json` (with `submitted`, newest first) and
/// `/item/ID.json`, `null` for a user or an item there is none of, as Firebase answers; no
/// authentication and no paging. The user is the recorded item's author, norvig: his
/// recorded comment with its seven replies (their ids as recorded, by other users, a minute
/// apart), and what tests add. The recorded comment is dated a day ago (it is from 2011,
/// older than a fetch reads); its other fields stay as recorded.
public final class HackerNewsStandIn: @unchecked Sendable {
    public let username = "norvig"
    /// The recorded comment of the user's.
    public let recordedID = 2_921_983
    private let lock = NSLock()
    private var items: [Int: [String: Any]] = [:]
    private var submitted: [Int] = []
    private var nextID = 40_000_000

    init(recorded: Recorded) {
        var comment = recorded.object("hackernews/item_comment_firebase_docs.json")
        let time = Date().addingTimeInterval(-86_400)
        comment["time"] = Int(time.timeIntervalSince1970)
        for (index, kid) in (comment["kids"] as? [Int] ?? []).enumerated() {
            items[kid] = ["by": "reader\(index)", "id": kid, "parent": recordedID, "text": "Please do keep writing.<p>Reply \(index).",
                          "time": Int(time.timeIntervalSince1970) + 60 * (index + 1), "type": "comment"]
        }
        items[recordedID] = comment
        submitted = [recordedID]
    }

    // MARK: - What tests add

    /// A story by the user, `at`; returns its id.
    @discardableResult
    public func addStory(_ title: String, at date: Date = Date()) -> Int {
        lock.withLock {
            let id = newID()
            items[id] = ["by": username, "id": id, "title": title, "time": Int(date.timeIntervalSince1970), "type": "story", "score": 1, "descendants": 0]
            submitted.insert(id, at: 0)
            return id
        }
    }

    /// Another user's reply to item `parent`; returns its id.
    @discardableResult
    public func addReply(to parent: Int, _ text: String = "Interesting.", by author: String = "pg", at date: Date = Date()) -> Int {
        lock.withLock {
            let id = newID()
            items[id] = ["by": author, "id": id, "parent": parent, "text": text, "time": Int(date.timeIntervalSince1970), "type": "comment"]
            let kids = items[parent]?["kids"] as? [Int] ?? []
            items[parent]?["kids"] = kids + [id]
            if author == username { submitted.insert(id, at: 0) }
            return id
        }
    }

    /// Marks item `id` deleted, as Hacker News keeps one: its id, type, time and `deleted`.
    public func delete(_ id: Int) {
        lock.withLock {
            guard let item = items[id] else { return }
            items[id] = ["id": id, "deleted": true, "type": item["type"] ?? "comment", "time": item["time"] ?? 0, "parent": item["parent"] ?? 0]
        }
    }

    private func newID() -> Int {
        nextID += 1
        return nextID
    }

    // MARK: - Answering

    func answer(_ request: LoggedRequest) -> Reply? {
        guard request.path.hasPrefix("/hn/v0/") else { return nil }
        let path = String(request.path.dropFirst("/hn/v0/".count))
        guard path.hasSuffix(".json") else {
            return Reply(status: 404, headers: ["Content-Type": "text/html; charset=utf-8"], body: Data("<html>Not Found</html>".utf8))
        }
        let parts = path.dropLast(".json".count).split(separator: "/").map(String.init)
        return lock.withLock {
            switch (parts.count, parts.first) {
            case (2, "user") where parts[1] == username:
                return Reply(json: ["id": username, "created": 1_160_418_111, "karma": 4_300, "submitted": submitted])
            case (2, "item"):
                return Reply(json: Int(parts[1]).flatMap { items[$0] } ?? NSNull())
            default:
                return Reply(json: NSNull())
            }
        }
    }
}
