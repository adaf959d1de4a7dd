import Foundation
import HeedCore

/// The I/O the app needs, as closures: a live version over the store and outbox, and test
/// versions with fixed clocks and data.
public struct Services: Sendable {
    public var now: @Sendable () -> Date
    /// A query's count and oldest item (the plain queue's is maintained by the store).
    public var summary: @Sendable (Query) throws -> QueueSummary
    public var page: @Sendable (Query, PageRequest) throws -> [QueueItem]
    /// The place of an item in a query, and the item, for putting the cursor on it.
    public var locate: @Sendable (Query, Ref) throws -> (item: QueueItem, rank: Int)?
    public var act: @Sendable (Act, Date) throws -> ActOutcome
    public var saveReply: @Sendable (ReplyInput, Date) throws -> AnswerOutcome
    public var undo: @Sendable () throws -> UndoneAction?
    /// The selected item's conversation, oldest first.
    public var thread: @Sendable (Ref) throws -> [QueueItem] = { _ in [] }
    /// The exact count of a query first summarised with an estimate.
    public var exactCount: @Sendable (Query) throws -> Int = { _ in 0 }
    /// The response figures the stats screen shows.
    public var stats: @Sendable (Date) throws -> ResponseStats = { ResponseStats(now: $0, since: nil, all: AnswerFigures(platform: nil, received: 0, replied: 0, acknowledged: 0, waiting: 0, snoozed: 0, durations: [], unansweredOlder: []), platforms: [], waitingAges: AgeBucket.empty, days: []) }
    /// An item's author's history with the user (their linked accounts too), and their name.
    public var author: @Sendable (Ref, Date) throws -> (name: String, history: AuthorHistory)? = { _, _ in nil }
    /// Waiting items per platform (maintained counts).
    public var platformCounts: @Sendable () throws -> [PlatformCount] = { [] }
    /// The tags in use, most used first.
    public var tags: @Sendable () throws -> [TagCount] = { [] }
    /// Whether another process (or the spool folder) changed the store since the last call,
    /// with what to tell the user about it.
    public var changed: @Sendable () -> StoreChange? = { nil }
    /// How far search indexing in the background has come; nil when it is not running.
    public var indexing: @Sendable () -> Indexing? = { nil }
    /// Wakes snoozed items whose time has come; how many.
    public var wake: @Sendable (Date) throws -> Int = { _ in 0 }
    /// Unsaved replies: keep, recover, forget, list.
    public var autosave: @Sendable (Ref, String) throws -> Void = { _, _ in }
    public var recover: @Sendable (Ref) -> (text: String, at: Date)? = { _ in nil }
    public var forget: @Sendable (Ref) -> Void = { _ in }
    public var unsaved: @Sendable () -> [UnsavedReply] = { [] }
    /// Saved replies, from the templates folder.
    public var templates: @Sendable () -> [Template] = { [] }
    /// Where saved replies are read from, to tell the user (nil: none is).
    public var templatesFolder: String?
    /// The outbox: drafts (not discarded, newest first), a new text for one, discarding one.
    public var drafts: @Sendable () throws -> [DraftRow] = { [] }
    public var saveEdit: @Sendable (String, String, Date) throws -> Void = { _, _, _ in }
    public var discard: @Sendable (DraftRow, Date) throws -> AnswerOutcome = { _, _ in .unknown }
    /// The people items can be assigned to.
    public var teammates: @Sendable () throws -> [String] = { [] }
    /// Tells the others that the composer is open on an item (nil: closed).
    public var composing: @Sendable (Ref?) throws -> Void = { _ in }
    /// A theme by name: the one to use (the default where it cannot be read), every name, problems.
    public var theme: @Sendable (String) -> ThemeChoice = { ThemeChoice(name: $0, names: [$0]) }
    /// Starts fetching every account in the background: nil once started, else why not.
    public var startFetch: @Sendable () -> String? = { "No accounts to fetch from" }
    /// Hands a web link to the user's browser; why it could not, or nil.
    public var openLink: @Sendable (String) -> String? = { _ in "no browser here" }
    /// How the running fetch goes: its progress, or its result once (nil when nothing is new).
    public var fetchReport: @Sendable () -> FetchReport? = { nil }
    /// Starts posting a draft in the background: nil once started, else why not.
    public var startSend: @Sendable (String) -> String? = { _ in "No accounts to send with" }
    /// How the running send goes: its progress, or its result once.
    public var sendReport: @Sendable () -> FetchReport? = { nil }
    /// Where a draft went, in a line for the detail pane (nil when there is nothing to say).
    public var delivery: @Sendable (String) -> String? = { _ in nil }

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

/// How far the search index has caught up with a large import: searches meanwhile find only
/// what is indexed, so the screen says its results are partial.
public struct Indexing: Sendable, Equatable {
    public var done: Int
    public var total: Int

    /// `done` of `total` items indexed.
    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }

    /// "41% indexed": how far, in a word the header and status line use.
    public var words: String {
        "\(total > 0 ? min(99, done * 100 / total) : 0)% indexed"
    }
}

/// The store changed under the queue: by another process, or by a file from the spool folder.
public struct StoreChange: Sendable, Equatable {
    public var notice: String?
    public init(notice: String? = nil) { self.notice = notice }
}
