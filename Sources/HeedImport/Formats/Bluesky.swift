import Foundation
import HeedCore

/// A Bluesky `app.bsky.notification.listNotifications` page, its bare `notifications` array or
/// one notification (what `jq .notifications` and `jq '.notifications[0]'` leave). The item's id
/// is its at:// uri; a reply names this post (uri and cid) as its parent and the thread's first
/// post as its root.
public enum BlueskyFormat: PlatformFormat {
    public static let name = "bluesky"
    public static let reads = "Bluesky's app.bsky.notification.listNotifications (a page, its notifications array, or one notification)"

    /// A `notifications` list of at:// items (LinkedIn's webhook, which also says
    /// `notifications`, carries a `type`), such a list bare, or one such item.
    public static func matches(_ page: JSON) -> Bool {
        if let items = page.array { return items.contains(where: isNotification) }
        if isNotification(page) { return true }
        guard let items = page["notifications"]?.array, page["type"] == nil else { return false }
        if items.isEmpty { return page["cursor"] != nil || page["seenAt"] != nil || page.object?.count == 1 }
        return items.contains(where: isNotification)
    }

    /// A notification: why it came, and the at:// uri of what it is about.
    static func isNotification(_ item: JSON) -> Bool {
        item["reason"]?.string != nil && item["uri"]?.string?.hasPrefix("at://") == true
    }

    /// Reads each notification, named `notifications[i]` (or `notification` when alone).
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        if page.object != nil, page["notifications"] == nil {
            for event in Social.events(context, "notification", { [try notification(page)] }) { try emit(event) }
            return
        }
        for (index, item) in (page.array ?? page["notifications"]?.array ?? []).enumerated() {
            for event in Social.events(context, "notifications[\(index)]", { [try notification(item)] }) { try emit(event) }
        }
    }

    /// Answers of Bluesky's API that hold no notifications.
    public static let relatives: [Relative] = [
        Relative("a Bluesky post record (app.bsky.feed.post)") { page in
            page["$type"]?.string == "app.bsky.feed.post" || (page["text"]?.string != nil && page["createdAt"] != nil && page["uri"] == nil)
        },
        Relative("the answer to com.atproto.repo.createRecord (the record made)") { page in
            page["uri"]?.string?.hasPrefix("at://") == true && page["cid"] != nil && page["reason"] == nil && page["record"] == nil
        },
        Relative("a Bluesky feed (getTimeline or getAuthorFeed: posts, not notifications)") { page in
            page["feed"]?.array?.contains { $0["post"] != nil } == true
        },
        Relative("a Bluesky thread (app.bsky.feed.getPostThread)") { page in page[path: "thread", "post"] != nil },
        Relative("Bluesky posts (app.bsky.feed.getPosts)") { page in
            page["posts"]?.array?.contains { $0["uri"]?.string?.hasPrefix("at://") == true } == true
        },
        Relative("a Bluesky profile (app.bsky.actor.getProfile)") { page in
            page["did"]?.string?.hasPrefix("did:") == true && page["handle"] != nil && page["reason"] == nil
        },
        Relative("a Lexicon schema (a description of the API, not an answer of it)") { page in
            page["lexicon"]?.int != nil && page["id"]?.string != nil && page["defs"] != nil
        },
    ]

    /// One notification: a mention, reply or quote to queue, or what else it was.
    static func notification(_ item: JSON) throws -> ImportEvent {
        _ = try Social.record(item)
        let reason = try Social.string(item["reason"], "reason")
        let kind: MentionKind
        switch reason {
        case "mention": kind = .mention
        case "reply": kind = .reply
        case "quote": kind = .quote
        default:
            // "like-via-repost" and "repost-via-repost" are still a like and a repost.
            if reason.hasPrefix("like") { return .skipped(reason: "like") }
            if reason.hasPrefix("repost") { return .skipped(reason: "repost") }
            return .skipped(reason: reason.isEmpty ? "unknown reason" : reason)
        }
        let uri = try Social.string(item["uri"], "uri")
        guard uri.hasPrefix("at://") else { throw Social.problem("'uri' is not an at:// uri (\(Social.describe(.string(uri))))") }
        let cid = try Social.optionalString(item["cid"], "cid")
        let record = try Social.object(item["record"], "record")
        let words = try Social.string(record["text"], "record.text")
        let text = words.isEmpty ? emptyText(record) : words
        let reply = try Social.optionalObject(record["reply"], "record.reply")
        let root = try reply.map { try Social.object($0["root"], "record.reply.root") }
        let parent = try reply.map { try Social.object($0["parent"], "record.reply.parent") }
        let rootURI = try root.map { try Social.string($0["uri"], "record.reply.root.uri") }
        let rootCID = try root.flatMap { try Social.optionalString($0["cid"], "record.reply.root.cid") }
        let parentURI = try parent.map { try Social.string($0["uri"], "record.reply.parent.uri") }

        var target = ["parent_uri": uri, "root_uri": rootURI ?? uri]
        if let cid { target["parent_cid"] = cid }
        if let rootCID = root == nil ? cid : rootCID { target["root_cid"] = rootCID }

        let author = try Social.optionalObject(item["author"], "author")
        let handle = author?["handle"]?.text
        // The author's DID lets a reply that names them carry a mention facet.
        if let did = author?["did"]?.text { target["author_did"] = did }
        let profile = profileName(handle: handle, did: author?["did"]?.text, uri: uri)
        return .mention(Mention(
            platform: .bluesky, id: uri, kind: kind,
            author: Author(handle: handle, name: Social.name(author?["displayName"]),
                           url: profile.map { "https://bsky.app/profile/\($0)" }),
            text: text, createdAt: try createdAt(record: record, item: item),
            url: profile.map { "https://bsky.app/profile/\($0)/post/\(recordKey(uri))" },
            conversation: rootURI ?? uri, inReplyTo: parentURI, replyTarget: target
        ))
    }

    /// The earlier of the client's `record.createdAt` and the server's `indexedAt`: a client
    /// clock can be wrong either way, and an item cannot be older than what was written.
    static func createdAt(record: JSON, item: JSON) throws -> Date {
        let written = Times.iso(record["createdAt"])
        let indexed = Times.iso(item["indexedAt"])
        switch (written, indexed) {
        case let (written?, indexed?): return min(written, indexed)
        case let (date?, nil), let (nil, date?): return date
        case (nil, nil):
            if record["createdAt"] == nil, item["indexedAt"] == nil { throw Social.problem("missing 'record.createdAt' and 'indexedAt'") }
            throw Social.problem("neither 'record.createdAt' nor 'indexedAt' is a time heed can read")
        }
    }

    /// The profile name for links: the handle, or the DID when the handle is missing or
    /// failed verification (`handle.invalid`), taken from the uri when the author has none.
    static func profileName(handle: String?, did: String?, uri: String) -> String? {
        if let handle, handle != "handle.invalid" { return handle }
        if let did { return did }
        let authority = uri.dropFirst("at://".count).split(separator: "/").first.map(String.init)
        return authority?.isEmpty == false ? authority : nil
    }

    /// The record key: the last segment of an at:// uri.
    static func recordKey(_ uri: String) -> String {
        uri.split(separator: "/").last.map(String.init) ?? uri
    }

    /// What stands for a post without words: its images or embedded record.
    static func emptyText(_ record: JSON) -> String {
        guard let embed = record["embed"] else { return "" }
        let images = embed["images"]?.array ?? embed[path: "media", "images"]?.array ?? []
        return images.isEmpty ? Social.mediaOnly(1) : Social.mediaOnly(images.count)
    }
}
