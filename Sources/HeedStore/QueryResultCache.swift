import Foundation
import HeedCore

/// What the last searched query found, kept while the store is unchanged: the rank keys of
/// the last listed query (paging a search then costs a lookup of a page of rows, not the
/// search again), and how many rows the last full-text match found.
final class QueryResultCache: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var kept: (query: Query, generation: Int, keys: [RankKey])?
    private var counted: (match: String, generation: Int, matches: Int)?

    /// Changes with every write this store makes, and when told of others' (`changed`).
    var generation: Int { lock.withLock { current } }

    /// The keys kept for `query`, when kept at this generation.
    func keys(for query: Query, generation: Int) -> [RankKey]? {
        lock.withLock {
            guard let kept, kept.query == query, kept.generation == generation else { return nil }
            return kept.keys
        }
    }

    /// Keeps the keys a query listed (replacing the last query's).
    func keep(_ keys: [RankKey], for query: Query, generation: Int) {
        lock.withLock { kept = (query, generation, keys) }
    }

    /// How many rows a full-text match found, while the store is unchanged.
    func matches(for match: String, generation: Int) -> Int? {
        lock.withLock {
            guard let counted, counted.match == match, counted.generation == generation else { return nil }
            return counted.matches
        }
    }

    /// Keeps how many rows a full-text match found (replacing the last match's).
    func keep(matches: Int, for match: String, generation: Int) {
        lock.withLock { counted = (match, generation, matches) }
    }

    /// The store changed: everything kept is stale.
    func changed() {
        lock.withLock {
            current += 1
            kept = nil
            counted = nil
        }
    }
}
