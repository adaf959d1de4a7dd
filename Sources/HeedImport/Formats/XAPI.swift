import Foundation
import HeedCore

/// An X (Twitter) API v2 page of posts: `GET /2/users/:id/mentions` or recent search, with the
/// authors in `includes.users` when `expansions=author_id` was asked for.
public enum XAPIFormat: PlatformFormat {
    public static let name = "x"
    public static let reads = "X's GET /2/users/:id/mentions or GET /2/tweets/search/recent"

    /// What to ask for next time when a page lacks times or authors.
    static let advice = "X: the posts came without their time or author; request "
        + "tweet.fields=created_at,author_id,conversation_id,referenced_tweets&expansions=author_id "
        + "(and user.fields=username,name) next time."

    /// A v2 list of posts: X's `meta` counts, `includes.users`, or `edit_history_tweet_ids` tell it from Graph API `data` lists.
    public static func matches(_ page: JSON) -> Bool {
        guard page.object != nil, page["paging"] == nil else { return false }
        let data = page["data"]
        guard data == nil || data?.array != nil else { return false }
        if page[path: "meta", "result_count"] != nil || page[path: "meta", "newest_id"] != nil { return true }
        if page[path: "includes", "users"]?.array != nil, data != nil { return true }
        return data?.array?.contains { $0["edit_history_tweet_ids"]?.array != nil } == true
    }

    /// Reads each post, named `data[i]`, with one advice per page when times or authors were withheld.
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        var users: [String: JSON] = [:]
        for user in page[path: "includes", "users"]?.array ?? [] {
            if let id = user["id"]?.id { users[id] = user }
        }
        var advised = false
        for (index, item) in (page["data"]?.array ?? []).enumerated() {
            var withheld = false
            let events = Social.events(context, "data[\(index)]") {
                [try post(item, users: users, withheld: &withheld)]
            }
            for event in events { try emit(event) }
            if withheld, !advised {
                advised = true
                try emit(.advice(advice))
            }
        }
    }

    /// One post addressed to the user. `withheld` is set when its time or author had to be guessed.
    static func post(_ item: JSON, users: [String: JSON], withheld: inout Bool) throws -> ImportEvent {
        _ = try Social.record(item)
        let id = try Social.id(item["id"], "id")
        let references = try Social.optionalArray(item["referenced_tweets"], "referenced_tweets")
        func referenced(_ type: String) -> String? {
            references?.first { $0["type"]?.string == type }?["id"]?.id
        }
        if referenced("retweeted") != nil { return .skipped(reason: "repost") }

        // A long post's whole text is in `note_tweet` when asked for; `text` is then cut short.
        let longText = try Social.optionalObject(item["note_tweet"], "note_tweet").flatMap { $0["text"]?.text }
        let text = try longText ?? Social.string(item["text"], "text")

        let createdAt: Date
        if let written = item["created_at"], !written.isNull {
            createdAt = try Social.time(written, "created_at", Times.iso)
        } else if let guessed = Times.snowflake(id) {
            createdAt = guessed
            withheld = true
        } else {
            throw Social.problem("missing 'created_at', and id \(id) carries no time")
        }

        let authorID = try Social.optionalID(item["author_id"], "author_id")
        let user = authorID.flatMap { users[$0] }
        let username = user?["username"]?.text
        if user == nil { withheld = true }

        let inReplyTo = referenced("replied_to")
        let kind: MentionKind = inReplyTo != nil ? .reply : referenced("quoted") != nil ? .quote : .mention
        return .mention(Mention(
            platform: .x, id: id, kind: kind,
            author: Author(handle: username, name: Social.name(user?["name"]), url: username.map { "https://x.com/\($0)" }),
            text: unescape(text), createdAt: createdAt,
            url: "https://x.com/\(username ?? "i")/status/\(id)",
            conversation: try Social.optionalID(item["conversation_id"], "conversation_id"),
            inReplyTo: inReplyTo, replyTarget: ["in_reply_to_tweet_id": id]
        ))
    }

    /// X escapes `&`, `<` and `>` in post text as HTML entities; this turns them back. Nothing
    /// else is HTML, so the text is not run through an HTML parser (that would fold its lines).
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
