import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedOutbox

/// Reddit: a script app's token (`POST /api/v1/access_token` on `auth_server` with the app's
/// id and secret and the user's password), then `POST /api/comment` with the fields
/// form-encoded (`thing_id`, `text`, `api_type=json`) and a User-Agent naming the app and
/// user, as Reddit asks. Reddit says a refusal (`RATELIMIT`, `DELETED_COMMENT`) in the answer's
/// `json.errors`, with status 200.
struct RedditPoster: Poster {
    let platform = Platform.reddit

    func http(_ request: PostRequest, credential: Credential, server: String, account: AccountConfig) throws -> HTTPRequest {
        guard let fields = try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any] else {
            throw HTTPFailure(.invalid, url: server + request.path, detail: "the body is not an object")
        }
        var form = fields.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") }
        form.append(("api_type", "json"))
        var http = HTTPRequest(request.method, try Posters.url(server, request.path), headers: request.headers, body: Self.formBody(form), credential: credential)
        http.headers["Content-Type"] = "application/x-www-form-urlencoded"
        http.headers["User-Agent"] = Self.userAgent(account)
        http.idempotent = false
        return http
    }

    func post(_ draft: Draft, at: Date, _ session: SendSession) throws -> Delivery {
        let request = try session.request(for: draft, at: at)
        let response = try session.http.send(try http(request, credential: try token(session), server: session.server, account: session.account))
        let answer = try response.json()
        if let errors = answer[path: "json", "errors"]?.array, let first = errors.first {
            let words = (first.array ?? []).prefix(2).compactMap(\.text).joined(separator: ": ")
            throw SendRefusal(words.isEmpty ? "reddit refused the comment" : words)
        }
        let thing = answer[path: "json", "data", "things"]?[0]?["data"]
        guard let name = thing?["name"]?.text ?? thing?["id"]?.text else {
            throw HTTPFailure(.unreadable, url: response.url.absoluteString, detail: "no comment in the answer")
        }
        return Delivery(remoteID: name, url: thing?["permalink"]?.text.map { "https://www.reddit.com" + $0 }, at: session.clock.now())
    }

    /// The script app's token for the user, asked once per run.
    func token(_ session: SendSession) throws -> Credential {
        let account = session.account
        let token = try session.remembered("reddit.token") {
            guard let user = account.handle, let client = account.settings["client_id"] else {
                throw SecretFailure("reddit needs handle = \"…\" and client_id = \"…\"")
            }
            let auth = account.settings["auth_server"] ?? "https://www.reddit.com"
            let form = [("grant_type", "password"), ("username", user), ("password", try session.secret("password").revealed)]
            var request = HTTPRequest("POST", try HTTPRequest.url(auth, "/api/v1/access_token"), body: Self.formBody(form),
                                      credential: .basic(user: client, password: try session.secret("client_secret")))
            request.headers["Content-Type"] = "application/x-www-form-urlencoded"
            request.headers["User-Agent"] = Self.userAgent(account)
            request.carriesSecret = true
            let answer = try session.http.send(request).json()
            guard let token = answer["access_token"]?.string else {
                throw SecretFailure("reddit did not give a token: \(answer["error"]?.text ?? "no access_token in the answer") (are client_id, client_secret and the password right?)")
            }
            session.secrets.redactor.hide(token)
            return token
        }
        return .bearer(Secret(token))
    }

    /// Fields as `application/x-www-form-urlencoded`: everything but unreserved characters encoded.
    static func formBody(_ fields: [(String, String)]) -> Data {
        Data(fields.map { "\(PostRequest.segment($0.0))=\(PostRequest.segment($0.1))" }.joined(separator: "&").utf8)
    }

    /// The User-Agent Reddit asks of an app: platform, app id, version, and its user.
    static func userAgent(_ account: AccountConfig) -> String {
        "heed:\(account.settings["client_id"] ?? "heed"):1 (by /u/\(account.handle ?? "unknown"))"
    }
}

/// A platform refused a post in its answer's body (Reddit's `json.errors`): nothing was posted.
public struct SendRefusal: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// A refusal the platform said in `description`.
    public init(_ description: String) { self.description = description }
}
