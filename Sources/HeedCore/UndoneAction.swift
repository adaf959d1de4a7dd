/// What an undo put back, so the outbox and the screen can follow.
public struct UndoneAction: Sendable, Hashable {
    /// The action undone, named as the journal stores it.
    public enum Kind: String, Sendable { case acknowledge, reply, discard, snooze, tag, rule, assign }
    public var kind: Kind
    /// The items put back (the first thousand of a bulk action), in rank order.
    public var refs: [Ref]
    public var drafts: [String]
    /// How many items were put back.
    public var count: Int
    /// The rank keys of `refs`, in the same order.
    public var keys: [RankKey]
    /// What the action was, in words, where its kind does not say it all: the rule
    /// (`rule 2 (from:spammer → ack)`), the tags (`+press -vip`).
    public var detail: String?
    /// The first items put back (at most `namedAtMost`, in rank order) as they are now, read
    /// with the undo, so the screen can name them without asking the store again.
    public var named: [QueueItem] = []

    /// The most items an undo reads back whole.
    public static let namedAtMost = 50

    /// What an undo put back, as a store tells it.
    public init(kind: Kind, refs: [Ref], drafts: [String], count: Int? = nil, keys: [RankKey] = [], detail: String? = nil) {
        self.kind = kind
        self.refs = refs
        self.drafts = drafts
        self.count = count ?? refs.count
        self.keys = keys
        self.detail = detail
    }
}
