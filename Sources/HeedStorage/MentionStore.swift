import Foundation
import HeedCore

/// The store of mentions as the queue, the commands and imports use it: queries paged by rank
/// key, actions journaled for undo, search, figures and imports in one transaction. The SQLite
/// `Store` (HeedStore) is one implementation; every implementation passes the conformance
/// suite in `Tests/StoreConformance`.
///
/// A query's items are ranked by `RankKey` (longest wait first); pages are asked for by key,
/// never by offset. Every action on items is one journal entry, undone whole by `undoLast`,
/// also after the store is opened again.
public protocol MentionStore: AnyObject, Sendable {
    // MARK: - Queries

    /// How many items a query holds and since when the oldest waits; `exact` is false when the
    /// count is only a lower bound (then `exactCount` tells).
    func summary(_ query: Query, now: Date) throws -> QueueSummary

    /// A page of a query's items in rank order, each with its conversation's open count.
    func page(_ query: Query, _ request: PageRequest, now: Date) throws -> [QueueItem]

    /// The place of an item in a query's rank: how many of the query's items come before it.
    func rank(of key: RankKey, in query: Query, now: Date) throws -> Int

    /// The exact number of items a query holds.
    func exactCount(_ query: Query, now: Date) throws -> Int

    /// Whether an item belongs to a query now.
    func contains(_ key: RankKey, in query: Query, now: Date) throws -> Bool

    /// One item by its ref, with its conversation's open count; nil when the store does not hold it.
    func item(_ ref: Ref) throws -> QueueItem?

    /// The items of `refs` the store holds, in the order of `refs`, read at once (one query to
    /// a server, however many).
    func items(_ refs: [Ref]) throws -> [QueueItem]

    /// Calls `body` with each waiting item (every item with `all`) in rank order, at most
    /// `limit`, without holding them all in memory.
    func forEach(all: Bool, limit: Int?, _ body: (QueueItem) throws -> Void) throws

    /// Waiting items per platform heed knows (none waiting counts 0), most first, ties by name.
    func platformCounts() throws -> [(platform: Platform, waiting: Int)]

    // MARK: - Actions, journaled

    /// Acknowledges the open items of a selection ("seen, no reply needed") as one action.
    @discardableResult
    func acknowledge(_ selection: Selection, at date: Date) throws -> AnswerResult

    /// Marks the open items of a selection replied with one outbox draft, as one action.
    @discardableResult
    func markReplied(_ selection: Selection, draft: String, at date: Date) throws -> AnswerResult

    /// Takes the open items of a selection out of the queue until `until`, as one action;
    /// they come back at their place then.
    @discardableResult
    func snooze(_ selection: Selection, until: Date, at date: Date) throws -> AnswerResult

    /// Puts an item back in the queue because its draft was discarded, as one action; only an
    /// item still replied with that draft changes.
    @discardableResult
    func reopen(_ ref: Ref, draft: String, at date: Date) throws -> Bool

    /// Snoozed items whose time has come wait again, at their old place (not an action: it is
    /// not journaled). Returns how many woke.
    @discardableResult
    func wakeSnoozed(now: Date) throws -> Int

    /// Undoes the last action not yet undone, putting back each item that still holds the
    /// state the action gave it; nil when there is nothing to undo.
    @discardableResult
    func undoLast() throws -> UndoneAction?

    // MARK: - Targets, ranking, tags

    /// Sets the response targets the due terms of queries (`is:breached`, `due<1h`, `due>2h`)
    /// and the stats are measured against (nil: none, due terms match nothing), and how the
    /// queue is ranked; until called, no targets and `.wait`. Keys by priority then carry the
    /// item's points (`RankKey.priority`).
    func configure(targets: ResponseTargets?, rank: RankOrder)

    /// Adds and removes tags on the items of a selection (whatever their state) as one action,
    /// undone whole by `undoLast`; items whose tags would not change are left out of it.
    @discardableResult
    func tag(_ selection: Selection, adding: [String], removing: [String], at date: Date) throws -> AnswerResult

