import Foundation

/// Where an item stands in the rank: longest wait first, ties by arrival in the store.
public struct RankKey: Sendable, Hashable, Comparable {
    public var createdAt: Int64  // milliseconds since 1970
    public var row: Int64

    public init(createdAt: Int64, row: Int64) {
        self.createdAt = createdAt
        self.row = row
    }

    public static func < (lhs: RankKey, rhs: RankKey) -> Bool {
        (lhs.createdAt, lhs.row) < (rhs.createdAt, rhs.row)
    }
}

/// One item of the queue as the store hands it out: the mention and its place in the rank.
public struct QueueItem: Sendable, Hashable {
    public var key: RankKey
    public var mention: Mention
    /// Open items (waiting or snoozed) in its conversation, itself included.
    public var thread: Int

    public init(key: RankKey, mention: Mention, thread: Int = 1) {
        self.key = key
        self.mention = mention
        self.thread = thread
    }
}

/// A page of the queue to fetch, by key rather than offset so it costs the same anywhere.
public enum PageRequest: Sendable, Hashable {
    case first(Int)
    case last(Int)
    case after(RankKey, Int)
    case before(RankKey, Int)
}

/// How many wait and since when: maintained by the store, never recounted per frame.
public struct QueueSummary: Sendable, Hashable {
    public var waiting: Int
    public var oldest: Date?
    /// False when `waiting` is only a lower bound (a search matching much of the store),
    /// counted exactly just after.
    public var exact: Bool

    public init(waiting: Int, oldest: Date?, exact: Bool = true) {
        self.waiting = waiting
        self.oldest = oldest
        self.exact = exact
    }
}

/// What an undo put back, so the outbox and the screen can follow.
public struct UndoneAction: Sendable, Hashable {
    public enum Kind: String, Sendable { case acknowledge, reply, discard, snooze }
    public var kind: Kind
    /// The items put back (the first thousand of a bulk action), in rank order.
    public var refs: [Ref]
    public var drafts: [String]
    /// How many items were put back.
    public var count: Int
    /// The rank keys of `refs`, in the same order.
    public var keys: [RankKey]

    public init(kind: Kind, refs: [Ref], drafts: [String], count: Int? = nil, keys: [RankKey] = []) {
        self.kind = kind
        self.refs = refs
        self.drafts = drafts
        self.count = count ?? refs.count
        self.keys = keys
    }
}

/// The tally of one import, as the summary line prints it.
public struct ImportCounts: Sendable, Hashable {
    public var imported = 0, updated = 0, unchanged = 0, skipped = 0, rejected = 0
    public init() {}

    public var summary: String {
        "imported \(imported.grouped), updated \(updated.grouped), unchanged \(unchanged.grouped), skipped \(skipped.grouped), rejected \(rejected.grouped)"
    }
}
