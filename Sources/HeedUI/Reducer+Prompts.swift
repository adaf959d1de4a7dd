import Foundation
import HeedCore
import Screen

extension Reducer {
    /// The snooze prompt: a choice's number or a duration (90m, 2d), then Enter.
    static func snoozeKey(_ state: inout AppState, _ command: Command?, _ key: Key, _ layout: QueueLayout) -> [Effect] {
        guard case .snooze(let selection, var typed, _) = state.prompt else { return [] }
        var until: Date?
        switch command {
        case .cancel:
            state.prompt = nil
            return []
        case nil:
            guard case .character(let character) = key else { return [] }
            typed.append(character)
        case .backspace:
            if !typed.isEmpty { typed.removeLast() }
        case .accept:
            if let number = Int(typed), SnoozeChoice.allCases.indices.contains(number - 1) {
                until = SnoozeChoice.allCases[number - 1].until(from: state.now, calendar: state.settings.calendar)
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

    /// The question before a bulk action above the threshold: y does it, n leaves the items.
    static func confirmKey(_ state: inout AppState, _ command: Command?) -> [Effect] {
        guard case .confirm(let act, let count) = state.prompt else { return [] }
        switch command {
        case .yes:
            state.prompt = nil
            state.status = .init(text: "Working on \(count.grouped) items…", isError: false)
            return [.act(act)]
        case .no:
            state.prompt = nil
            state.status = .init(text: "Nothing changed", isError: false)
        default:
            break
        }
        return []
    }

    /// The question before a reply with text is cancelled: y discards it, n goes back to it.
    static func discardKey(_ state: inout AppState, _ command: Command?) -> [Effect] {
        switch command {
        case .yes:
            state.confirmDiscard = false
            let ref = state.composer?.item.mention.ref
            let editing = state.composer?.editingDraft != nil
            state.mode = editing ? .outbox(OutboxScreen()) : .queue
            state.status = .init(text: editing ? "Changes discarded; the draft is as it was" : "Reply discarded", isError: false)
            return (ref.map { [.forgetAutosave($0)] } ?? []) + (editing ? [.loadDrafts] : [])
        case .no:
            state.confirmDiscard = false
        default:
            break
        }
        return []
    }
}
