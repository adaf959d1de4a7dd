import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedOutbox

/// Mastodon: `POST /api/v1/statuses` with the draft id as `Idempotency-Key` (a repeat within
/// the hour gets the status the first made, so the client may try again after a lost answer);
/// an earlier try is looked for among the replies to the status (`/context`) by the user.
struct MastodonPoster: Poster {
    let platform = Platform.mastodon
    var canCheck: Bool { true }

    func http(_ request: PostRequest, credential: Credential, server: String, account: AccountConfig) throws -> HTTPRequest {
        try idempotentJSON(request, base: server, credential: credential)
    }

    func post(_ draft: Draft, at: Date, _ session: SendSession) throws -> Delivery {
        let request = try session.request(for: draft, at: at)
        let response = try session.http.send(try http(request, credential: try session.bearer(), server: session.server, account: session.account))
        let status = try response.json()
        guard let id = status["id"]?.id else {
            throw HTTPFailure(.unreadable, url: response.url.absoluteString, detail: "no status id in the answer")
        }
        return Delivery(remoteID: id, url: status["url"]?.text ?? status["uri"]?.text, at: session.clock.now())
    }

    func check(_ draft: Draft, since: Date, _ session: SendSession) throws -> PostCheck? {
        guard let parent = draft.replyTarget["in_reply_to_id"], !parent.isEmpty else { return nil }
        let token = try session.bearer()
        let me = try session.remembered("mastodon.id") {
            let account = try session.json(try HTTPRequest.url(session.server, "/api/v1/accounts/verify_credentials"), credential: token)
            guard let id = account["id"]?.id else {
                throw HTTPFailure(.unreadable, url: session.server + "/api/v1/accounts/verify_credentials", detail: "no account id in the answer")
            }
            return id
        }
        let context = try session.json(try HTTPRequest.url(session.server, "/api/v1/statuses/\(PostRequest.segment(parent))/context"), credential: token)
        for status in context["descendants"]?.array ?? [] {
            guard status["in_reply_to_id"]?.id == parent, status[path: "account", "id"]?.id == me,
                  let created = Times.iso(status["created_at"]), created >= since, let id = status["id"]?.id else { continue }
            return .posted(Delivery(remoteID: id, url: status["url"]?.text ?? status["uri"]?.text, at: session.clock.now()))
        }
        return .notPosted
    }
}