    /// Every tag in use with how many items carry it, most used first, ties by name.
    func tagCounts() throws -> [TagCount]

    /// Waiting items that passed their response target since the last claim, at most `limit`,
    /// in rank order, each handed out once across every process and restart (the claim is
    /// stored before they are returned). The first claim on a store starts the watch and
    /// returns none; breaches from more than a day before a claim are passed over.
    func claimBreaches(now: Date, limit: Int) throws -> [QueueItem]

    // MARK: - Fetching

    /// The cursors kept for an account, by name: where its next fetch starts.
    func cursors(account: String) throws -> [String: String]

    /// Forgets an account's cursors: its next fetch is a first one again.
    func forgetCursors(account: String) throws

    /// Takes one fetched page of `account` in one transaction: what `body` puts and answers,
    /// and the cursors it moves, all stored, or nothing when it throws.
    func fetching(account: String, now: Date, _ body: (any FetchPageSink) throws -> Void) throws -> FetchedCounts
    /// Assigns the open items of a selection to `person` (nil: to nobody), as one action.
    @discardableResult
    func assign(_ selection: Selection, to person: String?, at date: Date) throws -> AnswerResult

    // MARK: - Team

    /// Who uses this store: whose actions it records and undoes, and whose items `is:mine` finds.
    var person: String { get }

    /// The people items can be assigned to: everyone who has used the store, and everyone items
    /// are assigned to, sorted.
    func teammates() throws -> [String]

    /// Tells the store's others that this person has the composer open on `ref` (nil: closed it);
    /// their queues show it on the item's row while it lasts.
    func composing(_ ref: Ref?) throws

    /// Calls `hook` (on any thread) as soon as another heed's change is announced, so an open
    /// queue need not ask `othersChanges` on every tick.
    func whenOthersChange(_ hook: @escaping @Sendable () -> Void)

    // MARK: - Figures

    /// The answering figures of items received since `since` (everything when nil) up to
    /// `now`, the queue by age, the per-day trend, and (with targets) how items fared against
    /// their targets.
    func stats(since: Date?, now: Date) throws -> ResponseStats

    /// The answers of items received since `since` (everything when nil), by the person who gave them.
    func personStats(since: Date?, now: Date) throws -> [PersonFigures]

    /// Every item of an item's conversation, oldest first, whatever its state (the newest
    /// `limit` when there are more); the item alone when it has no conversation.
    func thread(of ref: Ref, limit: Int) throws -> [QueueItem]

    /// The user's history with one author across the given accounts (handles compared
    /// case-insensitively, with or without a leading "@"), with their `recent` newest items.
    func authorHistory(_ identities: [(platform: Platform, handle: String)], now: Date, recent: Int) throws -> AuthorHistory

    // MARK: - Search index

    /// Items the search index does not hold yet (imported since it last caught up).
    func unindexedCount() throws -> Int

    /// Brings the search index up to date, `batch` items a step (an interrupted run leaves a
    /// consistent index the next goes on from); `progress` hears the running total. Returns
    /// how many items it indexed.
    @discardableResult
    func catchUpSearch(batch: Int, progress: ((Int) -> Void)?) throws -> Int

    // MARK: - Changes

    /// A number that changes whenever someone else (another heed) commits a change; this
    /// store's own writes leave it alone.
    func othersChanges() throws -> Int

    /// Forgets what queries found and kept: someone else changed the store under them.
    func forgetCachedQueries()

    // MARK: - Imports

    /// Runs one import as one transaction: everything `body` puts into the sink is stored, or
    /// nothing is when it throws. Returns the import's counts.
    func importing(now: Date, _ body: (any MentionSink) throws -> Void) throws -> ImportCounts

    // MARK: - Copying

    /// Everything the store holds, one record at a time: items in the order they arrived, replies
    /// made elsewhere still waiting for their items, then the journal, oldest action first.
    func copyOut(_ body: (CopiedRecord) throws -> Void) throws

