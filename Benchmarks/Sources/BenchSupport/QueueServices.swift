import Foundation
import HeedCore
import HeedStore
import HeedUI

extension Services {
    /// The queue's services over a real store, as `Services.live` wires them
    /// (Sources/heed/LiveServices.swift) for what the queue screen uses: summary, pages,
    /// locating an item, acknowledging and undoing an acknowledge. Replies and the outbox are
    /// left at their defaults; the outbox has a benchmark of its own.
    public static func queue(store: any MentionStore) -> Services {
        Services(
            now: { Date() },
            summary: { try store.summary($0, now: Date()) },
            page: { try store.page($0, $1, now: Date()) },
            locate: { view, ref in
                let now = Date()
                guard let item = try store.item(ref), try store.contains(item.key, in: view, now: now) else { return nil }
                return (item, try store.rank(of: item.key, in: view, now: now))
            },
            act: { act, now in
                let result: AnswerResult
                switch act {
                case .acknowledge(let selection): result = try store.acknowledge(selection, at: now)
                case .snooze(let selection, let until): result = try store.snooze(selection, until: until, at: now)
                case .assign(let selection, let person): result = try store.assign(selection, to: person, at: now)
                case .tag(let selection, let adding, let removing): result = try store.tag(selection, adding: adding, removing: removing, at: now)
                }
                return ActOutcome(changed: result.changedCount, alreadyAnswered: result.alreadyAnswered.count)
            },
            saveReply: { _, _ in .unknown },
            undo: { try store.undoLast() }
        )
    }
}
