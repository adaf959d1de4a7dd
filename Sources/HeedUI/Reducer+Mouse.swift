import Foundation
import HeedCore
import Screen

extension Key {
    /// Whether the key is the mouse's (a click or the wheel), which no binding names.
    public var isMouse: Bool {
        switch self {
        case .click, .wheelUp, .wheelDown: true
        default: false
        }
    }
}

/// The mouse in the queue and the screens: a click selects a row or shows a saved view's tab,
/// the wheel moves through the list or scrolls the screen. Questions and prompts ignore it, so a
/// stray click never answers one.
extension Reducer {
    /// Rows the wheel moves in one turn.
    static let wheelRows = 3

    /// A click or a wheel turn where the keys are now.
    static func mouse(_ state: inout AppState, _ key: Key, _ layout: QueueLayout) -> [Effect] {
        let context = state.keyContext
        switch (context, key) {
        case (.queue, .click(let x, let y)):
            if y == 0, let tab = Header(state).tab(at: x) {
                state.status = nil
                return switchQuery(&state, state.tabs[tab].query, saved: tab)
            }
            let rank = state.queue.top + (y - 1)
            guard y >= 1, y <= layout.listHeight, rank < state.queue.count else { return [] }
            state.status = nil
            state.queue.move(to: rank, listHeight: layout.listHeight)
            return fill(state, layout)
        case (.queue, .wheelUp), (.queue, .wheelDown):
            let step = key == .wheelDown ? wheelRows : -wheelRows
            state.queue.move(to: max(0, min(state.queue.count - 1, state.queue.cursor + step)), listHeight: layout.listHeight)
            return fill(state, layout)
        case (.outbox, .wheelUp), (.outbox, .wheelDown), (.unsaved, .wheelUp), (.unsaved, .wheelDown):
            let command: Command = key == .wheelDown ? .next : .previous
            return context == .outbox ? outboxCommand(&state, command) : unsavedCommand(&state, command)
        case (.help, .wheelUp), (.help, .wheelDown), (.stats, .wheelUp), (.stats, .wheelDown), (.author, .wheelUp), (.author, .wheelDown):
            for _ in 0..<wheelRows { _ = screenKey(&state, key == .wheelDown ? .down : .up) }
            return []
        default:
            return []
        }
    }
}