    /// Writes another store's records into this one as one transaction: everything `body` puts
    /// into the sink is stored, or nothing is when it throws.
    func copyIn(_ body: (any CopySink) throws -> Void) throws -> CopyCounts

    // MARK: - Failures

    /// A failure of this store in one line that names the store and says what to do; a
    /// `StoreError` comes back as it is.
    func explaining(_ error: any Error) -> StoreError

    /// The same for this store's own failures only (its database's errors, a `StoreError`);
    /// nil for any other error, which the caller words itself.
    func storeFailure(_ error: any Error) -> StoreError?
}

extension MentionStore {
    /// Calls `body` with the queue's items in its rank order, a page of 500 at a time (for a
    /// store ranked by points, whose order no single index walk gives), at most `limit`.
    public func forEachQueuePage(limit: Int?, _ body: (QueueItem) throws -> Void) throws {
        var left = limit ?? Int.max
        var request = PageRequest.first(min(left, 500))
        while left > 0 {
            let page = try page(.queue, request, now: Date())
            for item in page.prefix(left) { try body(item) }
            left -= page.count
            guard page.count == 500, let last = page.last else { return }
            request = .after(last.key, min(left, 500))
        }
    }

    /// A store that cannot tell its others (a file) shows no one's composer.
    public func composing(_ ref: Ref?) throws {}

    /// A store that cannot announce changes never calls the hook: its watcher asks `othersChanges`.
    public func whenOthersChange(_ hook: @escaping @Sendable () -> Void) {}

    /// The plain queue's count (maintained, never recounted) and its oldest item's time.
    public func summary() throws -> QueueSummary { try summary(.queue, now: Date()) }

    /// A page of the plain queue.
    public func page(_ request: PageRequest) throws -> [QueueItem] { try page(.queue, request, now: Date()) }

    /// The place of a waiting item in the plain queue.
    public func rank(of key: RankKey) throws -> Int { try rank(of: key, in: .queue, now: Date()) }

    /// Waiting items (every item with `all`) in rank order, at most `limit`, in one array.
    public func list(all: Bool, limit: Int?) throws -> [QueueItem] {
        var items: [QueueItem] = []
        try forEach(all: all, limit: limit) { items.append($0) }
        return items
    }

    /// Acknowledges these items as one action.
    @discardableResult
    public func acknowledge(_ refs: [Ref], at date: Date) throws -> AnswerResult {
        try acknowledge(.refs(refs), at: date)
    }

    /// Acknowledges every waiting item created before `cutoff` as one action; returns how many.
    public func acknowledge(createdBefore cutoff: Date, at date: Date) throws -> Int {
        var query = Query()
        query.olderThan = date.timeIntervalSince(cutoff)
        return try acknowledge(.view(query), at: date).changedCount
    }

    /// Marks one item replied with the outbox draft that answers it.
    @discardableResult
    public func markReplied(_ ref: Ref, draft: String, at date: Date) throws -> AnswerResult {
        try markReplied(.refs([ref]), draft: draft, at: date)
    }

    /// An item's conversation, at most its 200 newest items.
    public func thread(of ref: Ref) throws -> [QueueItem] { try thread(of: ref, limit: 200) }

    /// An author's history with their 50 newest items.
    public func authorHistory(_ identities: [(platform: Platform, handle: String)], now: Date) throws -> AuthorHistory {
        try authorHistory(identities, now: now, recent: 50)
    }

    /// After an import (or a copy): the search index caught up at once when it lags by no more
    /// than `everyday` items; a larger backlog is left to the next queue's background.
    public func catchUpAfterImport(everyday: Int = 50_000) throws {
        if try unindexedCount() <= everyday { try catchUpSearch() }
    }

    /// Brings the search index up to date, 100,000 items a step.
    @discardableResult
    public func catchUpSearch(progress: ((Int) -> Void)? = nil) throws -> Int {
        try catchUpSearch(batch: 100_000, progress: progress)
    }
}
