import Foundation
import HeedCore

/// The key list of the last listed view, kept while the store is unchanged: paging a search
/// then costs a lookup of a page of rows, not the search again.
final class ViewCache: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var kept: (query: Query, generation: Int, keys: [RankKey])?
    private var counted: (match: String, generation: Int, matches: Int)?

    /// Changes with every write this store makes, and when told of others' (`forget`).
    var generation: Int { lock.withLock { current } }

    func keys(for query: Query, generation: Int) -> [RankKey]? {
        lock.withLock {
            guard let kept, kept.query == query, kept.generation == generation else { return nil }
            return kept.keys
        }
    }

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

    func keep(matches: Int, for match: String, generation: Int) {
        lock.withLock { counted = (match, generation, matches) }
    }

    /// The store changed: every kept list is stale.
    func changed() {
        lock.withLock {
            current += 1
            kept = nil
            counted = nil
        }
    }
}
