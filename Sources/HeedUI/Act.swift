import Foundation
import HeedCore

/// What an action does to the items it selects.
public enum Act: Sendable, Equatable {
    case acknowledge(Selection)
    case snooze(Selection, until: Date)
    /// Adds and removes tags.
    case tag(Selection, adding: [String], removing: [String])

    public var selection: Selection {
        switch self {
        case .acknowledge(let selection), .snooze(let selection, _), .tag(let selection, _, _): selection
        }
    }
}

/// How an action came out: how many changed, and how many were answered by someone else first.
public struct ActOutcome: Sendable, Equatable {
    public var changed: Int
    public var alreadyAnswered: Int

    public init(changed: Int, alreadyAnswered: Int = 0) {
        self.changed = changed
        self.alreadyAnswered = alreadyAnswered
    }
}

/// What an answer came to: done, or someone (another queue, another person) was first.
public enum AnswerOutcome: Sendable, Equatable {
    case done
    case alreadyAnswered
    case unknown
}

/// What a reply saved from the composer carries to the outbox.
public struct ReplyInput: Sendable, Equatable {
    public var ref: Ref
    public var replyTarget: [String: String]
    public var author: String?
    public var text: String
    /// Whether the reply answers the whole conversation (every open item of it).
    public var thread: Bool

    public init(ref: Ref, replyTarget: [String: String], author: String?, text: String, thread: Bool = false) {
        self.ref = ref
        self.replyTarget = replyTarget
        self.author = author
        self.text = text
        self.thread = thread
    }
}
