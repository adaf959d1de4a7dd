import Foundation
import HeedCore
import Screen

/// Working as a team: assigning items to a teammate, and saying who answered an item first.
extension Reducer {
    /// What a command on "the item, or the marked items" acts on: the marks when there are
    /// some, else the selected item; nil when there is neither.
    static func markedOrSelected(_ state: AppState) -> Selection? {
        if !state.marks.isEmpty { return state.marks.selection }
        return state.queue.selected.map { .refs([$0.mention.ref]) }
    }

    /// `=`: the picker of whom to assign the marked items (or the selected one) to.
    static func startAssigning(_ state: inout AppState) -> [Effect] {
        guard let selection = markedOrSelected(state) else { return [] }
        state.prompt = .assign(selection, people: nil, cursor: 0)
        return [.loadTeammates]
    }

    /// The picker's keys: move, assign to the one chosen (the first line is nobody), or leave.
    static func assignKey(_ state: inout AppState, _ command: Command?, _ layout: QueueLayout) -> [Effect] {
        guard case .assign(let selection, let people, let cursor) = state.prompt else { return [] }
        switch command {
        case .next:
            state.prompt = .assign(selection, people: people, cursor: min(cursor + 1, people?.count ?? 0))
        case .previous:
            state.prompt = .assign(selection, people: people, cursor: max(0, cursor - 1))
        case .cancel:
            state.prompt = nil
        case .accept:
            guard let people else { return [] }
            state.prompt = nil
            let person = cursor > 0 && people.indices.contains(cursor - 1) ? people[cursor - 1] : nil
            let act = Act.assign(selection, to: person)
            if case .refs(let refs) = selection, refs.count == 1 { return [.act(act)] }
            return bulk(&state, act, count: state.marks.isEmpty ? 1 : state.marks.count)
        default:
            break
        }
        return []
    }

    /// "kenji was already answered elsewhere", or, when the store knows, who answered and when.
    static func answeredFirst(_ state: AppState, _ what: String, _ outcome: ActOutcome) -> String {
        guard let person = outcome.answeredBy, let at = outcome.answeredAt else { return "\(what) was already answered elsewhere" }
        return "\(person) answered \(what) \(Age.words(state.now.timeIntervalSince(at))) ago (\(when(at, now: state.now, calendar: state.settings.calendar)))"
    }
}
