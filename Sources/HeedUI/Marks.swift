import HeedCore

/// Items marked for a bulk action: one by one, or every item a query finds.
public struct Marks: Sendable, Equatable {
    public var refs: Set<Ref> = []
    /// Every item this query finds (with `count` of them when marked).
    public var wholeQuery: (query: Query, count: Int)?

    public init() {}

    public var isEmpty: Bool { refs.isEmpty && wholeQuery == nil }
    public var count: Int { wholeQuery?.count ?? refs.count }

    /// Whether an item is marked (every item is, when the whole query is).
    public func contains(_ ref: Ref) -> Bool { wholeQuery != nil || refs.contains(ref) }

    /// What an action on the marks applies to.
    public var selection: Selection {
        if let wholeQuery { return .view(wholeQuery.query) }
        return .refs(refs.sorted { $0.description < $1.description })
    }

    public static func == (lhs: Marks, rhs: Marks) -> Bool {
        lhs.refs == rhs.refs && lhs.wholeQuery?.query == rhs.wholeQuery?.query && lhs.wholeQuery?.count == rhs.wholeQuery?.count
    }
}
