import Foundation
import HeedCore

/// WordPress REST API comments (`GET /wp-json/wp/v2/comments`): an array of comment objects,
/// or one such object read as a page of one.
public enum WordPressFormat: PlatformFormat {
    public static let name = "wordpress"
    public static let reads = "WordPress's GET /wp/v2/comments"

    public static func matches(_ page: JSON) -> Bool {
        if let records = page.array {
            return records.contains(where: isComment)
        }
        return isComment(page)
    }

    /// Whether an object carries the fields only a WordPress comment has together (a post has
    /// `content.rendered` and `date_gmt` too, but no `post`; `author_name` may be left out by `_fields`).
    static func isComment(_ record: JSON) -> Bool {
        guard let fields = record.object, record[path: "content", "rendered"] != nil else { return false }
        return ["post", "date_gmt"].allSatisfy { fields[$0] != nil }
    }

    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        let records = page.array ?? [page]
        var advised = false
        for (index, record) in records.enumerated() {
            let position = page.array == nil ? "comment" : "[\(index)]"
            try emit(Comments.event(position, context) { try event(record) })
            if !advised, record.object != nil, record["author_name"] == nil {
                advised = true
                try emit(.advice("WordPress comments came without 'author_name'/'author_url': leave them in '_fields' next time to see who wrote them."))
            }
        }
    }

    /// One comment: a comment or a reply (a `parent` other than 0), or skipped for its type or status.
    static func event(_ record: JSON) throws -> ImportEvent {
        _ = try Comments.object(record)
        let type = record["type"]?.string ?? "comment"
        switch type {
        case "comment", "", "review": break
        default: return .skipped(reason: type)
        }
        if let status = record["status"]?.string, status == "spam" || status == "trash" {
            return .skipped(reason: status)
        }
        let id = try Field.required(record["id"]?.id, "id")
        guard let html = record[path: "content", "rendered"]?.string ?? record[path: "content", "raw"]?.string else {
            throw JSONProblem(reason: "missing or invalid 'content.rendered'")
        }
        let created = try Comments.time(Times.isoUTC(record["date_gmt"]), "date_gmt")
        let post = record["post"]?.id
        let parent = record["parent"]?.id.flatMap { $0 == "0" ? nil : $0 }
        var target = ["parent": id]
        target["post"] = post
        return .mention(Mention(
            platform: .wordpress, id: id, kind: parent == nil ? .comment : .reply,
            author: Author(name: record["author_name"]?.text, url: Comments.webURL(record["author_url"])),
            text: HTMLText.plain(html), createdAt: created, url: Comments.webURL(record["link"]),
            conversation: post, inReplyTo: parent, replyTarget: target))
    }
}
