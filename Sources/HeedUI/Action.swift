import Foundation
import HeedCore
import Screen

/// Something that happened: a key, a tick, a resize, or the result of an effect.
public enum Action: Sendable {
    case keyPressed(Key)
    case ticked(Date)
    case resized(width: Int, height: Int)
    case summaryLoaded(QueueSummary)
    case pageLoaded(PageRequest, [QueueItem])
    case windowReplaced(items: [QueueItem], offset: Int, focus: Ref?)
    case acknowledged(Ref, AnswerOutcome)
    case replySaved(Ref, AnswerOutcome)
    case replyFailed(String)
    case undone(UndoneAction?)
    case failed(String)
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

    public init(ref: Ref, replyTarget: [String: String], author: String?, text: String) {
        self.ref = ref
        self.replyTarget = replyTarget
        self.author = author
        self.text = text
    }
}

/// Work the reducer asks for; the runner does it and sends the result back as an action.
public enum Effect: Sendable, Equatable {
    case loadSummary
    case load(PageRequest)
    case focus(Ref)
    case acknowledge(Ref)
    case saveReply(ReplyInput)
    case undo
    case quit
}
