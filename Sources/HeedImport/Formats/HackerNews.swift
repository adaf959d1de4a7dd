import Foundation
import HeedCore

/// Hacker News Firebase items (`/v0/item/{id}.json`): one item, or an array of them (null where
/// an id had no item). Comments enter the queue; stories, jobs and polls are skipped.
public enum HackerNewsFormat: PlatformFormat {
    public static let name = "hackernews"
    public static let reads = "Hacker News items from /v0/item/{id}.json"

    /// Every field the Firebase API gives an item; an object with any other key is not one.
    static let fields: Set<String> = [
        "id", "deleted", "type", "by", "time", "text", "dead", "parent", "poll", "kids", "url",
        "score", "title", "parts", "descendants",
    ]
    static let types: Set<String> = ["comment", "story", "job", "poll", "pollopt"]

    public static func matches(_ page: JSON) -> Bool {
        if let items = page.array {
            return items.allSatisfy { $0.isNull || hasItemFields($0) } && items.contains(where: isItem)
        }
        return isItem(page)
    }

    /// An object holding only item fields, with an id and a type Hacker News uses.
    static func isItem(_ value: JSON) -> Bool {
        guard hasItemFields(value), value["id"] != nil, let type = value["type"]?.string else { return false }
        return types.contains(type)
    }

    /// An object whose keys are all item fields.
    static func hasItemFields(_ value: JSON) -> Bool {
        guard let object = value.object else { return false }
        return object.keys.allSatisfy(fields.contains)
    }

    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        guard let items = page.array else {
            try emit(Comments.event("item", context) { try event(page) })
            return
        }
        for (index, item) in items.enumerated() {
            try emit(Comments.event("[\(index)]", context) { try event(item) })
        }
    }

    /// One item: a comment, or skipped for being deleted, dead or not a comment.
    static func event(_ item: JSON) throws -> ImportEvent {
        if item.isNull { return .skipped(reason: "deleted post") }
        _ = try Comments.object(item)
        if item["deleted"]?.bool == true || item["dead"]?.bool == true { return .skipped(reason: "deleted post") }
        let type = try Field.required(item["type"]?.text, "type")
        guard type == "comment" else { return .skipped(reason: type) }
        let id = try Field.required(item["id"]?.id, "id")
        let html = try Field.required(item["text"]?.string, "text")
        let created = try Comments.time(Times.epoch(item["time"]), "time")
        let by = item["by"]?.text
        return .mention(Mention(
            platform: .hackernews, id: id, kind: .comment,
            author: Author(handle: by, url: by.map { "https://news.ycombinator.com/user?id=\($0)" }),
            text: HTMLText.plain(html), createdAt: created, url: "https://news.ycombinator.com/item?id=\(id)",
            inReplyTo: item["parent"]?.id))
    }
}
