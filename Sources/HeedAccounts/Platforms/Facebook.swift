import Foundation
import HeedCore
import HeedImport

/// A Facebook Page (Graph API, a page access token): the comments and replies on its posts
/// (`/{post-id}/comments?filter=stream`, newest first) through the Facebook reader, for each
/// post whose `updated_time` (which a new comment moves) is past the newest kept. The Page's
/// own replies answer the comment they reply to (the reader tells them by the Page's id in
/// their permalink). Posts are listed newest first (`/{page-id}/posts`, a hundred a request)
/// down to where the first fetch began (`since`), so a new comment on any of them is seen;
/// pages follow `after` cursors.
struct FacebookFetcher: Fetcher {
    let platform = Platform.facebook

    /// Graph's page size heed asks for, and the most pages of a list a fetch takes.
    static let limit = 100
    static let maxPages = 100
    /// What the reader needs of a comment.
    static let fields = "id,message,created_time,from,permalink_url,parent{id},attachment"

    func fetch(_ session: FetchSession) throws {
        guard let page = session.setting("page_id") else { throw SecretFailure("facebook needs page_id = \"…\" (your Page's id)") }
        let token = Credential.bearer(try session.secret("token"))
        session.learned(handle: page)
        let key = "posts.updated_time"
        let kept = session.cursor(key).flatMap { Timestamp.parseISO($0) }
        let bound = session.cursor("posts.since").flatMap { Timestamp.parseISO($0) } ?? session.since
        var newest = kept
        try Self.walk(session, "/\(page)/posts", query: [("fields", "id,created_time,updated_time")], token) { posts in
            for post in posts {
                guard let id = post["id"]?.id, let created = Times.iso(post["created_time"]) else { continue }
                if created < bound { return false }
                let updated = Times.iso(post["updated_time"]) ?? created
                // A comment in the same second as the newest kept moves nothing: that post is read again.
                guard kept.map({ updated >= $0 }) ?? true else { continue }
                try comments(on: id, after: kept, session, token)
                newest = max(newest ?? updated, updated)
            }
            return true
        }
        try session.commit(answers: [], cursors: ["posts.since": Timestamp.format(bound)]
            .merging(newest.map { [key: Timestamp.formatPrecise($0)] } ?? [:]) { $1 })
    }

    /// A post's comments and replies, newest first, down to those before `after` (or
    /// `since` the first time), each page committed as it comes.
    func comments(on post: String, after kept: Date?, _ session: FetchSession, _ token: Credential) throws {
        let stop = kept ?? session.since
        let query = [("filter", "stream"), ("order", "reverse_chronological"), ("fields", Self.fields)]
        try Self.walk(session, "/\(post)/comments", query: query, token) { _, response in
            let items = try response.json()["data"]?.array ?? []
            let older = items.contains { (Times.iso($0["created_time"]) ?? .distantPast) < stop }
            let body = kept != nil && older ? try Self.leavingOut(before: stop, response.body) : response.body
            try session.commit(page: body, format: "facebook", name: "\(session.server)/\(post)/comments",
                               notBefore: kept == nil ? session.since : nil)
            return !older
        }
    }

    /// The page without the comments older than `date` (taken by an earlier fetch).
    static func leavingOut(before date: Date, _ body: [UInt8]) throws -> [UInt8] {
        guard var page = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return body }
        page["data"] = (page["data"] as? [[String: Any]] ?? []).filter { comment in
            (comment["created_time"] as? String).flatMap { Timestamp.parseISO($0) }.map { $0 >= date } ?? true
        }
        return [UInt8](try JSONSerialization.data(withJSONObject: page))
    }

    /// Walks a Graph list page by page (`after` cursors) while `page` says to go on.
    static func walk(_ session: FetchSession, _ path: String, query: [(String, String)], _ token: Credential,
                     page: ([JSON], HTTPResponse) throws -> Bool) throws {
        var after: String?
        for _ in 0..<maxPages {
            let response = try session.get(path, query: query + [("limit", "\(limit)")] + (after.map { [("after", $0)] } ?? []), credential: token)
            let json = try response.json()
            guard try page(json["data"]?.array ?? [], response), json[path: "paging", "next"] != nil,
                  let next = json[path: "paging", "cursors", "after"]?.string else { return }
            after = next
        }
    }

    /// Walks a Graph list handing each page's items to `page`.
    static func walk(_ session: FetchSession, _ path: String, query: [(String, String)], _ token: Credential, page: ([JSON]) throws -> Bool) throws {
        try walk(session, path, query: query, token) { items, _ in try page(items) }
    }
}
