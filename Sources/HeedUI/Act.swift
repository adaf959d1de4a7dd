import Foundation
import HeedCore

/// What an action does to the items it selects.
public enum Act: Sendable, Equatable {
    case acknowledge(Selection)
    case snooze(Selection, until: Date)
    /// Adds and removes tags.
    case tag(Selection, adding: [String], removing: [String])
    /// Assigns to a teammate (nil: to nobody).
    case assign(Selection, to: String?)

    public var selection: Selection {
        switch self {
        case .acknowledge(let selection), .snooze(let selection, _), .tag(let selection, _, _), .assign(let selection, _): selection
        }
    }

    /// Whom an assignment gives the items to (nil: nobody, or not an assignment).
    public var assignee: String? {
        if case .assign(_, let person) = self { return person }
        return nil
    }
}

/// How an action came out: how many changed, and how many were answered by someone else first
/// (for one item, who and when, when the store knows).
public struct ActOutcome: Sendable, Equatable {
    public var changed: Int
    public var alreadyAnswered: Int
    public var answeredBy: String?
    public var answeredAt: Date?

    public init(changed: Int, alreadyAnswered: Int = 0, answeredBy: String? = nil, answeredAt: Date? = nil) {
        self.changed = changed
        self.alreadyAnswered = alreadyAnswered
        self.answeredBy = answeredBy
        self.answeredAt = answeredAt
    }
}

/// What an answer came to: done, or someone (another queue, another person) was first.
public enum AnswerOutcome: Sendable, Hashable {
    case done
    case alreadyAnswered
    /// A teammate answered the item first, at that time.
    case answeredBy(String, at: Date)
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
