import Foundation
import HeedCore

/// FriendFeed API v1 feeds (`{"entries":[…]}`): the entries of a user's feed with their comments
/// and likes, or one entry alone (read as a feed of one, whose writer is the feed's owner).
/// The service closed in 2015, so its items can be read but never answered.
public enum FriendFeedFormat: PlatformFormat {
    public static let name = "friendfeed"
    public static let reads = "FriendFeed's v1 feeds (entries with their comments, or one entry)"

    /// A feed of entries by FriendFeed users, or one entry.
    public static func matches(_ page: JSON) -> Bool {
        if isEntry(page) { return true }
        guard let entries = page["entries"]?.array else { return false }
        return entries.contains(where: isEntry)
    }

    /// An entry: its id, the user who posted it, and its comments, likes or service.
    static func isEntry(_ entry: JSON) -> Bool {
        entry["id"] != nil && entry[path: "user", "nickname"] != nil && entry["entries"] == nil
            && (entry["comments"] != nil || entry["likes"] != nil || entry["service"] != nil)
    }

    /// Reads every entry of the feed with its comments and likes.
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        guard let entries = page["entries"]?.array ?? (isEntry(page) ? [page] : nil) else {
            try emit(context.rejected("entries", "'entries' must be a list"))
            return
        }
        let owner = feedOwner(entries)
        let alone = page["entries"] == nil
        for (index, entry) in entries.enumerated() {
            for event in events(entry, owner: owner, at: alone ? "entry" : GraphSupport.place("entries", index), context) { try emit(event) }
        }
    }

    /// Whose feed this is: the nickname that wrote the most entries (the first among equals).
    static func feedOwner(_ entries: [JSON]) -> String? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for name in entries.compactMap({ $0[path: "user", "nickname"]?.text }) {
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
        }
        return order.max { counts[$0, default: 0] < counts[$1, default: 0] }
    }

    /// One entry: the owner's own post (skipped) or another's, then its comments and likes.
    static func events(_ entry: JSON, owner: String?, at position: String, _ context: ReadContext) -> [ImportEvent] {
        guard entry.object != nil else { return [context.rejected(position, "an entry must be an object")] }
        guard let entryId = entry["id"]?.id else { return [context.rejected(position, "missing or invalid 'id'")] }
        let author = entry[path: "user", "nickname"]?.text
        let ownEntry = owner != nil && author == owner
        var events: [ImportEvent] = []
        if ownEntry {
            events.append(.skipped(reason: "written by you"))
        } else if let owner, let title = entry["title"]?.text, addresses(title, owner) {
            events += GraphSupport.events(context, at: position) {
                let createdAt = try Field.required(Times.iso(entry["published"] ?? entry["updated"]), "published")
                return [.mention(Mention(
                    platform: .friendfeed, id: entryId, kind: .mention, author: person(entry["user"]),
                    text: GraphSupport.plain(title), createdAt: createdAt, url: entry["link"]?.text, conversation: entryId
                ))]
            }
        } else {
            events.append(.skipped(reason: "not addressed to you"))
        }
        if let comments = entry["comments"], !comments.isNull {
            guard let list = comments.array else { return events + [context.rejected(position + ".comments", "'comments' must be a list")] }
            for (index, comment) in list.enumerated() {
                let place = position + "." + GraphSupport.place("comments", index)
                events += GraphSupport.events(context, at: place) {
                    try self.comment(comment, entry: entryId, owner: owner, ownEntry: ownEntry)
                }
            }
        }
        let likes = entry["likes"]?.array ?? []
        events += likes.map { _ in .skipped(reason: "like") }
        return events
    }

    /// One comment on an entry: queued when it is on the owner's entry or names the owner.
    static func comment(_ comment: JSON, entry: String, owner: String?, ownEntry: Bool) throws -> [ImportEvent] {
        guard comment.object != nil else { throw GraphSupport.problem("a comment must be an object") }
        let id = try Field.required(comment["id"]?.id, "id")
        let text = GraphSupport.plain(try Field.required(comment["body"]?.string, "body"))
        guard !text.isEmpty else { throw GraphSupport.problem("empty 'body'") }
        let createdAt = try Field.required(Times.iso(comment["date"]), "date")
        let author = comment[path: "user", "nickname"]?.text
        if let owner, author == owner { return [.skipped(reason: "written by you")] }
        let named = owner.map { addresses(text, $0) } ?? false
        guard ownEntry || named else { return [.skipped(reason: "not addressed to you")] }
        return [.mention(Mention(
            platform: .friendfeed, id: id, kind: ownEntry ? .comment : .mention, author: person(comment["user"]),
            text: text, createdAt: createdAt, conversation: entry
        ))]
    }

    /// A FriendFeed user as heed's author.
    static func person(_ user: JSON?) -> Author {
        Author(handle: user?["nickname"]?.text, name: user?["name"]?.text, url: user?["profileUrl"]?.text)
    }

    /// Whether a text names the user the FriendFeed way, `@nickname`.
    static func addresses(_ text: String, _ nickname: String) -> Bool {
        text.range(of: "@" + nickname, options: .caseInsensitive) != nil
    }
}
