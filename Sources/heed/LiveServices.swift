import Foundation
import HeedCore
import HeedOutbox
import HeedStore
import HeedUI

extension Services {
    /// The services over a real store and outbox file.
    static func live(store: Store, outbox: Outbox) -> Services {
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
            saveReply: { input, now in try Replies.save(input, at: now, store: store, outbox: outbox) },
            undo: { try Replies.undo(store: store, outbox: outbox, at: Date()) }
        )
    }
}

/// Saving and undoing replies touches both the outbox and the store, in an order that never
/// leaves a reply marked without its draft.
enum Replies {
    static func save(_ input: ReplyInput, at now: Date, store: Store, outbox: Outbox) throws -> AnswerOutcome {
        guard let item = try store.item(input.ref) else { return .unknown }
        guard item.mention.state.isWaiting else { return .alreadyAnswered }
        let id = newDraftID(now)
        let draft = Draft(id: id, ref: input.ref, replyTarget: input.replyTarget, author: input.author, text: input.text, createdAt: now)
        try outbox.append([.draft(draft)])
        let result = try store.markReplied(input.ref, draft: id, at: now)
        if result.changed.isEmpty {
            try outbox.append([.discarded(draft: id, at: now)])
            return .alreadyAnswered
        }
        return .done
    }

    static func undo(store: Store, outbox: Outbox, at now: Date) throws -> UndoneAction? {
        guard let undone = try store.undoLast() else { return nil }
        try outbox.append(undone.drafts.map { .discarded(draft: $0, at: now) })
        return undone
    }

    /// A draft id that sorts by time and does not collide across processes.
    static func newDraftID(_ now: Date) -> String {
        let millis = Int64(now.timeIntervalSince1970 * 1000)
        let random = UInt32.random(in: 0...UInt32.max)
        return "d\(String(millis, radix: 36))-\(String(random, radix: 36))"
    }
}
