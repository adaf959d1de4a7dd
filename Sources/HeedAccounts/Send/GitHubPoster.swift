import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedOutbox

/// GitHub: a comment on the issue or pull request (`POST …/issues/N/comments`); an earlier try
/// is looked for among the comments since then by the authenticated user.
struct GitHubPoster: Poster {
    let platform = Platform.github
    var canCheck: Bool { true }
    /// The most pages of comments a look reads.
    static let maxPages = 10

    func http(_ request: PostRequest, credential: Credential, server: String, account: AccountConfig) throws -> HTTPRequest {
        var http = try jsonRequest(request, base: server, credential: credential)
        http.headers["Accept"] = "application/vnd.github+json"
        return http
    }

    func post(_ draft: Draft, at: Date, _ session: SendSession) throws -> Delivery {
        let request = try session.request(for: draft, at: at)
        let response = try session.http.send(try http(request, credential: try session.bearer(), server: session.server, account: session.account))
        let comment = try response.json()
        guard let id = comment["id"]?.id else {
            throw HTTPFailure(.unreadable, url: response.url.absoluteString, detail: "no comment id in the answer")
        }
        return Delivery(remoteID: id, url: comment["html_url"]?.text, at: session.clock.now())
    }

    func check(_ draft: Draft, since: Date, _ session: SendSession) throws -> PostCheck? {
        let request = try session.request(for: draft, at: since)
        let token = try session.bearer()
        let login = try session.remembered("github.login") {
            guard let login = try session.json(try HTTPRequest.url(session.server, "/user"), credential: token)["login"]?.text else {
                throw HTTPFailure(.unreadable, url: session.server + "/user", detail: "no login in the answer")
            }
            return login
        }
        guard var components = URLComponents(url: try Posters.url(session.server, request.path), resolvingAgainstBaseURL: false) else { return nil }
        components.queryItems = [URLQueryItem(name: "since", value: Timestamp.format(since)), URLQueryItem(name: "per_page", value: "100")]
        var next = components.url
        for _ in 0..<Self.maxPages {
            guard let url = next else { break }
            let response = try session.http.send(HTTPRequest("GET", url, credential: token))
            for comment in try response.json().array ?? [] {
                guard comment[path: "user", "login"]?.text?.lowercased() == login.lowercased(),
                      let created = Times.iso(comment["created_at"]), created >= since, let id = comment["id"]?.id else { continue }
                return .posted(Delivery(remoteID: id, url: comment["html_url"]?.text, at: session.clock.now()))
            }
            next = try response.links["next"].map { try Posters.url(session.server, $0.absoluteString) }
        }
        return .notPosted
    }
}
