import Foundation
import HeedCore
import HeedImport

/// An Instagram professional account (Instagram Graph API, a page access token): the comments
/// and their replies on its media (`/{ig-media-id}/comments` with `replies`) through the
/// Instagram reader, for each media whose `comments_count` changed since the last fetch. The
/// account's own replies (Graph gives `user` only on the caller's comments) answer the
/// comment they reply to. Media are listed newest first (`/{ig-user-id}/media`) down to
/// where the first fetch began (`since`); the counts of those are kept as one cursor.
/// Comments that mention the account on others' media reach an app only by webhook, so
/// heed does not see them.
struct InstagramFetcher: Fetcher {
    let platform = Platform.instagram

    /// Graph's page size heed asks for, and the most pages of a list a fetch takes.
    static let limit = 100
    static let maxPages = 20
    /// What the reader needs of a comment and its replies.
    static let fields = "id,text,timestamp,username,user,replies{id,text,timestamp,username,user}"

    func fetch(_ session: FetchSession) throws {
        guard let user = session.setting("user_id") else { throw SecretFailure("instagram needs user_id = \"…\" (the professional account's id)") }
        let token = Credential.bearer(try session.secret("token"))
        session.learned(handle: user)
        let bound = session.cursor("media.since").flatMap { Timestamp.parseISO($0) } ?? session.since
        let kept = Self.counts(session.cursor("media.comments_count"))
        var counts: [String: Int] = [:]
        try FacebookFetcher.walk(session, "/\(user)/media", query: [("fields", "id,timestamp,comments_count")], token) { media in
            for item in media {
                guard let id = item["id"]?.id, let posted = Times.iso(item["timestamp"]) else { continue }
                if posted < bound { return false }
                let count = item["comments_count"]?.int ?? 0
                counts[id] = count
                if count > 0, count != kept[id] { try comments(on: id, session, token) }
            }
            return true
        }
        let written = (try? JSONSerialization.data(withJSONObject: counts, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try session.commit(answers: [], cursors: ["media.since": Timestamp.format(bound), "media.comments_count": written])
    }

    /// Every comment of a media with its replies, page by page; each page is marked with its
    /// media (Graph leaves it out unless asked), so a reply to the account can be answered.
    func comments(on media: String, _ session: FetchSession, _ token: Credential) throws {
        try FacebookFetcher.walk(session, "/\(media)/comments", query: [("fields", Self.fields)], token) { _, response in
            try session.commit(page: try Self.marked(response.body, media: media), format: "instagram", name: "\(session.server)/\(media)/comments",
                               notBefore: session.isFirst ? session.since : nil)
            return true
        }
    }

    /// The counts kept by the last fetch (media id to its comments).
    static func counts(_ cursor: String?) -> [String: Int] {
        guard let data = cursor?.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Int] else { return [:] }
        return object
    }

    /// A comments page with `media.id` set on each comment that lacks it.
    static func marked(_ body: [UInt8], media: String) throws -> [UInt8] {
        guard var page = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return body }
        page["data"] = (page["data"] as? [[String: Any]] ?? []).map { comment in
            comment["media"] == nil ? comment.merging(["media": ["id": media]]) { $1 } : comment
        }
        return [UInt8](try JSONSerialization.data(withJSONObject: page))
    }
}
