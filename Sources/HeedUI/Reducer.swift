import Foundation
import HeedCore
import Screen

/// The one place state changes: an action in, the new state and the effects to run out.
public enum Reducer {
    /// The effects that fill a fresh screen: the summary, then the first page.
    public static func start() -> [Effect] { [.loadSummary, .load(.first(QueueState.pageSize)), .findUnsaved] }

    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        let layout = QueueLayout(width: state.width, height: state.height)
        switch action {
        case .keyPressed(let key):
            return keyPressed(&state, key, layout)
        case .ticked(let now):
            state.now = now
            return []
        case .resized(let width, let height):
            state.width = width
            state.height = height
            let layout = QueueLayout(width: width, height: height)
            state.queue.scroll(listHeight: layout.listHeight)
            return fill(state, layout)
        case .summaryLoaded(let summary):
            state.queue.summary = summary
            state.queue.move(to: state.queue.cursor, listHeight: layout.listHeight)
            return []
        case .pageLoaded(let request, let page):
            state.queue.take(request, page)
            state.queue.loaded = true
            state.queue.move(to: state.queue.cursor, listHeight: layout.listHeight)
            return fill(state, layout)
        case .windowReplaced(let items, let offset, let focus):
            state.queue.items = items
            state.queue.offset = offset
            state.queue.loaded = true
            if let focus, let index = items.firstIndex(where: { $0.mention.ref == focus }) {
                state.queue.move(to: offset + index, listHeight: layout.listHeight)
            } else {
                state.queue.move(to: offset, listHeight: layout.listHeight)
            }
            return fill(state, layout)
        case .acknowledged(let ref, let outcome):
            if outcome != .done { state.status = .init(text: "\(ref) was already answered elsewhere; nothing changed", isError: true) }
            return [.loadSummary]
        case .replySaved, .replyFailed, .editorFinished, .autosaveRecovered, .templatesLoaded:
            return composerAction(&state, action, layout)
        case .draftsLoaded, .draftEdited, .draftDiscarded:
            return outboxAction(&state, action)
        case .unsavedFound(let refs):
            let names = refs.prefix(3).map(\.description).joined(separator: ", ")
            state.status = .init(text: "\(refs.count) unsaved repl\(refs.count == 1 ? "y" : "ies") kept (\(names)\(refs.count > 3 ? ", …" : "")): open \(refs.count == 1 ? "it" : "them") again to go on", isError: false)
            return []
        case .undone(let undone):
            guard let undone, let ref = undone.refs.first else {
                state.status = .init(text: "Nothing to undo", isError: false)
                return []
            }
            switch undone.kind {
            case .acknowledge: state.status = .init(text: "Undid the acknowledge of \(ref)", isError: false)
            case .reply: state.status = .init(text: "Undid the reply to \(ref) (draft discarded in the outbox)", isError: false)
            case .discard: state.status = .init(text: "Undid the discard: the draft for \(ref) is pending again", isError: false)
            }
            if case .outbox = state.mode { return [.focus(ref), .loadDrafts] }
            return [.focus(ref)]
        case .noticed(let message, let isError):
            state.status = .init(text: message, isError: isError)
            return []
        case .failed(let message):
            state.status = .init(text: message, isError: true)
            return []
        }
    }

    /// Asks for the page the screen lacks, if any.
    static func fill(_ state: AppState, _ layout: QueueLayout) -> [Effect] {
        state.queue.missing(listHeight: layout.listHeight).map { [$0] } ?? []
    }

    static func keyPressed(_ state: inout AppState, _ key: Key, _ layout: QueueLayout) -> [Effect] {
        if key == .resize { return [] }
        if state.isTooSmall {
            // Nothing acts on what cannot be seen; quitting still works.
            guard case .queue = state.mode, KeyTable.command(for: key, in: .queue) == .quit else { return [] }
            state.quitting = true
            return [.quit]
        }
        if state.confirmDiscard { return confirm(&state, key) }
        switch state.mode {
        case .queue:
            state.status = nil
            guard let command = KeyTable.command(for: key, in: .queue) else {
                state.status = .init(text: "\(key.label) does nothing here; press ? for the keys", isError: false)
                return []
            }
            return queueCommand(&state, command, layout)
        case .help(let scroll):
            switch KeyTable.command(for: key, in: .help) {
            case .down: state.mode = .help(scroll: scroll + 1)
            case .up: state.mode = .help(scroll: max(0, scroll - 1))
            case .closeHelp: state.mode = .queue
            default: break
            }
            return []
        case .composer(var composer):
            let effects = composerKey(&state, &composer, key)
            if case .composer = state.mode { state.mode = .composer(composer) }
            return effects
        case .outbox(var screen):
            state.status = nil
            let effects = outboxKey(&state, &screen, key)
            if case .outbox = state.mode { state.mode = .outbox(screen) }
            return effects
        }
    }

    /// Why a queue command cannot run now, or nil when it can.
    public static func disabledReason(_ command: Command, _ state: AppState) -> String? {
        switch command {
        case .acknowledge, .reply:
            if state.queue.count == 0 { return "Nothing is waiting" }
            if state.queue.selected == nil { return "Still loading" }
            return nil
        default:
            return nil
        }
    }

    static func queueCommand(_ state: inout AppState, _ command: Command, _ layout: QueueLayout) -> [Effect] {
        if let reason = disabledReason(command, state) {
            state.status = .init(text: reason, isError: false)
            return []
        }
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
            if queue.offset != 0 { return [.load(.first(QueueState.pageSize))] }
        case .last:
            state.queue.move(to: queue.count - 1, listHeight: layout.listHeight)
            if queue.offset + queue.items.count < queue.count { return [.load(.last(QueueState.pageSize))] }
        case .acknowledge:
            guard let item = queue.selected else { return [] }
            state.queue.remove(item.mention.ref, listHeight: layout.listHeight)
            state.status = .init(text: "Acknowledged \(item.mention.author.shownName) (u undoes)", isError: false)
            return [.acknowledge(item.mention.ref)] + fill(state, layout)
        case .reply:
            guard let item = queue.selected else { return [] }
            state.mode = .composer(Composer(item: item, text: ReplyStart.text(for: item.mention, settings: state.settings), limit: state.settings.limits[item.mention.platform]))
            return [.recoverAutosave(item.mention.ref)]
        case .undo: return [.undo]
        case .help: state.mode = .help(scroll: 0)
        case .outbox:
            state.mode = .outbox(OutboxScreen())
            return [.loadDrafts]
        case .nextTheme:
            return [.nextTheme]
        case .quit:
            state.quitting = true
            return [.quit]
        default: break
        }
        return fill(state, layout)
    }

    static func confirm(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch key {
        case .character("y"), .character("Y"):
            state.confirmDiscard = false
            let ref = state.composer?.item.mention.ref
            let editing = state.composer?.editingDraft != nil
            state.mode = editing ? .outbox(OutboxScreen()) : .queue
            state.status = .init(text: editing ? "Changes discarded; the draft is as it was" : "Reply discarded", isError: false)
            return (ref.map { [.forgetAutosave($0)] } ?? []) + (editing ? [.loadDrafts] : [])
        case .character("n"), .character("N"), .escape:
            state.confirmDiscard = false
        default:
            break
        }
        return []
    }
}
