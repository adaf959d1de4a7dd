import Foundation
import HeedCore
import Screen

/// Tags from the queue: `t` opens the tag prompt for the item (or the marked items), Tab
/// completes from the tags in use, Enter adds the tag (`-name` removes it) as one action.
extension Reducer {
    /// Why `t` cannot run now, or nil.
    @Sendable static func tagReason(_ state: AppState) -> String? {
        guard state.marks.isEmpty else { return nil }
        if state.queue.count == 0 { return state.query.isQueue ? "Nothing is waiting" : "Nothing in this view" }
        return state.queue.selected == nil ? "Still loading" : nil
    }

    /// `t`: the tag prompt over the marks, or the selected item.
    static func tagCommand(_ state: inout AppState) -> [Effect] {
        guard let selection = markedOrSelected(state) else { return [] }
        state.prompt = .tag(selection, typed: "", tags: nil, error: nil)
        return [.loadTags]
    }

    /// A key in the tag prompt.
    static func tagKey(_ state: inout AppState, _ command: Command?, _ key: Key, _ layout: QueueLayout) -> [Effect] {
        guard case .tag(let selection, var typed, let tags, _) = state.prompt else { return [] }
        switch command {
        case .cancel:
            state.prompt = nil
            return []
        case nil:
            guard case .character(let character) = key, typed.count < Tag.maximumLength + 1 else { return [] }
            typed.append(character)
        case .backspace:
            if !typed.isEmpty { typed.removeLast() }
        case .complete:
            typed = completion(typed, tags ?? [])
        case .accept:
            let removing = typed.hasPrefix("-")
            let name = (removing ? String(typed.dropFirst()) : typed).trimmingCharacters(in: .whitespaces)
            guard let tag = Tag.normal(name) else {
                state.prompt = .tag(selection, typed: typed, tags: tags, error: name.isEmpty ? "type a tag (Tab completes)" : Tag.problem(name))
                return []
            }
            state.prompt = nil
            return [.act(.tag(selection, adding: removing ? [] : [tag], removing: removing ? [tag] : []))]
        default:
            return []
        }
        state.prompt = .tag(selection, typed: typed, tags: tags, error: nil)
        return []
    }

    /// What Tab makes of the typed text: the most used tag it starts, or, when it is a tag
    /// already, the next one that starts with it (a leading "-" kept).
    static func completion(_ typed: String, _ tags: [TagCount]) -> String {
        let sign = typed.hasPrefix("-") ? "-" : ""
        let start = String(typed.dropFirst(sign.count)).lowercased()
        let candidates = tags.map(\.tag).filter { $0.hasPrefix(start) }
        guard let first = candidates.first else { return typed }
        guard let index = candidates.firstIndex(of: start) else { return sign + first }
        return sign + candidates[(index + 1) % candidates.count]
    }

    /// A tag action came back: said on the status line, the window reloaded around the item.
    static func tagged(_ state: inout AppState, _ act: Act, _ outcome: ActOutcome) -> [Effect] {
        guard case .tag(_, let adding, let removing) = act else { return [] }
        let what = (adding.map { "#" + $0 } + removing.map { "#" + $0 }).joined(separator: " ")
        let items = "\(outcome.changed.grouped) item\(outcome.changed == 1 ? "" : "s")"
        if outcome.changed == 0 {
            state.status = .init(text: adding.isEmpty ? "Nothing carried \(what); nothing changed" : "Already tagged \(what); -\(adding[0]) removes it", isError: false)
        } else {
            state.status = .init(text: adding.isEmpty ? "Removed \(what) from \(items) (u undoes)" : "Tagged \(items) \(what) (u undoes)", isError: false)
        }
        state.marks = Marks()
        return [.focus(state.queue.selected?.mention.ref, query: state.query)] + countTabs(state)
    }
}

extension PromptView {
    /// The tag prompt: what is typed, then the tags in use that it starts (most used first).
    static func tagLine(_ typed: String, _ tags: [TagCount]?, _ error: String?, width: Int, row: Int, into buffer: inout ScreenBuffer) {
        buffer.fill(y: row, role: .composer)
        var x = buffer.put(" Tag: ", x: 0, y: row, role: .composer)
        x = buffer.put(typed, x: x, y: row, maxWidth: max(0, width - x - 2), role: .composer)
        x = buffer.put("▏", x: x, y: row, role: .cursor)
        if let error {
            buffer.put("  " + error, x: x, y: row, maxWidth: max(0, width - x), role: .error)
            return
        }
        let start = String(typed.drop { $0 == "-" }).lowercased()
        let shown = (tags ?? []).filter { $0.tag.hasPrefix(start) }.prefix(6).map { "\($0.tag) \($0.count.grouped)" }
        guard !shown.isEmpty else { return }
        buffer.put("  " + shown.joined(separator: " · "), x: x, y: row, maxWidth: max(0, width - x), role: .dim)
    }
}
