import Foundation
import HeedCore

/// One HTTP call that posts a draft as a reply, for a poster to send with the user's own credentials.
/// The path is relative to the API's base (the instance, `https://api.x.com`, the site's `/wp-json`, …).
public struct PostRequest: Sendable, Hashable {
    public var platform: Platform
    public var method: String
    public var path: String
    /// Headers the request must carry besides its credential (Mastodon's `Idempotency-Key`).
    public var headers: [String: String] = [:]
    /// The body as a JSON object, exactly as the platform's API takes it.
    public var body: String
    /// What the poster must still add or know before sending; nil when the request is complete.
    public var note: String?

    /// The request as one line of `heed export --format requests` (without the newline).
    public func line(draft: String) -> String {
        var json = JSONWriter()
        json.add("draft", draft)
        json.add("platform", platform.rawValue)
        json.add("method", method)
        json.add("path", path)
        if !headers.isEmpty { json.add("headers", headers) }
        json.addRaw("body", body)
        json.add("note", note)
        return json.finish()
    }
}

/// Why a draft cannot be posted as it stands.
public struct NotPostable: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

extension PostRequest {
    /// The request that posts `draft` as a reply to what it answers, or why it cannot be posted.
    ///
    /// Pure: nothing is read from the environment. Bluesky's `createRecord` needs `repo`, the
    /// user's own DID, which heed does not know: pass it as `blueskyRepo`; when nil the body has
    /// no `repo` at all (rather than a placeholder the server would take for a real value) and the
    /// request's `note` tells the poster to add it. Bluesky mention facets are made for the
    /// author of the mention when the reply target holds their DID under `author_did`.
    /// Reddit and Flickr take their fields form-encoded: the body lists them as a JSON object and
    /// the poster sends them as `application/x-www-form-urlencoded` (the `note` says so).
    /// Sent twice, a request posts once where the platform allows: Mastodon's carries the draft id
    /// as `Idempotency-Key`, Bluesky's a record key derived from the draft (`BlueskyRecordKey`).
    /// `at` is when the post is made (Bluesky's `createdAt`; the draft's time when nil), and
    /// `instagramUser` the account's id that fills `{ig-user-id}` when the target lacks it.
    public static func make(for draft: Draft, blueskyRepo: String? = nil, at: Date? = nil, instagramUser: String? = nil) -> Result<PostRequest, NotPostable> {
        Result { try build(draft, blueskyRepo: blueskyRepo, at: at ?? draft.createdAt, instagramUser: instagramUser) }
            .mapError { $0 as? NotPostable ?? NotPostable("\($0)") }
    }

    /// The platforms with no API to post a reply through, by the name people know them by.
    static let unpostable: [Platform: String] = [.hackernews: "Hacker News", .blogger: "Blogger", .friendfeed: "FriendFeed"]

