import Foundation
import HeedCore

/// Instagram Graph comments: a media's comments page (`{"data":[…]}`), one comment (with its
/// `replies.data`), the `?ids=` batch keyed by comment id, and the user's `mentioned_comment`
/// and `mentioned_media` answers.
public enum InstagramFormat: PlatformFormat {
    public static let name = "instagram"
    public static let reads = "Instagram's GET /{ig-media-id}/comments and mentioned_comment"

    static let authorAdvice = "instagram: comments came without 'username' (author unknown); request fields=id,text,timestamp,username,replies{id,text,timestamp,username}"
    static let mediaAdvice = "instagram: mentions came without 'media' (a reply to a mention needs the media id); request mentioned_comment.comment_id(ID){id,text,timestamp,username,media{id}}"

    /// A `data` page of IG comments, one comment, a `mentioned_*` answer, or the `?ids=` batch.
    public static func matches(_ page: JSON) -> Bool {
        if let data = page["data"] {
            guard page["meta"] == nil, page["includes"] == nil, let items = data.array else { return false }
            // An IG comment is timed by `timestamp`; no record of its pages has `created_time`.
            return items.contains(where: isComment) && !items.contains { $0["created_time"] != nil }
        }
        if let mentioned = page["mentioned_comment"] { return isComment(mentioned) }
        if let media = page["mentioned_media"] { return GraphSupport.has(media, "timestamp") }
        if isComment(page) { return true }
        return batch(page) != nil
    }

    /// Reads every comment and its inline replies; the user's own are skipped.
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        if page["data"] == nil, let mentioned = page["mentioned_comment"] {
            // The answer of `/{ig-user-id}?fields=mentioned_comment…` carries that user id beside it.
            var advice = PageAdvice()
            for event in comment(mentioned, at: "mentioned_comment", context, &advice, mentionedBy: page["id"]?.id) { try emit(event) }
            try advice.emit(emit)
        } else if page["data"] == nil, let media = page["mentioned_media"] {
            for event in mentionedMedia(media, user: page["id"]?.id, context) { try emit(event) }
        } else {
            try GraphSupport.readComments(page, context: context, batch: batch, emit: emit) { item, position, advice in
                comment(item, at: position, context, &advice)
            }
        }
    }

    /// Whether a value looks like an IG comment: text (or a username) and a timestamp.
    static func isComment(_ item: JSON) -> Bool {
        GraphSupport.has(item, "timestamp") && (item["text"] != nil || item["username"] != nil)
            && item["created_time"] == nil && item["edit_history_tweet_ids"] == nil
    }

    /// The `?ids=a,b` form: every key a numeric id, every value a comment; sorted by key.
    static func batch(_ page: JSON) -> [(String, JSON)]? {
        guard let object = page.object, !object.isEmpty else { return nil }
        guard object.keys.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }), object.values.contains(where: isComment) else { return nil }
        return object.sorted { $0.key < $1.key }
    }

    /// One comment and its inline replies; `mentionedBy` (the user's IG id, possibly unknown) when it
    /// came from `mentioned_comment`.
    static func comment(
        _ item: JSON, at position: String, _ context: ReadContext, _ advice: inout PageAdvice, mentionedBy user: String?? = nil
    ) -> [ImportEvent] {
        guard item.object != nil else { return [context.rejected(position, "a comment must be an object")] }
        let media = item[path: "media", "id"]?.id
        let parent = item["parent_id"]?.id
        var events = one(item, at: position, context, &advice, kind: user != nil ? .mention : (parent == nil ? .comment : .reply),
                         media: media, parent: parent, user: user ?? nil)
        guard let replies = item[path: "replies", "data"] else { return events }
        guard let list = replies.array, let top = item["id"]?.id else {
            return events + [context.rejected(position + ".replies", "'replies.data' must be a list and the comment must have an 'id'")]
        }
        for (index, reply) in list.enumerated() {
            let place = position + ".replies." + GraphSupport.place("data", index)
            guard reply.object != nil else { events.append(context.rejected(place, "a reply must be an object")); continue }
            events += one(reply, at: place, context, &advice, kind: .reply, media: reply[path: "media", "id"]?.id ?? media, parent: top)
        }
        return events
    }

    /// One comment object (top-level, reply or mention) to its events.
    static func one(
        _ item: JSON, at position: String, _ context: ReadContext, _ advice: inout PageAdvice,
        kind: MentionKind, media: String?, parent: String?, user: String? = nil
    ) -> [ImportEvent] {
        var needsAuthorAdvice = false, needsMediaAdvice = false
        let events = GraphSupport.events(context, at: position) {
            let id = try Field.required(item["id"]?.id, "id")
            guard let rawText = item["text"]?.string else { throw GraphSupport.problem("missing or invalid 'text'") }
            let text = GraphSupport.plain(rawText)
            guard !text.isEmpty else { throw GraphSupport.problem("empty 'text'") }
            let createdAt = try Field.required(GraphSupport.graphTime(item["timestamp"]), "timestamp")
            // IG returns `user` only on comments the app user wrote (otherwise `username`).
            let ownerId = item[path: "user", "id"]?.id ?? item["user"]?.id
            if ownerId != nil {
                var events: [ImportEvent] = [.skipped(reason: "written by you")]
                if let parent { events.append(.answered(Ref(platform: .instagram, id: parent), at: createdAt)) }
                return events
            }
            let username = item["username"]?.text ?? item[path: "from", "username"]?.text
            if username == nil { needsAuthorAdvice = true }
            var target = ["comment_id": kind == .mention ? id : (parent ?? id)]
            if kind == .mention {
                // Answered through /{ig-user-id}/mentions, which takes the media id.
                target["mention"] = "comment"
                if let media { target["media_id"] = media } else { needsMediaAdvice = true }
                if let user { target["ig_user_id"] = user }
            }
            let mention = Mention(
                platform: .instagram, id: id, kind: kind,
                author: Author(handle: username, url: username.map { "https://www.instagram.com/\($0)/" }),
                text: text, createdAt: createdAt, conversation: media, inReplyTo: parent, replyTarget: target
            )
            return [.mention(mention)]
        }
        if needsAuthorAdvice { advice.add(authorAdvice) }
        if needsMediaAdvice { advice.add(mediaAdvice) }
        return events
    }

    /// A media whose caption mentions the user (`mentioned_media`): answered on the media itself.
    static func mentionedMedia(_ media: JSON, user: String?, _ context: ReadContext) -> [ImportEvent] {
        GraphSupport.events(context, at: "mentioned_media") {
            guard media.object != nil else { throw GraphSupport.problem("'mentioned_media' must be an object") }
            let id = try Field.required(media["id"]?.id, "id")
            let text = GraphSupport.plain(try Field.required(media["caption"]?.string, "caption"))
            guard !text.isEmpty else { throw GraphSupport.problem("empty 'caption'") }
            let createdAt = try Field.required(GraphSupport.graphTime(media["timestamp"]), "timestamp")
            let username = media["username"]?.text
            var target = ["media_id": id, "mention": "media"]
            if let user { target["ig_user_id"] = user }
            let mention = Mention(
                platform: .instagram, id: id, kind: .mention,
                author: Author(handle: username, url: username.map { "https://www.instagram.com/\($0)/" }),
                text: text, createdAt: createdAt, url: media["permalink"]?.text, conversation: id,
                replyTarget: target
            )
            return [.mention(mention)]
        }
    }
}
