import Foundation
import HeedCore

/// The I/O the app needs, as closures: a live version over the store and outbox, and test
/// versions with fixed clocks and data.
public struct Services: Sendable {
    public var now: @Sendable () -> Date
    /// A view's count and oldest item (the plain queue's is maintained by the store).
    public var summary: @Sendable (Query) throws -> QueueSummary
    public var page: @Sendable (Query, PageRequest) throws -> [QueueItem]
    /// The place of an item in a view, and the item, for putting the cursor on it.
    public var locate: @Sendable (Query, Ref) throws -> (item: QueueItem, rank: Int)?
    public var act: @Sendable (Act, Date) throws -> ActOutcome
    public var saveReply: @Sendable (ReplyInput, Date) throws -> AnswerOutcome
    public var undo: @Sendable () throws -> UndoneAction?
    /// The selected item's conversation, oldest first.
    public var thread: @Sendable (Ref) throws -> [QueueItem] = { _ in [] }
    /// The exact count of a view first summarised with an estimate.
    public var exactCount: @Sendable (Query) throws -> Int = { _ in 0 }
    /// The response figures the stats screen shows.
    public var stats: @Sendable (Date) throws -> ResponseStats = { ResponseStats(now: $0, since: nil, all: AnswerFigures(platform: nil, received: 0, replied: 0, acknowledged: 0, waiting: 0, snoozed: 0, durations: [], unansweredOlder: []), platforms: [], waitingAges: AgeBucket.empty, days: []) }
    /// An item's author's history with the user (their linked accounts too), and their name.
    public var author: @Sendable (Ref, Date) throws -> (name: String, history: AuthorHistory)? = { _, _ in nil }
    /// Waiting items per platform (maintained counts).
    public var platformCounts: @Sendable () throws -> [PlatformCount] = { [] }
    /// Whether another process (or the spool folder) changed the store since the last call,
    /// with what to tell the user about it.
    public var changed: @Sendable () -> StoreChange? = { nil }
    /// Wakes snoozed items whose time has come; how many.
    public var wake: @Sendable (Date) throws -> Int = { _ in 0 }
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
        summary: @escaping @Sendable (Query) throws -> QueueSummary,
        page: @escaping @Sendable (Query, PageRequest) throws -> [QueueItem],
        locate: @escaping @Sendable (Query, Ref) throws -> (item: QueueItem, rank: Int)?,
        act: @escaping @Sendable (Act, Date) throws -> ActOutcome,
        saveReply: @escaping @Sendable (ReplyInput, Date) throws -> AnswerOutcome,
        undo: @escaping @Sendable () throws -> UndoneAction?
    ) {
        self.now = now
        self.summary = summary
        self.page = page
        self.locate = locate
        self.act = act
        self.saveReply = saveReply
        self.undo = undo
    }
}

/// The store changed under the queue: by another process, or by a file from the spool folder.
public struct StoreChange: Sendable, Equatable {
    public var notice: String?
    public init(notice: String? = nil) { self.notice = notice }
}

/// Does an effect with the services and returns what came of it as actions.
public enum EffectRunner {
    public static func run(_ effect: Effect, _ services: Services) -> [Action] {
        do {
            switch effect {
            case .loadSummary(let view):
                return [.summaryLoaded(try services.summary(view), view: view)]
            case .load(let request, let view):
                return [.pageLoaded(request, try services.page(view, request), view: view)]
            case .focus(let ref, let view):
                return try focus(ref, view, services)
            case .reload(let from, let offset, let count, let ref, let view):
                let items = try services.page(view, .after(RankKey(createdAt: from.createdAt, row: from.row - 1), count))
                guard items.first?.key == from, items.contains(where: { $0.mention.ref == ref }) else { return try focus(ref, view, services) }
                return [.summaryLoaded(try services.summary(view), view: view), .windowReplaced(items: items, offset: offset, focus: ref, view: view)]
            case .act(let act):
                return [.acted(act, try services.act(act, services.now()))]
            case .loadThread(let ref):
                return [.threadLoaded(ref, try services.thread(ref))]
            case .loadPlatformCounts:
                return [.platformCountsLoaded(try services.platformCounts())]
            case .loadStats:
                return [.statsLoaded(try services.stats(services.now()))]
            case .loadAuthor(let ref):
                guard let (name, history) = try services.author(ref, services.now()) else { return [.failed("\(ref) is not in the store")] }
                return [.authorLoaded(ref, name: name, history)]
            case .loadAuthorLine(let ref):
                return [.authorLineLoaded(ref, try services.author(ref, services.now())?.history)]
            case .countView(let view):
                return [.viewCounted(view, try services.exactCount(view))]
            case .countViews(let views):
                return [.viewCountsLoaded(views.map { try? services.summary($0).waiting })]
            case .checkForChanges:
                return services.changed().map { [.storeChanged(notice: $0.notice)] } ?? []
            case .wakeSnoozed:
                let woken = try services.wake(services.now())
                return woken > 0 ? [.snoozedWoke(woken)] : []
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

    /// The window of a view around an item: half a page each side; from the top when the
    /// item has left the view.
    static func focus(_ ref: Ref?, _ view: Query, _ services: Services) throws -> [Action] {
        let summary = try services.summary(view)
        guard let ref, let (item, rank) = try services.locate(view, ref) else {
            return [.summaryLoaded(summary, view: view), .windowReplaced(items: try services.page(view, .first(QueueState.pageSize)), offset: 0, focus: nil, view: view)]
        }
        let half = QueueState.pageSize / 2
        let before = try services.page(view, .before(item.key, half))
        let after = try services.page(view, .after(item.key, half))
        return [.summaryLoaded(summary, view: view), .windowReplaced(items: before + [item] + after, offset: rank - before.count, focus: ref, view: view)]
    }
}
