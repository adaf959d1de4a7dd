import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedOutbox

/// Bluesky: `com.atproto.repo.createRecord` in the account's repo (its DID, from the session),
/// at the record key derived from the draft and validated against the lexicon, so a repeat
/// meets the first record (the reference PDS answers it with a server error) instead of making
/// a second post; an earlier try is read back by that key (`com.atproto.repo.getRecord`).
struct BlueskyPoster: Poster {
    let platform = Platform.bluesky
    var canCheck: Bool { true }

    func http(_ request: PostRequest, credential: Credential, server: String, account: AccountConfig) throws -> HTTPRequest {
        try idempotentJSON(request, base: server, credential: credential)
    }

    func post(_ draft: Draft, at: Date, _ session: SendSession) throws -> Delivery {
        let bluesky = session.bluesky
        let request = try session.request(for: draft, at: at, blueskyRepo: try bluesky.did())
        let response = try bluesky.send { credential in try http(request, credential: credential, server: session.server, account: session.account) }
        let json = try response.json()
        guard let uri = json["uri"]?.string else {
            throw HTTPFailure(.unreadable, url: response.url.absoluteString, detail: "no uri in the answer")
        }
        return delivery(uri, session)
    }

    func check(_ draft: Draft, since: Date, _ session: SendSession) throws -> PostCheck? {
        let bluesky = session.bluesky
        let query = [("repo", try bluesky.did()), ("collection", "app.bsky.feed.post"), ("rkey", BlueskyRecordKey.of(draft))]
        let url = try HTTPRequest.url(session.server, "/xrpc/com.atproto.repo.getRecord", query: query)
        do {
            let record = try bluesky.send { credential in HTTPRequest("GET", url, credential: credential) }.json()
            guard let uri = record["uri"]?.string else { return .notPosted }
            return .posted(delivery(uri, session))
        } catch let failure as HTTPFailure where failure.status == 400 && failure.detail.hasPrefix("RecordNotFound") {
            return .notPosted
        }
    }

    /// The post's uri and its page on bsky.app.
    private func delivery(_ uri: String, _ session: SendSession) -> Delivery {
        let profile = session.account.handle ?? uri.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        let url = BlueskyRecordKey.of(uri: uri).map { "https://bsky.app/profile/\(profile)/post/\($0)" }
        return Delivery(remoteID: uri, url: url, at: session.clock.now())
    }
}
