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

    /// Reduces one action: the state changed in place, and the effects it asks for.
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .acted, .undone, .storeChanged, .snoozedWoke, .replySaved(_, .done), .draftDiscarded(_, .done):
            // Answers changed: the author line is counted again.
            state.authorLine = nil
        default:
            break
        }
        let composing = state.composer?.item.mention.ref
        let effects = reduceAction(&state, action)
        // Whoever shares the store sees where this composer is open.
        let presence: [Effect] = state.composer?.item.mention.ref != composing ? [.composing(state.composer?.item.mention.ref)] : []
        return effects + presence + followSelection(&state)
    }

    /// The action itself, before the detail pane follows the selection.
    static func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        let layout = QueueLayout(width: state.width, height: state.height)
        switch action {
        case .keyPressed(let key):
            return keyPressed(&state, key, layout)
        case .ticked(let now):
            let wake = Int(now.timeIntervalSince1970 / wakeEvery) != Int(state.now.timeIntervalSince1970 / wakeEvery)
            state.now = now
            return [.checkForChanges] + (wake ? [.wakeSnoozed] : []) + fetchTick(&state) + (state.sending == nil ? [] : [.pollSend])
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
        case .tagsLoaded(let tags):
            if case .tag(let selection, let typed, _, let error) = state.prompt { state.prompt = .tag(selection, typed: typed, tags: tags, error: error) }
            return []
        case .replySaved, .replyFailed, .editorFinished, .autosaveRecovered, .templatesLoaded:
            return composerAction(&state, action, layout)
        case .draftsLoaded, .draftEdited, .draftDiscarded:
            return outboxAction(&state, action)
        case .unsavedFound(let replies):
            return unsavedFound(&state, replies)
        case .indexingReported(let indexing):
            state.indexing = indexing
            return []
        case .themeLoaded(let choice):
            themeLoaded(&state, choice)
            return []
        case .linkOpened, .copied:
            return linkAction(&state, action)
        case .fetchReported, .fetchRefused:
            return fetchAction(&state, action)
        case .teammatesLoaded(let people):
            if case .assign(let selection, _, let cursor) = state.prompt { state.prompt = .assign(selection, people: people, cursor: cursor) }
            return []
        case .sendReported, .sendRefused, .deliveryLoaded:
            return sendAction(&state, action)
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
        if case .replied(let draft, _) = item.mention.state, !draft.isEmpty {
            if state.delivery?.ref != ref {
                state.delivery = DeliveryLine(ref: ref, text: nil)
                effects.append(.loadDelivery(ref, draft: draft))
            }
        } else {
            state.delivery = nil
        }
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
}
