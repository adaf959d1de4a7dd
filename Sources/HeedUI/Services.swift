import Foundation
import HeedCore

/// The I/O the app needs, as closures: a live version over the store and outbox, and test
/// versions with fixed clocks and data.
public struct Services: Sendable {
    public var now: @Sendable () -> Date
    public var summary: @Sendable () throws -> QueueSummary
    public var page: @Sendable (PageRequest) throws -> [QueueItem]
    /// The absolute place of a waiting item in the rank, and the item, for putting the cursor on it.
    public var locate: @Sendable (Ref) throws -> (item: QueueItem, rank: Int)?
    public var acknowledge: @Sendable (Ref, Date) throws -> AnswerOutcome
    public var saveReply: @Sendable (ReplyInput, Date) throws -> AnswerOutcome
    public var undo: @Sendable () throws -> UndoneAction?

    public init(
        now: @escaping @Sendable () -> Date,
        summary: @escaping @Sendable () throws -> QueueSummary,
        page: @escaping @Sendable (PageRequest) throws -> [QueueItem],
        locate: @escaping @Sendable (Ref) throws -> (item: QueueItem, rank: Int)?,
        acknowledge: @escaping @Sendable (Ref, Date) throws -> AnswerOutcome,
        saveReply: @escaping @Sendable (ReplyInput, Date) throws -> AnswerOutcome,
        undo: @escaping @Sendable () throws -> UndoneAction?
    ) {
        self.now = now
        self.summary = summary
        self.page = page
        self.locate = locate
        self.acknowledge = acknowledge
        self.saveReply = saveReply
        self.undo = undo
    }
}

/// Does an effect with the services and returns what came of it as actions.
public enum EffectRunner {
    public static func run(_ effect: Effect, _ services: Services) -> [Action] {
        do {
            switch effect {
            case .loadSummary:
                return [.summaryLoaded(try services.summary())]
            case .load(let request):
                return [.pageLoaded(request, try services.page(request))]
            case .focus(let ref):
                guard let (item, rank) = try services.locate(ref) else {
                    return [.summaryLoaded(try services.summary()), .windowReplaced(items: try services.page(.first(QueueState.pageSize)), offset: 0, focus: nil)]
                }
                let half = QueueState.pageSize / 2
                let before = try services.page(.before(item.key, half))
                let after = try services.page(.after(item.key, half))
                return [.summaryLoaded(try services.summary()), .windowReplaced(items: before + [item] + after, offset: rank - before.count, focus: ref)]
            case .acknowledge(let ref):
                return [.acknowledged(ref, try services.acknowledge(ref, services.now()))]
            case .saveReply(let input):
                do {
                    return [.replySaved(input.ref, try services.saveReply(input, services.now()))]
                } catch {
                    return [.replyFailed("The reply was not saved: \(error)")]
                }
            case .undo:
                return [.undone(try services.undo())]
            case .quit:
                return []
            }
        } catch {
            return [.failed("\(error)")]
        }
    }
}
