import Foundation
import HeedCore
import HeedImport

/// Mastodon: the mentions in `/api/v1/notifications`, the direct messages in
/// `/api/v1/conversations`, and the user's own statuses (`/api/v1/accounts/:id/statuses`,
/// the id from `verify_credentials`), whose replies mark what they answer. Each list is paged
/// by its `Link` header: a first fetch walks back (`max_id`) to `since`; later ones walk
/// forward from the kept `min_id`, each page committed with the `min_id` after it.
struct MastodonFetcher: Fetcher {
    let platform = Platform.mastodon

    /// One list the fetcher walks.
    struct List {
        /// The cursor's name, and the path.
        var name: String
        var path: String
        var query: [(String, String)]
        /// Mastodon's largest page for this list.
        var limit: Int
        /// The item's place in the list (for a list without `Link`), and its time.
        var position: (JSON) -> String?
        var time: (JSON) -> Date?
        /// Whether its items are the user's own statuses (answers), not mentions.
        var answers = false
    }

    /// The most pages of one list a fetch takes.
    static let maxPages = 1_000

    func fetch(_ session: FetchSession) throws {
        let token = Credential.bearer(try session.secret("token"))
        let me = try session.get("/api/v1/accounts/verify_credentials", credential: token).json()
        guard let id = me["id"]?.id, let acct = me["acct"]?.text else {
            throw HTTPFailure(.unreadable, url: session.server + "/api/v1/accounts/verify_credentials", detail: "no account id in the answer")
        }
        // Statuses name the user's own account without a domain.
        session.addOwn(acct, on: .mastodon)
        if let host = URL(string: session.server)?.host { session.addOwn("\(acct)@\(host)", on: .mastodon) }
        let lists = [
            List(name: "notifications", path: "/api/v1/notifications", query: [("types[]", "mention"), ("types[]", "quote")], limit: 80,
                 position: { $0["id"]?.id }, time: { Times.iso($0["created_at"]) }),
            List(name: "conversations", path: "/api/v1/conversations", query: [], limit: 40,
                 position: { $0[path: "last_status", "id"]?.id }, time: { Times.iso($0[path: "last_status", "created_at"]) }),
            List(name: "statuses", path: "/api/v1/accounts/\(id)/statuses", query: [("exclude_reblogs", "true")], limit: 40,
                 position: { $0["id"]?.id }, time: { Times.iso($0["created_at"]) }, answers: true),
        ]
        for list in lists { try walk(list, session, token) }
    }

    /// Walks one list: forward from its kept `min_id`, or back to `since` the first time.
    func walk(_ list: List, _ session: FetchSession, _ token: Credential) throws {
        let key = "\(list.name).min_id"
        if let kept = session.cursor(key) {
            var minID = kept
            for _ in 0..<Self.maxPages {
                let response = try session.get(list.path, query: list.query + [("min_id", minID), ("limit", "\(list.limit)")], credential: token)
                let items = try response.json().array ?? []
                guard !items.isEmpty else { return }
                // The page after this one, newer still: the `prev` link's min_id.
                let next = LinkHeader.parameter("min_id", of: response.links["prev"]) ?? items.compactMap(list.position).max(by: Fetchers.isOlder) ?? minID
                try commit(list, response, items, session, cursors: [key: next], bound: nil)
                guard next != minID else { return }
                minID = next
            }
            return
        }
        var response = try session.get(list.path, query: list.query + [("limit", "\(list.limit)")], credential: token)
        var top: String?
        for _ in 0..<Self.maxPages {
            let items = try response.json().array ?? []
            if top == nil { top = LinkHeader.parameter("min_id", of: response.links["prev"]) ?? items.compactMap(list.position).max(by: Fetchers.isOlder) }
            let next = response.links["next"]
            let reachedSince = items.contains { list.time($0).map { $0 < session.since } ?? false }
            let last = items.isEmpty || reachedSince || next == nil
            // The list's newest place is kept with its last page: a walk that stops halfway
            // starts again, and what it took already comes back unchanged.
            try commit(list, response, items, session, cursors: last ? [key: top ?? "0"] : [:], bound: session.since)
            guard !last, let next else { return }
            response = try session.follow(next, credential: token)
        }
    }

    /// Commits a page: mentions through the Mastodon reader, or the user's replies as answers.
    func commit(_ list: List, _ response: HTTPResponse, _ items: [JSON], _ session: FetchSession, cursors: [String: String], bound: Date?) throws {
        guard list.answers else {
            return try session.commit(page: response.body, format: "mastodon", name: "\(session.server)\(list.path)", cursors: cursors, notBefore: bound)
        }
        let answers: [Answer] = items.compactMap { status in
            guard let parent = status["in_reply_to_id"]?.id, let at = list.time(status), at >= (bound ?? .distantPast) else { return nil }
            return .item(Ref(platform: .mastodon, id: parent), at: at)
        }
        try session.commit(answers: answers, cursors: cursors)
    }
}
