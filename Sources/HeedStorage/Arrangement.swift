import Foundation
import HeedCore

/// What a store was told to measure due terms against and to rank by (`configure`), shared
/// by its threads.
public final class Arrangement: @unchecked Sendable {
    private let lock = NSLock()
    private var targets: ResponseTargets?
    private var rank = RankOrder.wait

    /// Nothing told yet: no targets, ranked by wait.
    public init() {}

    /// The targets and the rank order, read together.
    public var current: (targets: ResponseTargets?, rank: RankOrder) { lock.withLock { (targets, rank) } }

    /// Whether the queue is ranked by priority points first.
    public var byPriority: Bool { current.rank == .priority }

    /// Items with their keys as the store ranks them: carrying their points when it ranks by them.
    public func ranked(_ items: [QueueItem]) -> [QueueItem] {
        guard byPriority else { return items }
        return items.map { item in
            var item = item
            item.key.priority = Int64(item.mention.priority)
            return item
        }
    }

    /// Keeps the targets (none when they have no keys) and the rank order.
    public func set(_ targets: ResponseTargets?, _ rank: RankOrder) {
        lock.withLock {
            self.targets = targets.flatMap { $0.keys.isEmpty ? nil : $0 }
            self.rank = rank
        }
    }
}
