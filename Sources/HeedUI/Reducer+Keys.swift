import Foundation
import HeedCore
import Screen

extension Reducer {
    /// A key: looked up in the key table for the context that has the keys now, refused with
    /// the binding's reason when its command cannot run, else carried out by the context.
    /// Keys the table does not bind are typed where there is text, or said to do nothing.
    static func keyPressed(_ state: inout AppState, _ key: Key, _ layout: QueueLayout) -> [Effect] {
        if key == .resize { return [] }
        if key.isMouse { return state.isTooSmall ? [] : mouse(&state, key, layout) }
        let context = state.keyContext
        let binding = state.settings.keys.binding(for: key, in: context)
        if state.isTooSmall {
            // Nothing acts on what cannot be seen; quitting still works.
            guard context == .queue, binding?.command == .quit else { return [] }
            state.quitting = true
            return []
        }
        if context.clearsStatus { state.status = nil }
        if let reason = binding?.disabled?(state) {
            state.status = .init(text: reason, isError: false)
            return []
        }
        let command = binding?.command
        switch context {
        case .queue:
            guard let command else { return doesNothing(&state, key, "press \(state.key(.help)) for the keys") }
            return queueCommand(&state, command, layout)
        case .search: return searchKey(&state, command, key)
        case .snooze: return snoozeKey(&state, command, key, layout)
        case .filter: return filterKey(&state, command)
        case .confirm: return confirmKey(&state, command)
        case .tag: return tagKey(&state, command, key, layout)
        case .assign: return assignKey(&state, command, layout)
        case .composer, .templates: return composerKey(&state, command, key)
        case .discard: return discardKey(&state, command)
        case .sendQuestion: return sendQuestionKey(&state, command)
        case .outbox:
            guard let command else { return doesNothing(&state, key, "press \(state.key(.close, in: .outbox)) for the queue") }
            return outboxCommand(&state, command)
        case .help, .stats, .author: return screenKey(&state, command)
        case .unsaved: return unsavedCommand(&state, command)
        }
    }

    /// A key with no binding here: said so on the status line, with where to look.
    static func doesNothing(_ state: inout AppState, _ key: Key, _ advice: String) -> [Effect] {
        state.status = .init(text: "\(key.label) does nothing here; \(advice)", isError: false)
        return []
    }

    /// Why an action on the selected item cannot run, or nil.
    static func selectionReason(_ command: Command, _ state: AppState) -> String? {
        if state.queue.count == 0 { return state.query.isQueue ? "Nothing is waiting" : "Nothing in this view" }
        guard let item = state.queue.selected else { return "Still loading" }
        switch item.mention.state {
        case .waiting, .snoozed: return nil
        default: return command == .mark ? nil : "This item is answered already"
        }
    }

    /// The key table's reason for a command on the selected item.
    static func selectionReason(_ command: Command) -> @Sendable (AppState) -> String? {
        { state in selectionReason(command, state) }
    }

    /// The key table's reason for a command on the marks, or the selected item when none are marked.
    static func unmarkedReason(_ command: Command) -> @Sendable (AppState) -> String? {
        { state in state.marks.isEmpty ? selectionReason(command, state) : nil }
    }

    /// Why the outbox's selected draft cannot be edited or discarded, or nil.
    @Sendable static func pendingDraftReason(_ state: AppState) -> String? {
        guard case .outbox(let screen) = state.mode, let row = screen.current else { return "No draft selected" }
        return row.isPending ? nil : "This draft was \(row.status); only pending drafts change"
    }

    /// A command in the queue.
    static func queueCommand(_ state: inout AppState, _ command: Command, _ layout: QueueLayout) -> [Effect] {
        let queue = state.queue
        switch command {
        case .next: state.queue.move(to: queue.cursor + 1, listHeight: layout.listHeight)
        case .previous: state.queue.move(to: queue.cursor - 1, listHeight: layout.listHeight)
        case .pageDown:
            state.queue.top = min(queue.top + layout.listHeight, max(0, queue.count - layout.listHeight))
            state.queue.move(to: queue.cursor + layout.listHeight, listHeight: layout.listHeight)
        case .pageUp:
            state.queue.top = max(0, queue.top - layout.listHeight)
            state.queue.move(to: queue.cursor - layout.listHeight, listHeight: layout.listHeight)
        case .first:
            state.queue.move(to: 0, listHeight: layout.listHeight)
            if queue.offset != 0 { return [.load(.first(QueueState.pageSize), query: state.query)] }
        case .last:
            if !queue.summary.exact {
                state.queue.lastWanted = true
                return [.countQuery(state.query)]
            }
            state.queue.move(to: queue.count - 1, listHeight: layout.listHeight)
            if queue.offset + queue.items.count < queue.count { return [.load(.last(QueueState.pageSize), query: state.query)] }
        case .acknowledge, .acknowledgeThread, .snooze, .mark, .markAll, .undo, .replyThread, .assign:
            return actCommand(&state, command, layout)
        case .reply:
            guard let item = queue.selected else { return [] }
            state.mode = .composer(Composer(item: item, text: ReplyStart.text(for: item.mention, settings: state.settings), limit: state.settings.limits[item.mention.platform]))
            return [.recoverAutosave(item.mention.ref)]
        case .search, .filter, .nextTab, .previousTab, .wholeQueue:
            return queryCommand(&state, command, layout)
        case .tag:
            return tagCommand(&state)
        case .stats:
            state.mode = .stats(nil, scroll: 0)
            return [.loadStats]
        case .author:
            guard let item = queue.selected else { return [] }
            state.mode = .author(AppState.AuthorScreen(ref: item.mention.ref, name: item.mention.author.shownName))
            return [.loadAuthor(item.mention.ref)]
        case .help: state.mode = .help(scroll: 0)
        case .openLink, .copyLink, .copyRef:
            return linkCommand(&state, command)
        case .outbox:
            state.mode = .outbox(OutboxScreen())
            return [.loadDrafts]
        case .nextTheme:
            return state.theme?.next.map { [.loadTheme($0)] } ?? []
        case .fetch:
            return fetchCommand(&state)
        case .quit:
            state.quitting = true
            return []
        default: break
        }
        return fill(state, layout)
    }
}
