import Foundation
import HeedCore
import Screen

extension Reducer {
    /// Search, filter and saved views.
    static func queryCommand(_ state: inout AppState, _ command: Command, _ layout: QueueLayout) -> [Effect] {
        switch command {
        case .search:
            state.queryBeforeSearch = state.query
            let start = state.query.isQueue ? "" : state.query.text + " "
            state.prompt = .search(text: start, error: nil)
        case .filter:
            state.prompt = .filter(platforms: nil, cursor: 0)
            return [.loadPlatformCounts]
        case .nextView, .previousView:
            guard !state.tabs.isEmpty else {
                state.status = .init(text: "No saved views: add them under [views] in config.toml", isError: false)
                return []
            }
            // Position 0 is the whole queue, then the saved views in order.
            let positions = state.tabs.count + 1
            let current = state.shownTab.map { $0 + 1 } ?? 0
            let next = (current + (command == .nextView ? 1 : positions - 1)) % positions
            let saved = next == 0 ? nil : next - 1
            return switchQuery(&state, saved.map { state.tabs[$0].query } ?? .queue, saved: saved)
        case .clearView:
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

    /// Shows another view: a fresh window, no marks; the effects load its count and first page.
    static func switchQuery(_ state: inout AppState, _ query: Query, saved: Int?) -> [Effect] {
        state.shownTab = saved ?? state.tabs.firstIndex { $0.query == query }
        guard query != state.query else { return [] }
        state.query = query
        state.queue = QueueState()
        state.marks = Marks()
        state.thread = nil
        return [.loadSummary(query), .load(.first(QueueState.pageSize), query: query)]
    }

    /// A key while a prompt is open.
    static func promptKey(_ state: inout AppState, _ key: Key, _ layout: QueueLayout) -> [Effect] {
        switch state.prompt {
        case .search(let text, _): return searchKey(&state, text, key)
        case .snooze(let selection, let typed, _): return snoozeKey(&state, selection, typed, key, layout)
        case .filter(let platforms, let cursor): return filterKey(&state, platforms, cursor, key)
        case .confirm(let act, let count):
            switch key {
            case .character("y"), .character("Y"):
                state.prompt = nil
                state.status = .init(text: "Working on \(count.grouped) items…", isError: false)
                return [.act(act)]
            case .character("n"), .character("N"), .escape, .control("c"):
                state.prompt = nil
                state.status = .init(text: "Nothing changed", isError: false)
            default:
                break
            }
            return []
        case nil:
            return []
        }
    }

    /// The search line: results follow every change; Enter keeps them, Esc goes back.
    static func searchKey(_ state: inout AppState, _ text: String, _ key: Key) -> [Effect] {
        var text = text
        switch key {
        case .enter:
            state.prompt = nil
            let count = state.queue.count.grouped
            state.status = .init(text: state.query.isQueue ? "The whole queue" : "\(count) found for \(state.query.text) (Esc: the whole queue)", isError: false)
            return []
        case .escape, .control("c"), .control("g"):
            state.prompt = nil
            return switchQuery(&state, state.queryBeforeSearch ?? .queue, saved: nil)
        case .backspace:
            guard !text.isEmpty else { return [] }
            text.removeLast()
        case .control("u"):
            text = ""
        case .character(let character):
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

    /// The snooze prompt: a choice's number or a duration (90m, 2d), then Enter.
    static func snoozeKey(_ state: inout AppState, _ selection: Selection, _ typed: String, _ key: Key, _ layout: QueueLayout) -> [Effect] {
        var typed = typed
        var until: Date?
        switch key {
        case .escape, .control("c"):
            state.prompt = nil
            return []
        case .character(let character):
            typed.append(character)
        case .backspace:
            if !typed.isEmpty { typed.removeLast() }
        case .enter:
            if let number = Int(typed), SnoozeChoice.allCases.indices.contains(number - 1) {
                until = SnoozeChoice.allCases[number - 1].until(from: state.now)
                break
            }
            guard let seconds = Age.parse(typed), seconds > 0 else {
                state.prompt = .snooze(selection, typed: typed, error: "1 to 4, or a duration like 90m, 3h, 2d or 1w")
                return []
            }
            until = state.now.addingTimeInterval(seconds)
        default:
            return []
        }
        guard let until else {
            state.prompt = .snooze(selection, typed: typed, error: nil)
            return []
        }
        state.prompt = nil
        let act = Act.snooze(selection, until: until)
        if case .refs(let refs) = selection, refs.count == 1 {
            if state.query.scope == .waiting { state.queue.remove(refs[0], listHeight: layout.listHeight) }
            return [.act(act)] + fill(state, layout)
        }
        return bulk(&state, act, count: state.marks.isEmpty ? 1 : state.marks.count)
    }

    /// The platform picker: j/k choose, Enter filters, Esc leaves.
    static func filterKey(_ state: inout AppState, _ platforms: [PlatformCount]?, _ cursor: Int, _ key: Key) -> [Effect] {
        let choices = (platforms ?? []).filter { $0.waiting > 0 }
        switch key {
        case .character("j"), .down:
            state.prompt = .filter(platforms: platforms, cursor: min(cursor + 1, choices.count))
        case .character("k"), .up:
            state.prompt = .filter(platforms: platforms, cursor: max(0, cursor - 1))
        case .escape, .character("q"), .control("c"):
            state.prompt = nil
        case .enter:
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
