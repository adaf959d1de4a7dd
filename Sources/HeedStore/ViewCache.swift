import Foundation
import HeedCore

/// The key list of the last listed view, kept while the store is unchanged: paging a search
/// then costs a lookup of a page of rows, not the search again.
final class ViewCache: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var kept: (query: Query, generation: Int, keys: [RankKey])?

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

    /// The store changed: every kept list is stale.
    func changed() {
        lock.withLock {
            current += 1
            kept = nil
        }
    }
}
