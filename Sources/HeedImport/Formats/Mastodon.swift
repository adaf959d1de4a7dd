import Foundation
import HeedCore

/// Mastodon's notifications (`GET /api/v1/notifications`, a list or a single one), grouped
/// notifications (`GET /api/v2/notifications`, see `MastodonFormat+Grouped`) and direct
/// message conversations (`GET /api/v1/conversations`). The item's id is the status id, the one
/// a reply names; the notification's own id is another number space and is not kept.
public enum MastodonFormat: PlatformFormat {
    public static let name = "mastodon"
    public static let reads = "Mastodon's GET /api/v1/notifications, GET /api/v2/notifications (grouped) or GET /api/v1/conversations"

    /// A list of notifications or conversations (not both), one of either, or a page of groups.
    public static func matches(_ page: JSON) -> Bool {
        if isGrouped(page) { return true }
        if let items = page.array {
            let notifications = items.contains(where: isNotification)
            let conversations = items.contains(where: isConversation)
            return notifications != conversations
        }
        return isNotification(page) || isConversation(page)
    }

    /// Reads each record, named `notifications[i]` or `conversations[i]`.
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        if isGrouped(page) {
            try readGroups(page, context: context, emit: emit)
        } else if let items = page.array {
            let conversations = items.contains(where: isConversation) && !items.contains(where: isNotification)
            for (index, item) in items.enumerated() {
                let place = conversations ? "conversations[\(index)]" : "notifications[\(index)]"
                let events = Social.events(context, place) {
                    conversations ? try conversation(item) : [try notification(item)]
                }
                for event in events { try emit(event) }
            }
        } else if isConversation(page) {
            for event in Social.events(context, "conversation", { try conversation(page) }) { try emit(event) }
        } else {
            for event in Social.events(context, "notification", { [try notification(page)] }) { try emit(event) }
        }
    }

    /// Answers of Mastodon's API that hold no notifications.
    public static let relatives: [Relative] = [
        Relative("a single Mastodon status (GET /api/v1/statuses/:id)", matches: isStatus),
        Relative("a Mastodon timeline (statuses, not the notifications that mention you)") { page in
            page.array.map { !$0.isEmpty && $0.allSatisfy(isStatus) } ?? false
        },
        Relative("a Mastodon account (GET /api/v1/accounts/:id)", matches: isAccount),
        Relative("a list of Mastodon accounts") { page in page.array.map { !$0.isEmpty && $0.allSatisfy(isAccount) } ?? false },
        Relative("a Mastodon thread (GET /api/v1/statuses/:id/context)") { page in
            page["ancestors"]?.array != nil && page["descendants"]?.array != nil
        },
        Relative("Mastodon search results (GET /api/v2/search)") { page in
            page["accounts"]?.array != nil && page["statuses"]?.array != nil && page["hashtags"]?.array != nil
        },
        Relative("a Mastodon server's description (GET /api/v2/instance)") { page in
            (page["uri"] ?? page["domain"])?.string != nil && page["version"]?.string != nil && (page["configuration"] ?? page["stats"]) != nil
        },
    ]

    // MARK: - Shapes

    /// A status: its HTML content, its account and its visibility.
    static func isStatus(_ item: JSON) -> Bool {
        item["content"]?.string != nil && item["account"]?.object != nil && item["visibility"] != nil && item["id"] != nil && item["type"] == nil
    }

    /// An account: its `acct` and `username` and the counts of its profile.
    static func isAccount(_ item: JSON) -> Bool {
        item["acct"]?.string != nil && item["username"] != nil && item["id"] != nil
            && (item["followers_count"] ?? item["statuses_count"] ?? item["locked"]) != nil
    }

    /// A notification: a `type` string and the `account` that caused it.
    static func isNotification(_ item: JSON) -> Bool {
        item["type"]?.string != nil && item["account"]?.object != nil && item["id"] != nil
    }

    /// A conversation: its participants and its last status (which may be null).
    static func isConversation(_ item: JSON) -> Bool {
        item["accounts"]?.array != nil && item["last_status"] != nil && item["id"] != nil && item["type"] == nil
    }

    // MARK: - Records

    /// One notification: a mention or quote to queue, or what else it was.
    static func notification(_ item: JSON) throws -> ImportEvent {
        _ = try Social.record(item)
        let type = try Social.string(item["type"], "type")
        if let skip = skipped(type) { return skip }
        guard let status = try Social.optionalObject(item["status"], "status") else { return .skipped(reason: "deleted post") }
        return .mention(try mention(status, prefix: "status", quote: type == "quote", conversation: nil, account: item["account"]))
    }

    /// The skip of a notification type that is not for the queue; nil for a mention or a quote.
    static func skipped(_ type: String) -> ImportEvent? {
        switch type {
        case "mention", "quote": nil
        case "favourite": .skipped(reason: "like")
        case "reblog": .skipped(reason: "repost")
        default: .skipped(reason: type.isEmpty ? "unknown type" : type)
        }
    }

    /// One conversation: its last status is a direct message, unless the user wrote it (the
    /// participants listed never include the user), in which case it answers what it replies to.
    static func conversation(_ item: JSON) throws -> [ImportEvent] {
        _ = try Social.record(item)
        let conversationID = try Social.id(item["id"], "id")
        guard let status = try Social.optionalObject(item["last_status"], "last_status") else {
            return [.skipped(reason: "deleted post")]
        }
        let participants = (item["accounts"]?.array ?? []).compactMap { $0["id"]?.id }
        if let writer = status[path: "account", "id"]?.id, !participants.isEmpty, !participants.contains(writer) {
            var events: [ImportEvent] = []
            if let parent = try Social.optionalID(status["in_reply_to_id"], "last_status.in_reply_to_id") {
                let at = try Social.time(status["created_at"], "last_status.created_at", Times.iso)
                events.append(.answered(Ref(platform: .mastodon, id: parent), at: at))
            }
            return events + [.skipped(reason: "written by you")]
        }
        let fallback = item["accounts"]?[0]
        return [.mention(try mention(status, prefix: "last_status", quote: false, conversation: conversationID, account: fallback))]
    }

    /// A status addressed to the user, as a mention. `account` stands in when the status has none.
    static func mention(_ status: JSON, prefix: String, quote: Bool, conversation: String?, account: JSON?) throws -> Mention {
        let id = try Social.id(status["id"], "\(prefix).id")
        let createdAt = try Social.time(status["created_at"], "\(prefix).created_at", Times.iso)
        let content = try Social.string(status["content"], "\(prefix).content")
        let warning = try Social.optionalString(status["spoiler_text"], "\(prefix).spoiler_text") ?? ""
        var visibility = try Social.optionalString(status["visibility"], "\(prefix).visibility")
        // A conversation holds direct messages only: its reply stays direct even when the status omits it.
        if conversation != nil, visibility?.isEmpty != false { visibility = "direct" }
        let inReplyTo = try Social.optionalID(status["in_reply_to_id"], "\(prefix).in_reply_to_id")
        let url = try Social.optionalString(status["url"], "\(prefix).url")

        var text = HTMLText.plain(content)
        let media = status["media_attachments"]?.array?.count ?? 0
        if text.isEmpty, media > 0 { text = Social.mediaOnly(media) }
        if !warning.isEmpty { text = "CW: \(warning)\n\n" + text }

        let kind: MentionKind =
            if visibility == "direct" { .dm }
            else if inReplyTo != nil { .reply }
            else if quote { .quote }
            else { .mention }
        var target = ["in_reply_to_id": id]
        if let visibility, !visibility.isEmpty { target["visibility"] = visibility }
        // Everyone else the post mentions, so a reply can keep them in the conversation.
        let mentioned = (status["mentions"]?.array ?? []).compactMap { $0["acct"]?.text }
        if !mentioned.isEmpty { target["mentions"] = mentioned.joined(separator: " ") }

        // Statuses carry no thread id: replies to the same status make one conversation.
        return Mention(
            platform: .mastodon, id: id, kind: kind,
            author: try author(Social.optionalObject(status["account"], "\(prefix).account") ?? account),
            text: text, createdAt: createdAt, url: url?.isEmpty == false ? url : nil,
            conversation: conversation ?? inReplyTo, inReplyTo: inReplyTo, replyTarget: target
        )
    }

    /// The account that wrote a status: `acct` (`user` or `user@host`), display name, profile.
    static func author(_ account: JSON?) -> Author {
        guard let account, account.object != nil else { return Author() }
        return Author(
            handle: account["acct"]?.text ?? account["username"]?.text,
            name: Social.name(account["display_name"]),
            url: account["url"]?.text
        )
    }
}
