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

/// A page of the queue to fetch, by key rather than offset so it costs the same anywhere.
public enum PageRequest: Sendable, Hashable {
    case first(Int)
    case last(Int)
    case after(RankKey, Int)
    case before(RankKey, Int)
}
