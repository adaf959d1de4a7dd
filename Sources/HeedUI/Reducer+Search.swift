import Foundation
import HeedCore
import Screen

extension Reducer {
    /// Search, filter, tabs and back to the whole queue.
    static func queryCommand(_ state: inout AppState, _ command: Command, _ layout: QueueLayout) -> [Effect] {
        switch command {
        case .search:
            state.queryBeforeSearch = state.query
            let start = state.query.isQueue ? "" : state.query.text + " "
            state.prompt = .search(text: start, error: nil)
        case .filter:
            state.prompt = .filter(platforms: nil, cursor: 0)
            return [.loadPlatformCounts]
        case .nextTab, .previousTab:
            guard !state.tabs.isEmpty else {
                state.status = .init(text: "No saved views: add them under [views] in config.toml", isError: false)
                return []
            }
            // Position 0 is the whole queue, then the saved views in order.
            let positions = state.tabs.count + 1
            let current = state.shownTab.map { $0 + 1 } ?? 0
            let next = (current + (command == .nextTab ? 1 : positions - 1)) % positions
            let saved = next == 0 ? nil : next - 1
            return switchQuery(&state, saved.map { state.tabs[$0].query } ?? .queue, saved: saved)
        case .wholeQueue:
            if !state.marks.isEmpty {
                state.marks = Marks()
                state.status = .init(text: "Marks cleared", isError: false)
                return []
            }
            guard !state.query.isQueue else { return [] }
            return switchQuery(&state, .queue, saved: nil)
        default:
            break
        }
        return []
    }

    /// Shows another query: a fresh window, no marks; the effects load its count and first page.
    static func switchQuery(_ state: inout AppState, _ query: Query, saved: Int?) -> [Effect] {
        state.shownTab = saved ?? state.tabs.firstIndex { $0.query == query }
        guard query != state.query else { return [] }
        state.query = query
        state.queue = QueueState()
        state.marks = Marks()
        state.thread = nil
        return [.loadSummary(query), .load(.first(QueueState.pageSize), query: query)]
    }

    /// The search line: results follow every change; Enter keeps them, Esc goes back.
    static func searchKey(_ state: inout AppState, _ command: Command?, _ key: Key) -> [Effect] {
        guard case .search(var text, _) = state.prompt else { return [] }
        switch command {
        case .accept:
            state.prompt = nil
            let count = state.queue.count.grouped
            var found = "\(count) found for \(state.query.text)"
            if let indexing = state.indexing, state.query.usesText { found = "\(count) found so far for \(state.query.text) (search is \(indexing.words))" }
            state.status = .init(text: state.query.isQueue ? "The whole queue" : "\(found) (\(state.key(.wholeQueue)): the whole queue)", isError: false)
            return []
        case .cancel:
            state.prompt = nil
            return switchQuery(&state, state.queryBeforeSearch ?? .queue, saved: nil)
        case .backspace:
            guard !text.isEmpty else { return [] }
            text.removeLast()
        case .clearLine:
            text = ""
        case nil:
            guard case .character(let character) = key else { return [] }
            text.append(character)
        default:
            return []
        }
        do {
            let query = try QueryParser.parse(text)
            state.prompt = .search(text: text, error: nil)
            return switchQuery(&state, query, saved: nil)
        } catch {
            state.prompt = .search(text: text, error: error.description)
            return []
        }
    }

    /// The platform picker: j/k choose, Enter filters, Esc leaves.
    static func filterKey(_ state: inout AppState, _ command: Command?) -> [Effect] {
        guard case .filter(let platforms, let cursor) = state.prompt else { return [] }
        let choices = (platforms ?? []).filter { $0.waiting > 0 }
        switch command {
        case .next:
            state.prompt = .filter(platforms: platforms, cursor: min(cursor + 1, choices.count))
        case .previous:
            state.prompt = .filter(platforms: platforms, cursor: max(0, cursor - 1))
        case .cancel:
            state.prompt = nil
        case .accept:
            state.prompt = nil
            guard cursor > 0, choices.indices.contains(cursor - 1) else { return switchQuery(&state, .queue, saved: nil) }
            var query = Query()
            query.platforms = [choices[cursor - 1].platform]
            return switchQuery(&state, query, saved: nil)
        default:
            break
        }
        return []
    }
}
