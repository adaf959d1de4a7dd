import HeedCore

/// A query saved in config.toml (`[views]`): shown as a tab in the header with its count.
public struct QueryTab: Sendable, Equatable {
    public var name: String
    public var query: Query
    public var count: Int?

    public init(name: String, query: Query, count: Int? = nil) {
        self.name = name
        self.query = query
        self.count = count
    }
}
