import Foundation
import HeedCore

/// Facebook Graph comments: a `/{object-id}/comments` page (`{"data":[…],"paging":…}`), one
/// comment object, or the `?ids=` batch (an object keyed by comment id).
public enum FacebookFormat: PlatformFormat {
    public static let name = "facebook"
    public static let reads = "Facebook's GET /{object-id}/comments (or one comment)"

    static let fieldsAdvice = "facebook: comments came without their id (rebuilt from permalink_url where it has one); request fields=id,message,created_time,from,permalink_url"
    static let authorAdvice = "facebook: comments came without 'from' (author unknown); read them with a Page access token and fields=id,message,created_time,from,permalink_url"

    /// A `data` page of comments (Graph pages have no `meta` or `includes`), one comment, or the `?ids=` batch.
    public static func matches(_ page: JSON) -> Bool {
        if let data = page["data"] {
            guard page["meta"] == nil, page["includes"] == nil, let items = data.array else { return false }
            return items.contains(where: isComment) && !items.contains(where: isForeign)
        }
        if isComment(page) { return true }
        return batch(page) != nil
    }

    /// Reads every comment; items without an id are rejected and the fields to request noted once.
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        try GraphSupport.readComments(page, context: context, batch: batch, emit: emit) { item, position, advice in
            events(item, at: position, context, &advice)
        }
    }

    /// Whether a value looks like a Graph comment: a message (or attachment) and a created time.
    static func isComment(_ item: JSON) -> Bool {
        GraphSupport.has(item, "created_time") && (item["message"] != nil || item["attachment"] != nil)
            && item["timestamp"] == nil && item["mentioned_comment"] == nil
    }

    /// Keys a Graph comment of a Page's post never has: a record with one is not one of its.
    static func isForeign(_ item: JSON) -> Bool {
        item["edit_history_tweet_ids"] != nil || item["author_id"] != nil || item["timestamp"] != nil
    }

    /// The `?ids=a,b` form: every key a `{post}_{comment}` id, every value a comment; sorted by key.
    static func batch(_ page: JSON) -> [(String, JSON)]? {
        guard let object = page.object, !object.isEmpty, object["data"] == nil else { return nil }
        let idShape = object.keys.allSatisfy { key in
            let parts = key.split(separator: "_", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        }
        guard idShape, object.values.contains(where: isComment) else { return nil }
        return object.sorted { $0.key < $1.key }
    }

    /// One comment to its events: a comment or reply, the page's own answer, or a rejection.
    static func events(_ item: JSON, at position: String, _ context: ReadContext, _ advice: inout PageAdvice) -> [ImportEvent] {
        guard item.object != nil else { return [context.rejected(position, "a comment must be an object")] }
        // Without `id` (a page read with default fields), the permalink still names the post and
        // the comment, and a comment's id is `{post}_{comment}`.
        let rebuilt = item["id"] == nil ? item["permalink_url"]?.text.flatMap(PermalinkParts.init).map { "\($0.post)_\($0.reply ?? $0.comment)" } : nil
        if rebuilt != nil { advice.add(fieldsAdvice) }
        guard let id = item["id"]?.id ?? rebuilt else {
            if item["id"] == nil { advice.add(fieldsAdvice) }
            return [context.rejected(position, item["id"] == nil
                ? "no 'id': the comment cannot be stored or answered; request fields=id,message,created_time,from,permalink_url"
                : "'id' must be a string")]
        }
        var needsAuthorAdvice = false
        let result = GraphSupport.events(context, at: position) {
            guard let createdAt = GraphSupport.graphTime(item["created_time"]) else {
                throw GraphSupport.problem("missing or invalid 'created_time'")
            }
            let text = try message(item)
            let permalink = item["permalink_url"]?.text
            let link = permalink.flatMap(PermalinkParts.init)
            // A top-level comment's id is `{post}_{comment}`, as its permalink shows; a reply's
            // permalink names its parent comment, whose id follows that form.
            let prefix = id.firstIndex(of: "_").map { String(id[..<$0]) }.flatMap { $0.isEmpty ? nil : $0 }
            let conversation = link?.post ?? prefix
            var parent = item[path: "parent", "id"]?.id
            if parent == nil, let link, link.isReply { parent = "\(link.post)_\(link.comment)" }
            let from = item["from"]
            if from == nil { needsAuthorAdvice = true }
            if let owner = link?.owner, let author = from?["id"]?.id, author == owner {
                var events: [ImportEvent] = [.skipped(reason: "written by you")]
                if let parent { events.append(.answered(Ref(platform: .facebook, id: parent), at: createdAt)) }
                return events
            }
            let mention = Mention(
                platform: .facebook, id: id, kind: parent == nil ? .comment : .reply,
                author: Author(name: from?["name"]?.text), text: text, createdAt: createdAt,
                url: permalink, conversation: conversation, inReplyTo: parent,
                replyTarget: ["comment_id": id]
            )
            return [.mention(mention)]
        }
        if needsAuthorAdvice { advice.add(authorAdvice) }
        return result
    }

    /// The comment's text: its message, or a note of its attachment when it has no words.
    static func message(_ item: JSON) throws -> String {
        if let value = item["message"], !value.isNull, value.string == nil {
            throw GraphSupport.problem("'message' must be a string")
        }
        let text = GraphSupport.plain(item["message"]?.string ?? "")
        if !text.isEmpty { return text }
        if let attachment = item["attachment"], attachment.object != nil {
            let kind = attachment["type"]?.text ?? "attachment"
            return ["[\(kind)]", attachment["url"]?.text].compactMap { $0 }.joined(separator: " ")
        }
        throw GraphSupport.problem("no 'message' text")
    }
}

/// What a comment's `permalink_url` tells: the page, the post, the comment and, for a reply,
/// the reply (`/{page}/posts/{post}/?comment_id={c}&reply_comment_id={r}`).
struct PermalinkParts {
    var owner: String
    var post: String
    var comment: String
    /// The reply's own id, when the permalink is a reply's.
    var reply: String?
    var isReply: Bool { reply != nil }

    /// Nil when the URL is not a comment permalink of a post.
    init?(_ url: String) {
        guard let components = URLComponents(string: url) else { return nil }
        let path = components.path.split(separator: "/").map(String.init)
        guard path.count >= 3, let posts = path.firstIndex(of: "posts"), posts >= 1, posts + 1 < path.count else { return nil }
        let query = components.queryItems ?? []
        guard let comment = query.first(where: { $0.name == "comment_id" })?.value, !comment.isEmpty else { return nil }
        owner = path[posts - 1]
        post = path[posts + 1]
        self.comment = comment
        reply = query.first { $0.name == "reply_comment_id" }?.value.flatMap { $0.isEmpty ? nil : $0 }
    }
}
