import Foundation
import HeedCore
import HeedImport

/// YouTube (Data API v3) for one channel: the comment threads on all its videos
/// (`commentThreads.list?allThreadsRelatedToChannelId=`, newest first, with the replies
/// YouTube inlines) through the YouTube reader, and every reply of a thread that has more than
/// were inlined (`comments.list?parentId=`). The channel's own replies answer what they reply
/// to (the reader tells them by the channel's id). YouTube has no "since": heed walks down to a
/// week before the newest thread it kept, so replies to the last week's threads are seen
/// (those threads come again, unchanged). An API key reads public comments; an OAuth token
/// (`youtube.force-ssl`) reads as the channel.
struct YouTubeFetcher: Fetcher {
    let platform = Platform.youtube

    /// YouTube's largest page, the most pages of threads (or of one thread's replies) a fetch
    /// takes, and how far before the newest thread kept a fetch reads again for new replies.
    static let limit = 100
    static let maxPages = 100
    static let replyWindow: TimeInterval = 7 * 86_400

    func fetch(_ session: FetchSession) throws {
        guard let channel = session.setting("channel_id") else { throw SecretFailure("youtube needs channel_id = \"UC…\" (your channel's id)") }
        let credential = try Self.credential(session)
        session.learned(handle: channel)
        let key = "threads.published_at"
        let mark = session.cursor(key).flatMap { Timestamp.parseISO($0) }
        let stop = mark.map { $0.addingTimeInterval(-Self.replyWindow) } ?? session.since
        var token: String?
        var newest = mark
        for _ in 0..<Self.maxPages {
            let query = [("part", "snippet,replies"), ("allThreadsRelatedToChannelId", channel), ("order", "time"),
                         ("maxResults", "\(Self.limit)")] + (token.map { [("pageToken", $0)] } ?? [])
            let response = try session.get("/commentThreads", query: query, credential: credential)
            let json = try response.json()
            let threads = json["items"]?.array ?? []
            let times = threads.compactMap { Times.iso($0[path: "snippet", "topLevelComment", "snippet", "publishedAt"]) }
            if let top = times.max() { newest = max(newest ?? top, top) }
            token = json["nextPageToken"]?.string
            let last = threads.isEmpty || token == nil || times.contains { $0 < stop }
            let moved = last ? newest.map { [key: Timestamp.formatPrecise($0)] } ?? [:] : [:]
            let bound = mark == nil ? session.since : nil
            for thread in threads where Self.hasMoreReplies(thread) {
                try replies(of: thread, channel: channel, session, credential, notBefore: bound)
            }
            try session.commit(page: response.body, format: "youtube", name: "\(session.server)/commentThreads", cursors: moved, notBefore: bound)
            if last { return }
        }
    }

    /// The API key (as `key=`) or, without one, the OAuth token (as a bearer).
    static func credential(_ session: FetchSession) throws -> Credential {
        if let key = try session.secrets.read("api_key", of: session.account) { return .query("key", key) }
        return .bearer(try session.secret("token"))
    }

    /// Whether YouTube inlined fewer replies than the thread has.
    static func hasMoreReplies(_ thread: JSON) -> Bool {
        let total = thread[path: "snippet", "totalReplyCount"]?.int ?? 0
        return total > (thread[path: "replies", "comments"]?.array?.count ?? 0)
    }

    /// Every reply of a thread, page by page; each page is marked with the channel it belongs
    /// to (a reply carries none), so the reader knows the channel's own replies.
    func replies(of thread: JSON, channel: String, _ session: FetchSession, _ credential: Credential, notBefore: Date?) throws {
        guard let parent = thread["id"]?.id else { return }
        var token: String?
        for _ in 0..<Self.maxPages {
            let query = [("part", "snippet"), ("parentId", parent), ("maxResults", "\(Self.limit)")] + (token.map { [("pageToken", $0)] } ?? [])
            let response = try session.get("/comments", query: query, credential: credential)
            token = try response.json()["nextPageToken"]?.string
            try session.commit(page: try Self.marked(response.body, channel: channel), format: "youtube", name: "\(session.server)/comments",
                               notBefore: notBefore)
            if token == nil { return }
        }
    }

    /// A `comments.list` page with `snippet.channelId` set on each comment that lacks it.
    static func marked(_ body: [UInt8], channel: String) throws -> [UInt8] {
        guard var page = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return body }
        page["items"] = (page["items"] as? [[String: Any]] ?? []).map { comment in
            var comment = comment
            var snippet = comment["snippet"] as? [String: Any] ?? [:]
            if snippet["channelId"] == nil { snippet["channelId"] = channel }
            comment["snippet"] = snippet
            return comment
        }
        return [UInt8](try JSONSerialization.data(withJSONObject: page))
    }
}
