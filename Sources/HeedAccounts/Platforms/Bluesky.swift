import Foundation
import HeedCore
import HeedImport

/// Bluesky: mentions, replies and quotes from `app.bsky.notification.listNotifications`, and
/// the user's own replies from `app.bsky.feed.getAuthorFeed` (`posts_with_replies`), which
/// mark what they answer. Both lists come newest first with an opaque `cursor` to older
/// pages; heed walks down to the newest `indexedAt` it kept (or to `since` the first time),
/// committing page by page, and keeps the newest it saw with the walk's last page. The
/// session (`BlueskySession`) is made and refreshed as the API says.
struct BlueskyFetcher: Fetcher {
    let platform = Platform.bluesky

    /// The API's largest page.
    static let limit = 100
    /// The most pages of one list a fetch takes.
    static let maxPages = 1_000

    func fetch(_ session: FetchSession) throws {
        let auth = BlueskySession(session)
        if let handle = session.account.handle { session.addOwn(handle, on: .bluesky) }
        let did = try auth.did()
        let reasons = ["mention", "reply", "quote"].map { ("reasons", $0) }
        try walk("notifications", path: "/xrpc/app.bsky.notification.listNotifications", query: reasons, list: "notifications",
                 time: { Times.iso($0["indexedAt"]) }, session, auth) { response, items, cursors, bound in
            try session.commit(page: response.body, format: "bluesky", name: "\(session.server) listNotifications", cursors: cursors, notBefore: bound)
        }
        try walk("feed", path: "/xrpc/app.bsky.feed.getAuthorFeed", query: [("actor", did), ("filter", "posts_with_replies")], list: "feed",
                 time: { Times.iso($0[path: "post", "indexedAt"]) }, session, auth) { _, items, cursors, bound in
            try session.commit(answers: items.compactMap { Self.answer($0, by: did, notBefore: bound) }, cursors: cursors)
        }
    }

    /// Walks a list from its newest page down to the kept mark (`NAME.indexed_at`) or to
    /// `since`, handing each page to `commit` with the cursors to move (on the last page only).
    func walk(_ name: String, path: String, query: [(String, String)], list: String, time: (JSON) -> Date?,
              _ session: FetchSession, _ auth: BlueskySession,
              commit: (HTTPResponse, [JSON], [String: String], Date?) throws -> Void) throws {
        let key = "\(name).indexed_at"
        let mark = session.cursor(key).flatMap { Timestamp.parseISO($0) }
        let stop = mark ?? session.since
        var cursor: String?
        var newest: Date?
        for _ in 0..<Self.maxPages {
            let page = query + [("limit", "\(Self.limit)")] + (cursor.map { [("cursor", $0)] } ?? [])
            let response = try auth.send { credential in
                HTTPRequest("GET", try HTTPRequest.url(session.server, path, query: page), credential: credential)
            }
            let json = try response.json()
            let items = json[list]?.array ?? []
            let times = items.compactMap(time)
            if let top = times.max() { newest = max(newest ?? top, top) }
            cursor = json["cursor"]?.string
            let last = items.isEmpty || cursor == nil || times.contains { $0 <= stop }
            let moved = last ? (newest ?? mark).map { [key: Timestamp.formatPrecise($0)] } ?? [:] : [:]
            try commit(response, items, moved, mark == nil ? session.since : nil)
            if last { return }
        }
    }

    /// The user's reply in their feed, as the answer to its parent; nil for a post that
    /// answers nothing, a repost, someone else's post, or one older than `notBefore`.
    static func answer(_ item: JSON, by did: String, notBefore: Date?) -> Answer? {
        guard item["reason"] == nil, let post = item["post"], post[path: "author", "did"]?.string == did,
              let parent = post[path: "record", "reply", "parent", "uri"]?.string else { return nil }
        let written = Times.iso(post[path: "record", "createdAt"])
        let indexed = Times.iso(post["indexedAt"])
        guard let at = [written, indexed].compactMap({ $0 }).min(), at >= (notBefore ?? .distantPast) else { return nil }
        return .item(Ref(platform: .bluesky, id: parent), at: at)
    }
}
