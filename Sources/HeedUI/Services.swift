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
    /// Unsaved replies: keep, recover, forget, list.
    public var autosave: @Sendable (Ref, String) throws -> Void = { _, _ in }
    public var recover: @Sendable (Ref) -> (text: String, at: Date)? = { _ in nil }
    public var forget: @Sendable (Ref) -> Void = { _ in }
    public var unsaved: @Sendable () -> [Ref] = { [] }
    /// Saved replies, from the templates folder.
    public var templates: @Sendable () -> [Template] = { [] }
    /// The outbox: drafts (not discarded, newest first), a new text for one, discarding one.
    public var drafts: @Sendable () throws -> [DraftRow] = { [] }
    public var saveEdit: @Sendable (String, String, Date) throws -> Void = { _, _, _ in }
    public var discard: @Sendable (DraftRow, Date) throws -> AnswerOutcome = { _, _ in .unknown }

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
            case .autosave(let ref, let text):
                try services.autosave(ref, text)
                return []
            case .recoverAutosave(let ref):
                guard let (text, at) = services.recover(ref) else { return [] }
                return [.autosaveRecovered(ref, text: text, at: at)]
            case .forgetAutosave(let ref):
                services.forget(ref)
                return []
            case .findUnsaved:
                let refs = services.unsaved()
                return refs.isEmpty ? [] : [.unsavedFound(refs)]
            case .loadTemplates:
                return [.templatesLoaded(services.templates())]
            case .loadDrafts:
                return [.draftsLoaded(try services.drafts())]
            case .saveEdit(let draft, let text):
                do {
                    try services.saveEdit(draft, text, services.now())
                    return [.draftEdited(draft), .draftsLoaded(try services.drafts())]
                } catch {
                    return [.replyFailed("The draft was not saved: \(error)")]
                }
            case .discardDraft(let row):
                let outcome = try services.discard(row, services.now())
                return [.draftDiscarded(row, outcome), .draftsLoaded(try services.drafts())]
            case .quit, .openEditor, .nextTheme:
                return []
            }
        } catch {
            return [.failed("\(error)")]
        }
    }
}
