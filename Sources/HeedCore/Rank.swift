/// Where an item stands in the rank: longest wait first, ties by arrival in the store; when
/// the store ranks by priority (`RankOrder.priority`), more priority points first.
public struct RankKey: Sendable, Hashable, Comparable {
    public var createdAt: Int64  // milliseconds since 1970
    public var row: Int64
    /// The item's priority points when the store ranks by them; 0 when it ranks by wait alone.
    public var priority: Int64

    /// A key by creation time, row and (ranked by them) priority points.
    public init(createdAt: Int64, row: Int64, priority: Int64 = 0) {
        self.createdAt = createdAt
        self.row = row
        self.priority = priority
    }

    /// Earlier in the rank: more points, then created earlier, then stored earlier.
    public static func < (lhs: RankKey, rhs: RankKey) -> Bool {
        (rhs.priority, lhs.createdAt, lhs.row) < (lhs.priority, rhs.createdAt, rhs.row)
    }
}

/// How the queue is ranked: by wait alone (the default), or priority points first, then wait
/// (`rank = "priority"` in config.toml).
public enum RankOrder: String, Sendable, Hashable, CaseIterable {
    case wait, priority
}

/// A page of the queue to fetch, by key rather than offset so it costs the same anywhere.
public enum PageRequest: Sendable, Hashable {
    case first(Int)
    case last(Int)
    case after(RankKey, Int)
    case before(RankKey, Int)
}
