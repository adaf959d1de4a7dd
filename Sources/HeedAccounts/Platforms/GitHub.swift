import Foundation
import HeedCore
import HeedImport

/// GitHub: the threads of `/notifications` the user takes part in (`participating=true`,
/// read ones too), asked with `since` and `If-Modified-Since` (a 304 costs nothing) and never
/// more often than `X-Poll-Interval` allows; and the user's own comments, as far as GitHub
/// shows them: their events (`/users/:login/events`: at most 300 events of the last 90 days),
/// whose issue and review comments answer the threads they were made in.
struct GitHubFetcher: Fetcher {
    let platform = Platform.github

    /// Threads a page (GitHub's largest is 50), and events a page (100, three pages at most).
    static let threadsPerPage = 50
    static let eventsPerPage = 100
    static let maxPages = 200

    func fetch(_ session: FetchSession) throws {
        let token = Credential.bearer(try session.secret("token"))
        let headers = ["Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"]
        if let after = session.cursor("poll_after").flatMap({ Timestamp.parseISO($0) }), after > session.now {
            session.note("GitHub asks for \(Int(after.timeIntervalSince(session.now).rounded(.up))) s more between polls (X-Poll-Interval); nothing was asked")
            return
        }
        let login: String
        if let handle = session.account.handle {
            login = handle
        } else {
            guard let found = try session.get("/user", headers: headers, credential: token).json()["login"]?.text else {
                throw HTTPFailure(.unreadable, url: session.server + "/user", detail: "no login in the answer")
            }
            login = found
            session.learned(handle: found)
        }
        session.addOwn(login, on: .github)
        try notifications(session, token, headers)
        try answers(login, session, token, headers)
    }

    /// The participating threads since the kept time, page by page; the time, `Last-Modified`
    /// and the poll interval kept with the last page.
    func notifications(_ session: FetchSession, _ token: Credential, _ headers: [String: String]) throws {
        let since = session.cursor("notifications.since") ?? Timestamp.format(session.since)
        var first = headers
        if let modified = session.cursor("notifications.last_modified") { first["If-Modified-Since"] = modified }
        let query = [("participating", "true"), ("all", "true"), ("since", since), ("per_page", "\(Self.threadsPerPage)")]
        var response = try session.get("/notifications", query: query, headers: first, credential: token)
        var cursors = ["poll_after": Timestamp.format(session.now.addingTimeInterval(Double(response.header("X-Poll-Interval") ?? "") ?? 60))]
        if let modified = response.header("Last-Modified") { cursors["notifications.last_modified"] = modified }
        if response.status == 304 { return try session.commit(answers: [], cursors: cursors) }
        var newest = Timestamp.parseISO(since)
        for _ in 0..<Self.maxPages {
            let threads = try response.json().array ?? []
            for thread in threads { if let updated = Times.iso(thread["updated_at"]) { newest = max(newest ?? updated, updated) } }
            let next = response.links["next"]
            if next == nil, let newest { cursors["notifications.since"] = Timestamp.format(newest) }
            let page = try withLatestComments(response.body, session, token, headers)
            try session.commit(page: page, format: "github", name: "\(session.server)/notifications", cursors: next == nil ? cursors : [:])
            guard let next else { return }
            response = try session.follow(next, headers: headers, credential: token)
        }
    }

    /// The page with each queued thread's latest comment beside it (`latest_comment`), so the
    /// item says who wrote what: one request a thread. A comment gone since (404) is left out.
    func withLatestComments(_ body: [UInt8], _ session: FetchSession, _ token: Credential, _ headers: [String: String]) throws -> [UInt8] {
        guard var threads = try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]] else { return body }
        for index in threads.indices {
            guard let reason = threads[index]["reason"] as? String, GitHubFormat.queued.contains(reason),
                  let link = (threads[index]["subject"] as? [String: Any])?["latest_comment_url"] as? String, let url = URL(string: link) else { continue }
            do {
                let comment = try session.follow(url, headers: headers, credential: token)
                threads[index]["latest_comment"] = try JSONSerialization.jsonObject(with: Data(comment.body))
            } catch let failure as HTTPFailure where failure.status == 404 || failure.reason == .redirected {
                continue
            }
        }
        return [UInt8](try JSONSerialization.data(withJSONObject: threads))
    }

    /// The user's comments among their events, newest first, down to the newest event kept
    /// (or to `since`), each answering its thread.
    func answers(_ login: String, _ session: FetchSession, _ token: Credential, _ headers: [String: String]) throws {
        let kept = session.cursor("events.newest")
        let path = "/users/\(login.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? login)/events"
        var response = try session.get(path, query: [("per_page", "\(Self.eventsPerPage)")], headers: headers, credential: token)
        var newest = kept
        for _ in 0..<Self.maxPages {
            let events = try response.json().array ?? []
            let ids = events.compactMap { $0["id"]?.id }
            if let top = ids.max(by: Fetchers.isOlder) { newest = newest.map { Fetchers.isOlder($0, top) ? top : $0 } ?? top }
            let reached = events.contains { event in
                if let kept, let id = event["id"]?.id { return !Fetchers.isOlder(kept, id) }
                return (Times.iso(event["created_at"]) ?? .distantFuture) < session.since
            }
            let next = reached ? nil : response.links["next"]
            let answers = events.compactMap { Self.answer($0, notBefore: kept == nil ? session.since : nil) }
            try session.commit(answers: answers, cursors: next == nil ? newest.map { ["events.newest": $0] } ?? [:] : [:])
            guard let next else { return }
            response = try session.follow(next, headers: headers, credential: token)
        }
    }

    /// A comment event as the answer to its thread (issue and pull request alike), or nil.
    static func answer(_ event: JSON, notBefore: Date?) -> Answer? {
        let payload = event["payload"]
        let url: String?
        switch event["type"]?.string {
        case "IssueCommentEvent": url = payload?[path: "issue", "url"]?.string
        case "PullRequestReviewCommentEvent", "PullRequestReviewEvent": url = payload?[path: "pull_request", "url"]?.string
        default: return nil
        }
        let at = Times.iso(payload?[path: "comment", "created_at"]) ?? Times.iso(payload?[path: "review", "submitted_at"]) ?? Times.iso(event["created_at"])
        guard let url, let at, at >= (notBefore ?? .distantPast) else { return nil }
        return .conversation(threadNames(url), on: .github, at: at)
    }

    /// An issue's and a pull request's API URLs both name the thread (`…/issues/5`, `…/pulls/5`).
    static func threadNames(_ url: String) -> [String] {
        for (from, to) in [("/issues/", "/pulls/"), ("/pulls/", "/issues/")] where url.contains(from) {
            return [url, url.replacingOccurrences(of: from, with: to)]
        }
        return [url]
    }
}
