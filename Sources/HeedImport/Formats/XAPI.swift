import Foundation
import HeedCore

/// An X (Twitter) API v2 page of posts: `GET /2/users/:id/mentions` or recent search, with the
/// authors in `includes.users` when `expansions=author_id` was asked for.
public enum XAPIFormat: PlatformFormat {
    public static let name = "x"
    public static let reads = "X's GET /2/users/:id/mentions or GET /2/tweets/search/recent"

    /// What a post came without, of what heed needs.
    enum Withheld: Hashable {
        /// `created_at` (the time was read from the id).
        case time
        /// `author_id`.
        case author
        /// The author's user in `includes.users` (its id was there).
        case authorName
    }

    /// What to ask for next time, saying exactly what the page's posts came without.
    static func advice(_ withheld: Set<Withheld>) -> String {
        let fields = "tweet.fields=created_at,author_id,conversation_id,referenced_tweets&expansions=author_id (and user.fields=username,name)"
        switch (withheld.contains(.time), withheld.contains(.author), withheld.contains(.authorName)) {
        case (true, true, _): return "X: the posts came without their time or author; request \(fields) next time."
        case (true, false, let names):
            return "X: the posts came without their time\(names ? " or their authors' names" : ""); request \(fields) next time."
        case (false, true, _): return "X: the posts came without their author; request \(fields) next time."
        case (false, false, _):
            return "X: the posts named their authors by id only; request expansions=author_id (and user.fields=username,name) next time, so includes.users names them."
        }
    }

    /// Answers of X's API that hold no list of posts.
    public static let relatives: [Relative] = [
        Relative("a single X post (GET /2/tweets/:id)") { page in page[path: "data", "text"]?.string != nil && page[path: "data", "id"] != nil },
        Relative("an X user (GET /2/users/me or /2/users/by/username/:username)") { page in
            page[path: "data", "username"]?.string != nil && page[path: "data", "text"] == nil
        },
        Relative("a list of X users") { page in
            page["data"]?.array.map { !$0.isEmpty && $0.allSatisfy { $0["username"] != nil && $0["text"] == nil } } ?? false
        },
    ]

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
        var withheld: Set<Withheld> = []
        for (index, item) in (page["data"]?.array ?? []).enumerated() {
            let events = Social.events(context, "data[\(index)]") {
                [try post(item, users: users, withheld: &withheld)]
            }
            for event in events { try emit(event) }
        }
        // Once per page, after its posts, naming what any of them lacked.
        if !withheld.isEmpty { try emit(.advice(advice(withheld))) }
    }

    /// One post addressed to the user. `withheld` gains what its time or author lacked.
    static func post(_ item: JSON, users: [String: JSON], withheld: inout Set<Withheld>) throws -> ImportEvent {
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
        // With default fields a repost has no `referenced_tweets`; its text says what it is.
        if longText == nil, text.hasPrefix("RT @") { return .skipped(reason: "repost") }

        let createdAt: Date
        if let written = item["created_at"], !written.isNull {
            createdAt = try Social.time(written, "created_at", Times.iso)
        } else if let guessed = Times.snowflake(id) {
            createdAt = guessed
            withheld.insert(.time)
        } else {
            throw Social.problem("missing 'created_at', and id \(id) carries no time")
        }

        let authorID = try Social.optionalID(item["author_id"], "author_id")
        let user = authorID.flatMap { users[$0] }
        let username = user?["username"]?.text
        if user == nil { withheld.insert(authorID == nil ? .author : .authorName) }

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
