import Foundation
import HeedCore
import Screen

/// The one place state changes: an action in, the new state and the effects to run out.
public enum Reducer {
    /// The effects that fill a fresh screen: the summary, then the first page, the tabs'
    /// counts, and the theme asked for (last, so its problems are what the status line says).
    public static func start(_ state: AppState) -> [Effect] {
        [.wakeSnoozed, .loadSummary(), .load(.first(QueueState.pageSize)), .findUnsaved] + countTabs(state) + (state.settings.theme.map { [.loadTheme($0)] } ?? [])
    }

    /// How often snoozed items are checked for waking, in seconds.
    static let wakeEvery: TimeInterval = 30

    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .acted, .undone, .storeChanged, .snoozedWoke, .replySaved(_, .done), .draftDiscarded(_, .done):
            // Answers changed: the author line is counted again.
            state.authorLine = nil
        default:
            break
        }
        let effects = reduceAction(&state, action)
        return effects + followSelection(&state)
    }

    static func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        let layout = QueueLayout(width: state.width, height: state.height)
        switch action {
        case .keyPressed(let key):
            return keyPressed(&state, key, layout)
        case .ticked(let now):
            let wake = Int(now.timeIntervalSince1970 / wakeEvery) != Int(state.now.timeIntervalSince1970 / wakeEvery)
            state.now = now
            return [.checkForChanges] + (wake ? [.wakeSnoozed] : [])
        case .resized(let width, let height):
            state.width = width
            state.height = height
            let layout = QueueLayout(width: width, height: height)
            state.queue.scroll(listHeight: layout.listHeight)
            return fill(state, layout)
        case .summaryLoaded(let summary, let query):
            guard query == state.query else { return [] }
            state.queue.summary = summary
            state.queue.move(to: state.queue.cursor, listHeight: layout.listHeight)
            return summary.exact ? [] : [.countQuery(query)]
        case .pageLoaded(let request, let page, let query):
            guard query == state.query else { return [] }
            // A view first counted as "30,000+" learns its oldest item from its first page.
            if case .first = request, state.queue.summary.oldest == nil { state.queue.summary.oldest = page.first?.mention.createdAt }
            state.queue.take(request, page)
            state.queue.loaded = true
            state.queue.move(to: state.queue.cursor, listHeight: layout.listHeight)
            return fill(state, layout)
        case .windowReplaced(let items, let offset, let focus, let query):
            guard query == state.query else { return [] }
            state.queue.items = items
            state.queue.offset = offset
            state.queue.loaded = true
            if let focus, let index = items.firstIndex(where: { $0.mention.ref == focus }) {
                state.queue.move(to: offset + index, listHeight: layout.listHeight)
            } else {
                state.queue.move(to: offset, listHeight: layout.listHeight)
            }
            return fill(state, layout)
        case .statsLoaded, .authorLoaded:
            return screenAction(&state, action)
        case .acted, .threadLoaded, .authorLineLoaded, .platformCountsLoaded, .tabCountsLoaded, .queryCounted, .storeChanged, .snoozedWoke, .undone:
            return resultAction(&state, action, layout)
        case .replySaved, .replyFailed, .editorFinished, .autosaveRecovered, .templatesLoaded:
            return composerAction(&state, action, layout)
        case .draftsLoaded, .draftEdited, .draftDiscarded:
            return outboxAction(&state, action)
        case .unsavedFound(let refs):
            let names = refs.prefix(3).map(\.description).joined(separator: ", ")
            state.status = .init(text: "\(refs.count) unsaved repl\(refs.count == 1 ? "y" : "ies") kept (\(names)\(refs.count > 3 ? ", …" : "")): open \(refs.count == 1 ? "it" : "them") again to go on", isError: false)
            return []
        case .themeLoaded(let choice):
            themeLoaded(&state, choice)
            return []
        case .effectFailed(let message):
            state.status = .init(text: message, isError: true)
            return []
        }
    }

    /// Asks for the page the screen lacks, if any.
    static func fill(_ state: AppState, _ layout: QueueLayout) -> [Effect] {
        state.queue.missing(listHeight: layout.listHeight).map { [.load($0, query: state.query)] } ?? []
    }

    /// Keeps the detail pane on the selected item: its author line, and its conversation when
    /// that has more than one open item.
    static func followSelection(_ state: inout AppState) -> [Effect] {
        guard let item = state.queue.selected else {
            state.thread = nil
            state.authorLine = nil
            return []
        }
        var effects: [Effect] = []
        let ref = item.mention.ref
        if state.authorLine?.ref != ref {
            state.authorLine = AuthorLine(ref: ref, history: nil, loading: true)
            effects.append(.loadAuthorLine(ref))
        }
        if item.thread <= 1 {
            state.thread = nil
        } else if state.thread?.ref != ref {
            state.thread = ThreadPane(ref: ref, items: [])
            effects.append(.loadThread(ref))
        }
        return effects
    }

    static func keyPressed(_ state: inout AppState, _ key: Key, _ layout: QueueLayout) -> [Effect] {
        if key == .resize { return [] }
        if state.isTooSmall {
            // Nothing acts on what cannot be seen; quitting still works.
            guard case .queue = state.mode, state.prompt == nil, KeyTable.command(for: key, in: .queue) == .quit else { return [] }
            state.quitting = true
            return []
        }
        if state.confirmDiscard { return confirm(&state, key) }
        switch state.mode {
        case .queue:
            if state.prompt != nil { return promptKey(&state, key, layout) }
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
        case .stats, .author:
            return screenKey(&state, key)
        }
    }

    /// Why a queue command cannot run now, or nil when it can.
    public static func disabledReason(_ command: Command, _ state: AppState) -> String? {
        switch command {
        case .acknowledge, .snooze:
            return state.marks.isEmpty ? selectionReason(command, state) : nil
        case .reply, .mark, .acknowledgeThread, .replyThread:
            return selectionReason(command, state)
        case .markAll:
            return state.queue.count == 0 && state.marks.isEmpty ? "Nothing in this view to mark" : nil
        default:
            return nil
        }
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
            if queue.offset != 0 { return [.load(.first(QueueState.pageSize), query: state.query)] }
        case .last:
            if !queue.summary.exact {
                state.queue.lastWanted = true
                return [.countQuery(state.query)]
            }
            state.queue.move(to: queue.count - 1, listHeight: layout.listHeight)
            if queue.offset + queue.items.count < queue.count { return [.load(.last(QueueState.pageSize), query: state.query)] }
        case .acknowledge, .acknowledgeThread, .snooze, .mark, .markAll, .undo, .replyThread:
            return actCommand(&state, command, layout)
        case .reply:
            guard let item = queue.selected else { return [] }
            state.mode = .composer(Composer(item: item, text: ReplyStart.text(for: item.mention, settings: state.settings), limit: state.settings.limits[item.mention.platform]))
            return [.recoverAutosave(item.mention.ref)]
        case .search, .filter, .nextView, .previousView, .clearView:
            return queryCommand(&state, command, layout)
        case .stats:
            state.mode = .stats(nil, scroll: 0)
            return [.loadStats]
        case .author:
            guard let item = queue.selected else { return [] }
            state.mode = .author(AppState.AuthorScreen(ref: item.mention.ref, name: item.mention.author.shownName))
            return [.loadAuthor(item.mention.ref)]
        case .help: state.mode = .help(scroll: 0)
        case .outbox:
            state.mode = .outbox(OutboxScreen())
            return [.loadDrafts]
        case .nextTheme:
            guard let next = state.theme?.next else {
                state.status = .init(text: "No themes to choose from", isError: false)
                return []
            }
            return [.loadTheme(next)]
        case .quit:
            state.quitting = true
            return []
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