    private static func build(_ draft: Draft, blueskyRepo: String?, at: Date, instagramUser: String?) throws -> PostRequest {
        let platform = draft.ref.platform
        if let name = unpostable[platform] { throw NotPostable("\(name) has no API for posting replies") }
        guard !draft.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw NotPostable("the draft is empty") }
        let target = draft.replyTarget
        func need(_ key: String) throws -> String {
            guard let value = target[key], !value.isEmpty else {
                throw NotPostable("the \(platform.rawValue) reply target has no '\(key)'; re-import the mention")
            }
            return value
        }
        let text = draft.text
        var body = JSONWriter()
        func request(_ path: String, note: String? = nil) -> PostRequest {
            PostRequest(platform: platform, method: "POST", path: path, body: body.finish(), note: note)
        }
        switch platform {
        case .mastodon:
            body.add("status", text)
            body.add("in_reply_to_id", try need("in_reply_to_id"))
            // The original's own visibility, never a wider one; unknown, the server's default applies.
            var post: PostRequest
            if let visibility = target["visibility"], mastodonVisibilities.contains(visibility) {
                body.add("visibility", visibility)
                post = request("/api/v1/statuses")
            } else {
                post = request("/api/v1/statuses", note: "the original's visibility is unknown: add \"visibility\" (public, unlisted, private or direct) or your default applies")
            }
            // Mastodon answers a repeat of the key (within an hour) with the status it made the first time.
            post.headers["Idempotency-Key"] = draft.id
            return post
        case .bluesky:
            return try bluesky(draft, repo: blueskyRepo, at: at, need: need)
        case .x:
            body.add("text", text)
            var reply = JSONWriter()
            reply.add("in_reply_to_tweet_id", try need("in_reply_to_tweet_id"))
            body.addRaw("reply", reply.finish())
            return request("/2/tweets")
        case .youtube:
            var snippet = JSONWriter()
            snippet.add("parentId", try need("parent_id"))
            snippet.add("textOriginal", text)
            body.addRaw("snippet", snippet.finish())
            return request("/youtube/v3/comments?part=snippet")
        case .reddit:
            body.add("thing_id", try need("thing_id"))
            body.add("text", text)
            return request("/api/comment", note: "send the body's fields form-encoded, not as JSON")
        case .wordpress:
            for key in ["post", "parent"] {
                guard let number = Int(try need(key)) else {
                    throw NotPostable("the wordpress reply target's '\(key)' is not a number; re-import the comment")
                }
                body.add(key, number)
            }
            body.add("content", text)
            return request("/wp/v2/comments")
        case .facebook:
            body.add("message", text)
            return request("/\(segment(try need("comment_id")))/comments")
        case .instagram:
            return try instagram(target, text: text, user: instagramUser, need: need)
        case .github:
            let url = try need("comments_url")
            let host = "https://api.github.com"
            body.add("body", text)
            return request(url.hasPrefix(host + "/") ? String(url.dropFirst(host.count)) : url)
        case .linkedin:
            let object = try need("object")
            let parent = target["parent_urn"].flatMap { $0.isEmpty ? nil : $0 }
            body.add("object", object)
            var message = JSONWriter()
            message.add("text", text)
            body.addRaw("message", message.finish())
            if let parent, parent.hasPrefix("urn:li:comment:") { body.add("parentComment", parent) }
            return request("/rest/socialActions/\(segment(parent ?? object))/comments",
                           note: "add \"actor\": your own urn:li:person or urn:li:organization URN; send LinkedIn-Version and X-Restli-Protocol-Version: 2.0.0")
        case .flickr:
            body.add("photo_id", try need("photo_id"))
            body.add("comment_text", text)
            return request("/services/rest/?method=flickr.photos.comments.addComment",
                           note: "add api_key and sign the call with OAuth 1.0a (a token with write permission); send the body's fields form-encoded, not as JSON")
        case .hackernews, .blogger, .friendfeed:
            throw NotPostable("\(unpostable[platform] ?? platform.rawValue) has no API for posting replies")
        }
    }

    /// Mastodon's visibilities, from the widest to the narrowest.
    static let mastodonVisibilities = ["public", "unlisted", "private", "direct"]

    /// Instagram: a comment on your own media is answered with `/{comment-id}/replies`; a comment
    /// or caption that mentions you (`mention` in the target) with `/{ig-user-id}/mentions`, which
    /// needs the media id.
    private static func instagram(_ target: [String: String], text: String, user account: String?, need: (String) throws -> String) throws -> PostRequest {
        var body = JSONWriter()
        let media = target["media_id"].flatMap { $0.isEmpty ? nil : $0 }
        guard target["mention"] != nil || media != nil else {
            let comment = try need("comment_id")
            body.add("message", text)
            return PostRequest(platform: .instagram, method: "POST", path: "/\(segment(comment))/replies", body: body.finish())
        }
        guard let media else {
            throw NotPostable("an Instagram mention is answered through /{ig-user-id}/mentions, which needs the media id; "
                              + "re-import it with fields=mentioned_comment.comment_id(ID){id,text,timestamp,username,media{id}}")
        }
        body.add("media_id", media)
        body.add("comment_id", target["comment_id"].flatMap { $0.isEmpty ? nil : $0 })
        body.add("message", text)
        if let user = [target["ig_user_id"], account].compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            return PostRequest(platform: .instagram, method: "POST", path: "/\(segment(user))/mentions", body: body.finish())
        }
        return PostRequest(platform: .instagram, method: "POST", path: "/{ig-user-id}/mentions", body: body.finish(),
                           note: "replace {ig-user-id} with the id of your Instagram professional account")
    }

    /// ISO 8601 in UTC, always with milliseconds, as Bluesky records carry `createdAt`.
    static func isoMilliseconds(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let fraction = ((millis % 1000) + 1000) % 1000
        let whole = Timestamp.format(Date(timeIntervalSince1970: Double((millis - fraction) / 1000)))
        return String(whole.dropLast()) + String(format: ".%03dZ", Int(fraction))
    }

    /// A path segment percent-encoded: everything but RFC 3986's unreserved characters.
    public static func segment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += String(format: "%%%02X", Int(byte))
            }
        }
        return out
    }
}
