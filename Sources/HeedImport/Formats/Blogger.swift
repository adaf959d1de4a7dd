import Foundation
import HeedCore

/// Blogger API v3 comments: a `blogger#commentList` (`comments.list`, `listByBlog`) or one
/// `blogger#comment` (`comments.get`). The API cannot post comments, so there is no reply target.
public enum BloggerFormat: PlatformFormat {
    public static let name = "blogger"
    public static let reads = "Blogger's comments.list and comments.get"

    public static func matches(_ page: JSON) -> Bool {
        switch page["kind"]?.string {
        case "blogger#commentList": page["items"] == nil || page["items"]?.array != nil
        case "blogger#comment": page["id"] != nil
        default: false
        }
    }

    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        if page["kind"]?.string == "blogger#comment" {
            try emit(Comments.event("comment", context) { try event(page) })
            return
        }
        // An empty list has no `items` at all.
        for (index, item) in (page["items"]?.array ?? []).enumerated() {
            try emit(Comments.event("items[\(index)]", context) { try event(item) })
        }
    }

    /// One comment: a reply when `inReplyTo.id` is set, else a comment on the post. Spam and
    /// emptied (deleted) comments, whose status only the blog's admins see, are skipped.
    static func event(_ item: JSON) throws -> ImportEvent {
        _ = try Comments.object(item)
        if let kind = item["kind"]?.string, kind != "blogger#comment" { return .skipped(reason: "not a comment") }
        switch item["status"]?.string {
        case "emptied": return .skipped(reason: "deleted post")
        case "spam": return .skipped(reason: "spam")
        default: break
        }
        let id = try Field.required(item["id"]?.id, "id")
        guard let html = item["content"]?.string else {
            throw JSONProblem(reason: "missing or invalid 'content' (fetchBodies=false leaves it out)")
        }
        let created = try Comments.time(Times.iso(item["published"]), "published")
        let parent = item[path: "inReplyTo", "id"]?.id
        return .mention(Mention(
            platform: .blogger, id: id, kind: parent == nil ? .comment : .reply,
            author: Author(name: item[path: "author", "displayName"]?.text, url: Comments.webURL(item[path: "author", "url"])),
            text: HTMLText.plain(html), createdAt: created,
            conversation: item[path: "post", "id"]?.id, inReplyTo: parent))
    }
}
