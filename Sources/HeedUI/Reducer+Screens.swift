import Foundation
import HeedCore
import Screen

extension Reducer {
    /// Stats and author history arriving for their screens.
    static func screenAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch (action, state.mode) {
        case (.statsLoaded(let stats), .stats(_, let scroll)):
            state.mode = .stats(stats, scroll: scroll)
        case (.authorLoaded(let ref, let name, let history), .author(var screen)) where screen.ref == ref:
            screen.name = name
            screen.history = history
            state.mode = .author(screen)
        default:
            break
        }
        return []
    }

    /// Keys on the stats and author screens: scroll, and back to the queue.
    static func screenKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch state.mode {
        case .stats(let stats, let scroll):
            let most = StatsView.maxScroll(stats, width: state.width, height: state.height, settings: state.settings)
            switch KeyTable.command(for: key, in: .stats) {
            case .down: state.mode = .stats(stats, scroll: min(most, scroll + 1))
            case .up: state.mode = .stats(stats, scroll: max(0, scroll - 1))
            case .closeScreen: state.mode = .queue
            default: break
            }
        case .author(var screen):
            let most = AuthorView.maxScroll(screen.history, width: state.width, height: state.height, now: state.now, settings: state.settings)
            switch KeyTable.command(for: key, in: .author) {
            case .down: screen.scroll = min(most, screen.scroll + 1)
            case .up: screen.scroll = max(0, screen.scroll - 1)
            case .closeScreen:
                state.mode = .queue
                return []
            default: break
            }
            state.mode = .author(screen)
        default:
            break
        }
        return []
    }
}
