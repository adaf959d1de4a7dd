import Foundation
import HeedCore
import HeedImport

/// WordPress (the REST API of a site): its comments (`/wp-json/wp/v2/comments`) oldest
/// first after the newest one kept, page by page as `X-WP-TotalPages` counts them, through the
/// WordPress reader. With an application password (HTTP Basic, as the handle) heed also sees
/// comments awaiting moderation (`status=all`) and those on private posts. The user's own
/// comments, told by their user id (`/users/me`, or the public author `/users?slug=HANDLE`),
/// are not queued: each answers the comment it replies to.
struct WordPressFetcher: Fetcher {
    let platform = Platform.wordpress

    /// WordPress's largest page, and the most pages a fetch takes.
    static let limit = 100
    static let maxPages = 200
    static let api = "/wp-json/wp/v2"

    func fetch(_ session: FetchSession) throws {
        var credential: Credential?
        if let password = try session.secrets.read("password", of: session.account) {
            guard let user = session.account.handle else { throw SecretFailure("wordpress needs handle = \"…\" (the user of the application password)") }
            credential = .basic(user: user, password: password)
        }
        let me = try user(session, credential)
        if me == nil { session.note("without handle = \"…\" heed cannot tell your own comments (their replies answer nothing)") }
        let key = "comments.after"
        // A site's times are its own (`date` has no zone) and `after` is compared with them: the
        // first time a day more is asked for, and the exact bound is `date_gmt`'s. `after` is
        // exclusive and in whole seconds, so a second before the newest kept is asked (what came
        // later in that same second is not lost; the newest comes again, unchanged).
        let kept = session.cursor(key)
        let after = kept.map(Self.secondBefore) ?? Self.siteTime(session.since.addingTimeInterval(-86_400))
        var query = [("after", after), ("orderby", "date_gmt"), ("order", "asc"), ("per_page", "\(Self.limit)")]
        if credential != nil { query.append(("status", "all")) }
        var newest = kept ?? after
        for page in 1...Self.maxPages {
            let response = try session.get(Self.api + "/comments", query: query + [("page", "\(page)")], credential: credential)
            guard let comments = try response.json().array else {
                throw HTTPFailure(.unreadable, url: response.url.absoluteString, detail: "not a list of comments")
            }
            for comment in comments { if let date = comment["date"]?.string, date > newest { newest = date } }
            let own = comments.filter { me != nil && $0["author"]?.id == me }
            let body = own.isEmpty ? response.body : try Self.leaving(own, out: response.body)
            try session.commit(page: body, format: "wordpress", name: "\(session.server)\(Self.api)/comments", answers: own.compactMap(Self.answer),
                               cursors: [key: newest], notBefore: session.cursor(key) == nil ? session.since : nil)
            guard page < Int(response.header("X-WP-TotalPages") ?? "") ?? 0 else { return }
        }
    }

    /// The user's id on the site: the application password's user, else the public author
    /// named by `handle`; nil without either.
    func user(_ session: FetchSession, _ credential: Credential?) throws -> String? {
        if credential != nil {
            return try session.get(Self.api + "/users/me", credential: credential).json()["id"]?.id
        }
        guard let handle = session.account.handle else { return nil }
        let found = try session.get(Self.api + "/users", query: [("slug", handle)], credential: nil).json()
        guard let id = found[0]?["id"]?.id else {
            session.note("\(session.server) lists no author \(handle): your own comments are told apart only with an application password")
            return nil
        }
        return id
    }

    /// A time as a site writes one: no zone, whole seconds.
    static func siteTime(_ date: Date) -> String { String(Timestamp.format(date).dropLast()) }

    /// The site time a second before `text` (itself a site time).
    static func secondBefore(_ text: String) -> String {
        Timestamp.parseISO(text, assumeUTC: true).map { siteTime($0.addingTimeInterval(-1)) } ?? text
    }

    /// The page without the user's own comments (they answer, they are not queued).
    static func leaving(_ own: [JSON], out body: [UInt8]) throws -> [UInt8] {
        let ids = Set(own.compactMap { $0["id"]?.id })
        let comments = try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]] ?? []
        return [UInt8](try JSONSerialization.data(withJSONObject: comments.filter { !ids.contains("\($0["id"] ?? "")") }))
    }

    /// A comment of the user's that replies to another: the answer to it.
    static func answer(_ comment: JSON) -> Answer? {
        guard let parent = comment["parent"]?.id, parent != "0", let at = Times.isoUTC(comment["date_gmt"]) else { return nil }
        return .item(Ref(platform: .wordpress, id: parent), at: at)
    }
}
