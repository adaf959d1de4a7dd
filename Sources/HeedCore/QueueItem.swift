import Foundation

/// One item of the queue as the store hands it out: the mention and its place in the rank.
public struct QueueItem: Sendable, Hashable {
    public var key: RankKey
    public var mention: Mention
    /// Open items (waiting or snoozed) in its conversation, itself included.
    public var thread: Int
    /// Who the item is assigned to, if anyone.
    public var assignee: String?
    /// Who gave the item its state (acknowledged, replied, snoozed), when known.
    public var stateBy: String?
    /// Someone else who has the composer open on the item now (a team store tells).
    public var composing: String?

    public init(key: RankKey, mention: Mention, thread: Int = 1, assignee: String? = nil, stateBy: String? = nil, composing: String? = nil) {
        self.key = key
        self.mention = mention
        self.thread = thread
        self.assignee = assignee
        self.stateBy = stateBy
        self.composing = composing
    }
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
