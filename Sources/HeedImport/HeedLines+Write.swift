import Foundation
import HeedCore

extension HeedLines {
    /// One item as a line of heed's import format, plus `ref`, `state` and `waited_seconds`,
    /// so that `heed list --json --all | heed import -` rebuilds a store; `tags` and `priority`
    /// when it has them, and `due_seconds` (the time left before its response target, negative
    /// when late) when `due` is given.
    public static func line(_ mention: Mention, now: Date, due: ResponseTargets.Due? = nil) -> String {
        var json = JSONWriter()
        json.add("platform", mention.platform.rawValue)
        json.add("id", mention.id)
        json.add("kind", mention.kind.rawValue)
        var author = JSONWriter()
        author.add("handle", mention.author.handle)
        author.add("name", mention.author.name)
        author.add("url", mention.author.url)
        json.addRaw("author", author.finish())
        json.add("text", mention.text)
        json.add("created_at", Timestamp.formatPrecise(mention.createdAt))
        json.add("url", mention.url)
        json.add("conversation", mention.conversation)
        json.add("in_reply_to", mention.inReplyTo)
        if !mention.replyTarget.isEmpty { json.add("reply_target", mention.replyTarget) }
        json.add("ref", mention.ref.description)
        json.add("state", mention.state.name)
        switch mention.state {
        case .waiting: break
        case .acknowledged(let at): json.add("acknowledged_at", Timestamp.formatPrecise(at))
        case .replied(let draft, let at):
            json.add("replied_at", Timestamp.formatPrecise(at))
            json.add("draft", draft)
        case .snoozed(let until): json.add("snoozed_until", Timestamp.formatPrecise(until))
        }
        json.add("waited_seconds", Int(mention.waited(at: now)))
        if !mention.tags.isEmpty { json.add("tags", mention.tags) }
        if mention.priority != 0 { json.add("priority", mention.priority) }
        if let due { json.add("due_seconds", Int(due.left / 1000)) }
        return json.finish()
    }
}
