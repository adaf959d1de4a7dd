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

    /// Commands on the help, stats and author screens: scroll, and back to the queue.
    static func screenKey(_ state: inout AppState, _ command: Command?) -> [Effect] {
        if command == .close {
            state.mode = .queue
            return []
        }
        guard command == .down || command == .up else { return [] }
        /// One row down (never past `most`) or up (never above the top).
        func moved(_ scroll: Int, most: Int = .max) -> Int { command == .down ? min(most, scroll + 1) : max(0, scroll - 1) }
        switch state.mode {
        case .help(let scroll):
            state.mode = .help(scroll: moved(scroll))
        case .stats(let stats, let scroll):
            state.mode = .stats(stats, scroll: moved(scroll, most: StatsView.maxScroll(stats, width: state.width, height: state.height, settings: state.settings)))
        case .author(var screen):
            screen.scroll = moved(screen.scroll, most: AuthorView.maxScroll(screen.history, width: state.width, height: state.height, now: state.now, settings: state.settings))
            state.mode = .author(screen)
        default:
            break
        }
        return []
    }
}
