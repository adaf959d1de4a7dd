import Foundation
import GRDB
import HeedCore

extension Store {
    /// Sets the targets the due terms and the stats are measured against, and the rank order.
    public func configure(targets: ResponseTargets?, rank: RankOrder) {
        arrangement.set(targets.flatMap { $0.keys.isEmpty ? nil : $0 }, rank)
        cachedQueries.changed()
    }

    /// A query in SQL with this store's targets.
    func querySQL(_ query: Query, now: Date) -> QuerySQL {
        QuerySQL(query, now: now, targets: arrangement.current.targets, person: person)
    }

    /// Whether the queue is ranked by priority points first.
    var byPriority: Bool { arrangement.byPriority }

    /// Items with their keys as this store ranks them.
    func ranked(_ items: [QueueItem]) -> [QueueItem] { arrangement.ranked(items) }
}
