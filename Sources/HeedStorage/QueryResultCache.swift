import Foundation
import HeedCore

/// What the last searched query found, kept while the store is unchanged: the rank keys of
/// the last listed query (paging a search then costs a lookup of a page of rows, not the
/// search again), and how many rows the last full-text match found.
public final class QueryResultCache: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var kept: (query: Query, generation: Int, keys: [RankKey])?
    private var counted: (match: String, generation: Int, matches: Int)?

    public init() {}

    /// Changes with every write this store makes, and when told of others' (`changed`).
    public var generation: Int { lock.withLock { current } }

    /// The keys kept for `query`, when kept at this generation.
    public func keys(for query: Query, generation: Int) -> [RankKey]? {
        lock.withLock {
            guard let kept, kept.query == query, kept.generation == generation else { return nil }
            return kept.keys
        }
    }

    /// Keeps the keys a query listed (replacing the last query's).
    public func keep(_ keys: [RankKey], for query: Query, generation: Int) {
        lock.withLock { kept = (query, generation, keys) }
    }

    /// How many rows a full-text match found, while the store is unchanged.
    public func matches(for match: String, generation: Int) -> Int? {
        lock.withLock {
            guard let counted, counted.match == match, counted.generation == generation else { return nil }
            return counted.matches
        }
    }

    /// How many rows a full-text match finds: kept while the store is unchanged, else `count`ed
    /// (and kept).
    public func matches(for match: String, count: () throws -> Int) rethrows -> Int {
        let generation = self.generation
        if let known = matches(for: match, generation: generation) { return known }
        let counted = try count()
        keep(matches: counted, for: match, generation: generation)
        return counted
    }

    /// Keeps how many rows a full-text match found (replacing the last match's).
    public func keep(matches: Int, for match: String, generation: Int) {
        lock.withLock { counted = (match, generation, matches) }
    }

    /// The store changed: everything kept is stale.
    public func changed() {
        lock.withLock {
            current += 1
            kept = nil
            counted = nil
        }
    }
}

/// Paging a query's rank keys held in memory (a listed query): which keys a page request
/// covers, and where a key falls.
public enum RankKeys {
    /// The positions in `keys` (sorted) of the page `request` asks for.
    public static func range(of request: PageRequest, in keys: [RankKey]) -> Range<Int> {
        switch request {
        case .first(let limit): return 0..<min(limit, keys.count)
        case .last(let limit): return max(0, keys.count - limit)..<keys.count
        case .after(let key, let limit):
            let start = insertionPoint(of: RankKey(createdAt: key.createdAt, row: key.row + 1, priority: key.priority), in: keys)
            return start..<min(keys.count, start + limit)
        case .before(let key, let limit):
            let end = insertionPoint(of: key, in: keys)
            return max(0, end - limit)..<end
        }
    }

    /// The index of the first key not below `key`.
    public static func insertionPoint(of key: RankKey, in keys: [RankKey]) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The items of the page `request` asks for, their rows read by `rows` (given their ids),
    /// in rank order.
    public static func page(_ request: PageRequest, of keys: [RankKey], rows: ([Int64]) throws -> [QueueItem]) rethrows -> [QueueItem] {
        let range = range(of: request, in: keys)
        guard !range.isEmpty else { return [] }
        return try rows(keys[range].map(\.row)).sorted { $0.key < $1.key }
    }

    /// A listed query's summary: how many keys, and when the first was created.
    public static func summary(of keys: [RankKey]) -> QueueSummary {
        QueueSummary(waiting: keys.count, oldest: keys.first.map { Date(timeIntervalSince1970: Double($0.createdAt) / 1000) })
    }

    /// Whether `keys` (sorted) holds `key`.
    public static func contains(_ key: RankKey, in keys: [RankKey]) -> Bool {
        let index = insertionPoint(of: key, in: keys)
        return keys.indices.contains(index) && keys[index] == key
    }
}
