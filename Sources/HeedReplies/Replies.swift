import Foundation
import HeedCore
import HeedOutbox
import HeedStorage
import HeedUI

/// Saving and undoing replies touches both the outbox and the store, in an order that never
/// leaves a reply marked without its draft.
public enum Replies {
    /// Writes the draft and marks the item replied as one step: the draft is appended under
    /// the outbox's lock and taken back unless the store marks the item with it. So when two
    /// queues answer the same item, one wins and the other's draft never reaches the outbox;
    /// and a store that cannot be written leaves no draft behind.
    public static func save(_ input: ReplyInput, at now: Date, store: any MentionStore, outbox: any DraftBox) throws -> AnswerOutcome {
        guard let item = try store.item(input.ref) else { return .unknown }
        switch item.mention.state {
        case .waiting, .snoozed: break
        default: return try answered(input.ref, store: store)
        }
        let id = newDraftID(now)
        let draft = Draft(id: id, ref: input.ref, replyTarget: input.replyTarget, author: input.author, text: input.text, createdAt: now)
        let marked = try outbox.append([.draft(draft)]) {
            !(try store.markReplied(input.thread ? .threads([input.ref]) : .refs([input.ref]), draft: id, at: now).changed.isEmpty)
        }
        return marked ? .done : try answered(input.ref, store: store)
    }

    /// Why an item could not be answered: someone else (named, with when) was first, or it was
    /// answered already (by this person elsewhere, or before anyone was named).
    public static func answered(_ ref: Ref, store: any MentionStore) throws -> AnswerOutcome {
        guard let item = try store.item(ref) else { return .unknown }
        switch item.mention.state {
        case .acknowledged(let at), .replied(_, let at):
            if let by = item.stateBy, by != store.person { return .answeredBy(by, at: at) }
        default:
            break
        }
        return .alreadyAnswered
    }

    /// Settles what a crash left half done between the outbox and the store, under the
    /// outbox's lock (so no save in another heed is halfway meanwhile). A pending draft whose
    /// item still waits was never confirmed (heed stopped between writing it and marking the
    /// item, or an undo marked the item and stopped before discarding it): it is discarded, so
    /// it is never exported beside a second reply; a reply being saved keeps its text in
    /// autosave. An item still marked with a draft the outbox discarded (a discard cut short)
    /// returns to the queue. Only drafts named by the outbox's last records are looked up (an
    /// interrupted step is at its end), so opening stays fast however long the outbox grows.
    public static func settle(store: any MentionStore, outbox: any DraftBox, at now: Date) throws {
        guard outbox.exists else { return }
        try outbox.withLock { file in
            let contents = try file.read()
            let recent = contents.drafts.filter { contents.recent.contains($0.id) }
            var discarded: [OutboxRecord] = []
            for draft in recent where draft.status == .pending {
                if let item = try store.item(draft.ref), item.mention.state.isWaiting {
                    discarded.append(.discarded(draft: draft.id, at: now))
                }
            }
            try file.append(discarded) { true }
            for draft in recent where draft.status == .discarded {
                guard let item = try store.item(draft.ref), case .replied(let marked, _) = item.mention.state, marked == draft.id else { continue }
                try store.reopen(draft.ref, draft: draft.id, at: now)
            }
        }
    }

    /// Undoes the store's last action and the outbox's part of it: a reply undone discards
    /// its draft, a discard undone makes the draft pending again.
    public static func undo(store: any MentionStore, outbox: any DraftBox, at now: Date) throws -> UndoneAction? {
        guard let undone = try store.undoLast() else { return nil }
        switch undone.kind {
        case .reply:
            try outbox.append(undone.drafts.map { .discarded(draft: $0, at: now) })
        case .discard:
            // The draft comes back as it was: a new record with its last text makes it pending.
            let texts = Dictionary(try outbox.read().drafts.map { ($0.id, $0.text) }, uniquingKeysWith: { $1 })
            try outbox.append(undone.drafts.compactMap { id in texts[id].map { .edited(draft: id, text: $0, at: now) } })
        case .acknowledge, .snooze, .tag, .rule, .assign:
            break
        }
        return undone
    }

    /// The outbox's drafts that are not discarded, newest first, each with its item, where it
    /// went or why its last try failed, and (`unsendable`) why heed cannot send it.
    public static func drafts(store: any MentionStore, outbox: any DraftBox, unsendable: (Draft) -> String? = { _ in nil }) throws -> [DraftRow] {
        let drafts = try outbox.read().drafts.filter { $0.status != .discarded }.reversed()
        // Every draft's item at once: one query to a team's server, not one per draft.
        let items = Dictionary(try store.items(drafts.map(\.ref)).map { ($0.mention.ref, $0) }, uniquingKeysWith: { first, _ in first })
        return drafts.map { draft in
            DraftRow(id: draft.id, ref: draft.ref, status: draft.status.rawValue, text: draft.text, createdAt: draft.createdAt, item: items[draft.ref],
                     link: draft.delivery?.url, failure: draft.failure.map { ($0.status.map { "\($0): " } ?? "") + $0.message },
                     unsendable: draft.status == .pending ? unsendable(draft) : nil)
        }
    }

    /// A draft id that sorts by time and does not collide across processes.
    public static func newDraftID(_ now: Date) -> String {
        let millis = Int64(now.timeIntervalSince1970 * 1000)
        let random = UInt32.random(in: 0...UInt32.max)
        return "d\(String(millis, radix: 36))-\(String(random, radix: 36))"
    }
}
