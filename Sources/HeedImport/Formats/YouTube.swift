import Foundation
import HeedCore

/// YouTube Data API v3 comment pages: `commentThreads.list` (top-level comments, with any replies
/// inlined) and `comments.list?parentId=` (replies). A single `youtube#comment` (what
/// `comments.insert` answers) is the user's own comment, not a page.
public enum YouTubeFormat: PlatformFormat {
    public static let name = "youtube"
    public static let reads = "YouTube's commentThreads.list or comments.list"

    static let threadList = "youtube#commentThreadListResponse"
    static let commentList = "youtube#commentListResponse"

    /// Answers of YouTube's API that hold no list of comments.
    public static let relatives: [Relative] = [
        Relative("a single YouTube comment (what comments.insert answers: your own comment)") { page in
            page["kind"]?.string == "youtube#comment" || page["kind"]?.string == "youtube#commentThread"
        },
        Relative("another YouTube API answer (not comments)") { page in
            page["kind"]?.string?.hasPrefix("youtube#") == true && page["kind"]?.string != threadList && page["kind"]?.string != commentList
        },
    ]

    public static func matches(_ page: JSON) -> Bool {
        guard let kind = page["kind"]?.string, kind == threadList || kind == commentList else { return false }
        return page["items"] == nil || page["items"]?.array != nil
    }

    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        let threads = page["kind"]?.string == threadList
        for (index, item) in (page["items"]?.array ?? []).enumerated() {
            let position = "items[\(index)]"
            if threads {
                try readThread(item, position: position, context: context, emit: emit)
            } else {
                try emit(Comments.event(position, context) {
                    let comment = try Comments.object(item)
                    let parent = comment[path: "snippet", "parentId"]?.id
                    let owner = comment[path: "snippet", "channelId"]?.id
                    return try event(comment, thread: parent, video: nil, owner: owner)
                })
            }
        }
    }

    /// One thread: its top-level comment, then the replies YouTube inlined under `replies`.
    static func readThread(_ item: JSON, position: String, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        let top = item[path: "snippet", "topLevelComment"]
        let thread = item["id"]?.id ?? top?["id"]?.id
        let video = item[path: "snippet", "videoId"]?.id ?? top?[path: "snippet", "videoId"]?.id
        let owner = item[path: "snippet", "channelId"]?.id
        try emit(Comments.event(position, context) {
            _ = try Comments.object(item)
            guard let top, top.object != nil else { throw JSONProblem(reason: "missing or invalid 'snippet.topLevelComment'") }
            return try event(top, thread: nil, video: video, owner: owner)
        })
        guard let thread else { return }
        for (index, reply) in (item[path: "replies", "comments"]?.array ?? []).enumerated() {
            try emit(Comments.event("\(position).replies.comments[\(index)]", context) {
                try event(Comments.object(reply), thread: thread, video: video, owner: owner)
            })
        }
    }

    /// One `youtube#comment`: a reply when it has a parent (`parentId`, else the thread it sits
    /// in), a top-level comment otherwise. The channel owner's own comments are the user's: a
    /// reply of theirs answers its parent instead of entering the queue.
    static func event(_ comment: JSON, thread: String?, video: String?, owner: String?) throws -> ImportEvent {
        let id = try Field.required(comment["id"]?.id, "id")
        guard let snippet = comment["snippet"], snippet.object != nil else { throw JSONProblem(reason: "missing or invalid 'snippet'") }
        let parent = snippet["parentId"]?.id ?? thread
        let created = try Comments.time(Times.iso(snippet["publishedAt"]), "snippet.publishedAt")
        if let owner, snippet[path: "authorChannelId", "value"]?.id == owner {
            if let parent { return .answered(Ref(platform: .youtube, id: parent), at: created) }
            return .skipped(reason: "written by you")
        }
        switch snippet["moderationStatus"]?.string {
        case "likelySpam": return .skipped(reason: "spam")
        case "rejected": return .skipped(reason: "rejected comment")
        default: break
        }
        let text = try Field.required(Comments.text(plain: snippet["textOriginal"], html: snippet["textDisplay"]), "snippet.textOriginal")
        let name = snippet["authorDisplayName"]?.text
        let author = Author(handle: name?.hasPrefix("@") == true ? name : nil, name: name,
                            url: Comments.webURL(snippet["authorChannelUrl"]))
        let top = parent ?? id
        let videoId = video ?? snippet["videoId"]?.id
        return .mention(Mention(
            platform: .youtube, id: id, kind: parent == nil ? .comment : .reply, author: author, text: text,
            createdAt: created, url: videoId.map { "https://www.youtube.com/watch?v=\($0)&lc=\(id)" },
            conversation: top, inReplyTo: parent, replyTarget: ["parent_id": top]))
    }
}
