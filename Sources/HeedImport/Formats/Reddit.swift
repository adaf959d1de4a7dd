import Foundation
import HeedCore

/// Reddit inbox Listings (`/message/inbox`, `/message/mentions`, `/message/unread`): comment
/// replies, username mentions (`t1`) and private messages (`t4`). Older listings have no
/// `type`: a comment says so by `was_comment`, and what it is by its `subject` ("comment
/// reply", "post reply", "username mention").
public enum RedditFormat: PlatformFormat {
    public static let name = "reddit"
    public static let reads = "Reddit's /message/inbox, /message/mentions or /message/unread listings"

    public static func matches(_ page: JSON) -> Bool {
        guard page["kind"]?.string == "Listing", let children = page[path: "data", "children"]?.array else { return false }
        // Every child Reddit sends is a "thing": a kind `t1`…`t6` (or `more`) around a `data` object.
        return children.allSatisfy { child in
            guard let kind = child["kind"]?.string else { return child.object == nil }
            return kind == "more" || (kind.count == 2 && kind.hasPrefix("t") && kind.last?.isNumber == true)
        }
    }

    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        for (index, child) in (page[path: "data", "children"]?.array ?? []).enumerated() {
            try emit(Comments.event("children[\(index)]", context) { try event(child) })
        }
    }

    /// One child of the Listing: what it is to the user, or why it is skipped.
    static func event(_ child: JSON) throws -> ImportEvent {
        _ = try Comments.object(child)
        let kind = try Field.required(child["kind"]?.text, "kind")
        guard let data = child["data"], data.object != nil else { throw JSONProblem(reason: "missing or invalid 'data'") }
        guard let mentionKind = Self.kind(kind, data) else { return .skipped(reason: "not addressed to you") }
        if let body = data["body"]?.string, body == "[deleted]" || body == "[removed]" {
            return .skipped(reason: "deleted post")
        }
        guard let id = data["name"]?.text ?? data["id"]?.id.map({ "\(kind)_\($0)" }) else {
            throw JSONProblem(reason: "missing or invalid 'name'")
        }
        let text = try Field.required(text(data), "body")
        let created = try Comments.time(Times.epoch(data["created_utc"] ?? data["created"]), "created_utc")
        let context = data["context"]?.text
        let conversation: String? = kind == "t4"
            ? data["first_message_name"]?.text ?? id
            : postName(context: context) ?? data["link_id"]?.text
        let person = data["author"]?.text.flatMap { $0 == "[deleted]" ? nil : $0 }
        return .mention(Mention(
            platform: .reddit, id: id, kind: mentionKind,
            author: Author(handle: person, url: person.map { "https://www.reddit.com/user/\($0)" }),
            text: text, createdAt: created, url: context.map { "https://www.reddit.com" + $0 },
            conversation: conversation, inReplyTo: data["parent_id"]?.text, replyTarget: ["thing_id": id]))
    }

    /// What an inbox item is to the user, by its `type`, or in an older listing without one, by
    /// `was_comment` and `subject`; nil for anything else.
    static func kind(_ kind: String, _ data: JSON) -> MentionKind? {
        if kind == "t4" { return .dm }
        guard kind == "t1" else { return nil }
        switch data["type"]?.string {
        case "comment_reply", "post_reply": return .reply
        case "username_mention": return .mention
        case nil:
            guard data["was_comment"]?.bool != false else { return nil }
            let subject = data["subject"]?.string?.lowercased() ?? ""
            if subject == "username mention" { return .mention }
            return data["was_comment"]?.bool == true || subject.hasSuffix(" reply") ? .reply : nil
        default: return nil
        }
    }

    /// The Markdown body as written, else `body_html` made plain. Without `raw_json=1` Reddit
    /// escapes both once more (`&amp;`, and `&lt;div` in the HTML): that escaping is undone.
    static func text(_ data: JSON) -> String? {
        let html = data["body_html"]?.text
        let escaped = html?.hasPrefix("&lt;") == true
        if let body = data["body"]?.text {
            guard escaped else { return body }
            return body.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        return html.map { HTMLText.plain(escaped ? HTMLText.plain($0) : $0) }
    }

    /// The post's fullname (`t3_…`) from a context path `/r/{sub}/comments/{post}/{slug}/…`.
    static func postName(context: String?) -> String? {
        guard let parts = context?.split(separator: "/"), let index = parts.firstIndex(of: "comments"),
              index + 1 < parts.count else { return nil }
        let post = parts[index + 1].prefix { $0 != "?" }
        return post.isEmpty ? nil : "t3_" + post
    }
}
