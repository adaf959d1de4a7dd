import Foundation
import HeedCore
import HeedStore
import HeedUI

extension Services {
    /// The queue's services over a real store, as `Services.live` wires them
    /// (Sources/heed/LiveServices.swift) for what the queue screen uses: summary, pages,
    /// locating an item, acknowledging and undoing an acknowledge. Replies and the outbox are
    /// left at their defaults; the outbox has a benchmark of its own.
    public static func queue(store: Store) -> Services {
        Services(
            now: { Date() },
            summary: { try store.summary() },
            page: { try store.page($0) },
            locate: { ref in
                guard let item = try store.item(ref), item.mention.state.isWaiting else { return nil }
                return (item, try store.rank(of: item.key))
            },
            acknowledge: { ref, now in
                let result = try store.acknowledge([ref], at: now)
                return result.changed.isEmpty ? .alreadyAnswered : .done
            },
            saveReply: { _, _ in .unknown },
            undo: { try store.undoLast() }
        )
    }
}
