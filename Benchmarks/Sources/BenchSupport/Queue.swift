import Foundation
import HeedCore
import HeedStore

/// The store of `Fixture.items` items with the places in its rank the benchmarks start from.
public final class RankedStore: @unchecked Sendable {
    public let store: any MentionStore
    public let waiting: Int
    /// The item at the middle of the rank, and its absolute place.
    public let middle: QueueItem
    public let middleRank: Int

    /// Opens the shared store (read-only use) or, with `copy`, a private copy to change.
    public convenience init(copy: Bool = false) throws {
        let count = Fixture.items
        try self.init(store: copy ? try Fixture.storeCopy(count) : try Fixture.store(count))
    }

    /// The places in the rank of any store (a team store's, say).
    public init(store: any MentionStore) throws {
        let waiting = try store.summary().waiting
        let middleRank = waiting / 2
        // Walk the rank once to the middle, one item at a time (nothing is held).
        var found: QueueItem?
        var seen = 0
        try store.forEach(all: false, limit: middleRank + 1) { item in
            if seen == middleRank { found = item }
            seen += 1
        }
        guard let found else { throw FixtureError("the store has no waiting item at \(middleRank)") }
        self.store = store
        self.waiting = waiting
        self.middleRank = middleRank
        middle = found
    }
}
