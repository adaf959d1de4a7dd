import Foundation
import HeedCore

/// LinkedIn: the `socialActions/{urn}/comments` page (`{"elements":[…]}`) or one comment, and
/// the organization social-action webhook (`{"notifications":[…]}` or one notification).
public enum LinkedInFormat: PlatformFormat {
    public static let name = "linkedin"
    public static let reads = "LinkedIn's socialActions/{urn}/comments and organization social-action notifications"

    static let authorAdvice = "linkedin: authors come only as URNs (urn:li:person:…, urn:li:organization:…); resolve their names with the People or Organizations API"

    /// A socialActions comments page or comment, or a social-action webhook body or notification.
    public static func matches(_ page: JSON) -> Bool {
        if let elements = page["elements"] { return elements.array?.contains(where: isComment) ?? false }
        if let notifications = page["notifications"] {
            return page["type"]?.string == "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS"
                || (notifications.array?.contains(where: isNotification) ?? false)
        }
        return isComment(page) || isNotification(page)
    }

    /// Reads every comment or notification; authors stay URNs, so the advice says how to name them.
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        var queued = false
        if let list = page["elements"] ?? page["notifications"] {
            let name = page["elements"] != nil ? "elements" : "notifications"
            guard let items = list.array else {
                try emit(context.rejected(name, "'\(name)' must be a list"))
                return
            }
            for (index, item) in items.enumerated() {
                let place = GraphSupport.place(name, index)
                let events = name == "elements" ? comment(item, at: place, context) : notification(item, at: place, context)
                for event in events {
                    if case .mention = event { queued = true }
                    try emit(event)
                }
            }
        } else {
            let events = isNotification(page) ? notification(page, at: "notification", context) : comment(page, at: "comment", context)
            for event in events {
                if case .mention = event { queued = true }
                try emit(event)
            }
        }
        // Every queued LinkedIn item has a URN for an author, never a name.
        if queued { try emit(.advice(authorAdvice)) }
    }

    /// Whether a value is a comment of the socialActions API.
    static func isComment(_ item: JSON) -> Bool {
        let urn = item["$URN"]?.string ?? item["commentUrn"]?.string ?? ""
        return urn.hasPrefix("urn:li:comment:") || (item["actor"]?.string?.hasPrefix("urn:li:") == true && item["message"]?.object != nil)
    }

    /// Whether a value is one organization social-action notification.
    static func isNotification(_ item: JSON) -> Bool {
        item["action"]?.string != nil && item["notificationId"] != nil
            && (item["organizationalEntity"] != nil || item["sourcePost"] != nil)
    }

    /// A comment URN in one spelling: `urn:li:comment:(activity:1,2)` becomes
    /// `urn:li:comment:(urn:li:activity:1,2)`, the form the comments API uses.
    static func normalized(_ urn: String) -> String {
        let short = "urn:li:comment:("
        guard urn.hasPrefix(short), !urn.hasPrefix(short + "urn:") else { return urn }
        return short + "urn:li:" + urn.dropFirst(short.count)
    }

    /// One socialActions comment: a comment or a reply, or the page's own (skipped).
    static func comment(_ item: JSON, at position: String, _ context: ReadContext) -> [ImportEvent] {
        GraphSupport.events(context, at: position) {
            guard item.object != nil else { throw GraphSupport.problem("a comment must be an object") }
            let object = item["object"]?.text
            let id: String
            if let urn = item["$URN"]?.text ?? item["commentUrn"]?.text {
                id = normalized(urn)
            } else if let bare = item["id"]?.id, let object {
                id = "urn:li:comment:(\(object),\(bare))"
            } else {
                throw GraphSupport.problem("missing '$URN' (or 'id' and 'object')")
            }
            let text = GraphSupport.plain(try Field.required(item[path: "message", "text"]?.string, "message.text"))
            guard !text.isEmpty else { throw GraphSupport.problem("empty 'message.text'") }
            let createdAt = try Field.required(Times.epochMilliseconds(item[path: "created", "time"]), "created.time")
            let parent = item["parentComment"]?.text.map(normalized)
            // A comment an admin wrote as the organisation carries the admin as impersonator.
            if item[path: "created", "impersonator"]?.text != nil {
                var events: [ImportEvent] = [.skipped(reason: "written by you")]
                if let parent { events.append(.answered(Ref(platform: .linkedin, id: parent), at: createdAt)) }
                return events
            }
            var target = ["parent_urn": parent ?? id]
            if let object { target["object"] = object }
            let mention = Mention(
                platform: .linkedin, id: id, kind: parent == nil ? .comment : .reply,
                author: Author(handle: item["actor"]?.text ?? item[path: "created", "actor"]?.text),
                text: text, createdAt: createdAt, conversation: object, inReplyTo: parent, replyTarget: target
            )
            return [.mention(mention)]
        }
    }

    /// One webhook notification: a member's comment (queued), a reshare with words (a quote),
    /// a mention of the page; likes, plain reposts and the page's own comments are skipped.
    static func notification(_ item: JSON, at position: String, _ context: ReadContext) -> [ImportEvent] {
        GraphSupport.events(context, at: position) {
            guard item.object != nil else { throw GraphSupport.problem("a notification must be an object") }
            let action = try Field.required(item["action"]?.text, "action")
            // The page itself, and the admin who subscribed to the webhook, are the user.
            let own = [item["organizationalEntity"]?.text, item["subscriber"]?.text].compactMap { $0 }
            switch action {
            case "LIKE": return [.skipped(reason: "like")]
            case "ADMIN_COMMENT": return [.skipped(reason: "written by you")]
            case "COMMENT":
                guard let comment = item[path: "decoratedGeneratedActivity", "comment"], comment.object != nil else {
                    throw GraphSupport.problem("COMMENT without 'decoratedGeneratedActivity.comment': fetch \(item["generatedActivity"]?.text ?? "the comment") from the comments API")
                }
                if let owner = comment["owner"]?.text, own.contains(owner) { return [.skipped(reason: "written by you")] }
                let urn = try Field.required(comment["entity"]?.text ?? item["generatedActivity"]?.text, "decoratedGeneratedActivity.comment.entity")
                return [try activity(comment, id: normalized(urn), kind: .comment, item: item)]
            case "SHARE", "SHARE_MENTION":
                let share = item[path: "decoratedGeneratedActivity", "share"]
                if let owner = share?["owner"]?.text, own.contains(owner) { return [.skipped(reason: "written by you")] }
                let words = GraphSupport.plain(share?["text"]?.string ?? "")
                if action == "SHARE", words.isEmpty { return [.skipped(reason: "repost")] }
                guard let share, share.object != nil else {
                    throw GraphSupport.problem("\(action) without 'decoratedGeneratedActivity.share'")
                }
                let urn = try Field.required(share["entity"]?.text ?? item["generatedActivity"]?.text, "decoratedGeneratedActivity.share.entity")
                return [try activity(share, id: urn, kind: action == "SHARE" ? .quote : .mention, item: item)]
            default:
                return [.skipped(reason: action.lowercased().replacingOccurrences(of: "_", with: " "))]
            }
        }
    }

    /// The comment or share a notification decorates, as an item answered by commenting on it.
    static func activity(_ activity: JSON, id: String, kind: MentionKind, item: JSON) throws -> ImportEvent {
        let text = GraphSupport.plain(try Field.required(activity["text"]?.string, "text"))
        guard !text.isEmpty else { throw GraphSupport.problem("empty 'text'") }
        let createdAt = try Field.required(Times.epochMilliseconds(item["lastModifiedAt"]), "lastModifiedAt")
        let thread = activity["object"]?.text ?? item["sourcePost"]?.text
        let parent = activity["parentComment"]?.text.map(normalized)
        var target: [String: String] = [:]
        if kind == .comment {
            target["parent_urn"] = parent ?? id
            if let thread { target["object"] = thread }
        } else {
            target["object"] = id
        }
        return .mention(Mention(
            platform: .linkedin, id: id, kind: parent == nil ? kind : .reply,
            author: Author(handle: activity["owner"]?.text), text: text, createdAt: createdAt,
            conversation: kind == .comment ? thread : item["sourcePost"]?.text, inReplyTo: parent, replyTarget: target
        ))
    }
}
