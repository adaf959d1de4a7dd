import Foundation
import HeedCore
import Screen

/// How the status line names the items an action touched, the same way for the action and
/// for its undo: one item by its author, a conversation as "the thread with alice", else a count.
enum Naming {
    /// The items named: `items` are those of the `count` touched that are known (rank order).
    static func items(count: Int, _ items: [QueueItem], thread: Bool = false) -> String {
        if count == 1, let first = items.first { return first.mention.author.shownName }
        if count > 1, let first = items.first, thread || (items.count == count && sameConversation(items)) {
            return "the thread with \(first.mention.author.shownName), \(count.grouped) items"
        }
        return "\(count.grouped) item\(count == 1 ? "" : "s")"
    }

    /// Whether every item is of one conversation on one platform.
    static func sameConversation(_ items: [QueueItem]) -> Bool {
        guard let first = items.first, let conversation = first.mention.conversation else { return false }
        return items.allSatisfy { $0.mention.platform == first.mention.platform && $0.mention.conversation == conversation }
    }
}

extension Reducer {
    /// What an undo put back, named as the action named it; the window goes to the first item.
    static func undoneAction(_ state: inout AppState, _ undone: UndoneAction?) -> [Effect] {
        guard let undone, let ref = undone.refs.first else {
            state.status = .init(text: "Nothing to undo", isError: false)
            return []
        }
        let what = Naming.items(count: undone.count, undone.named)
        switch undone.kind {
        case .acknowledge: state.status = .init(text: "Undid the acknowledge of \(what)", isError: false)
        case .reply: state.status = .init(text: "Undid the reply to \(what) (draft discarded in the outbox)", isError: false)
        case .discard: state.status = .init(text: "Undid the discard: the draft for \(what) is pending again", isError: false)
        case .snooze: state.status = .init(text: "Undid the snooze of \(what)", isError: false)
        case .tag: state.status = .init(text: "Undid the tags \(undone.detail ?? "") of \(what)", isError: false)
        case .rule: state.status = .init(text: "Undid \(undone.detail ?? "a rule") on \(what)", isError: false)
        case .assign: state.status = .init(text: "Undid the assignment of \(what)", isError: false)
        }
        var effects: [Effect] = [.focus(ref, query: state.query)] + countTabs(state)
        // Everything put back comes after the window's first item: the window reloads from it
        // and keeps its offset (at a million items, counting up to the item costs 50 ms).
        if let first = state.queue.items.first, undone.keys.count == undone.count, !undone.keys.isEmpty, undone.keys.allSatisfy({ $0 > first.key }) {
            // As many rows as the window held up to the cursor, a page beyond it, and the rows put back.
            let count = min(QueueState.pageSize * 4, state.queue.cursor - state.queue.offset + QueueState.pageSize / 2 + undone.count)
            effects[0] = .reload(from: first.key, offset: state.queue.offset, count: count, focus: ref, query: state.query)
        }
        if case .outbox = state.mode { return effects + [.loadDrafts] }
        return effects
    }
}
