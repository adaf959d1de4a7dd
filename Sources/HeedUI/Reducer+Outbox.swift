import Foundation
import HeedCore
import Screen

extension Reducer {
    /// Results that concern the outbox screen.
    static func outboxAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .draftsLoaded(let rows):
            guard case .outbox(var screen) = state.mode else { return [] }
            screen.rows = rows
            screen.loaded = true
            screen.selected = max(0, min(screen.selected, rows.count - 1))
            state.mode = .outbox(screen)
            return []
        case .draftEdited:
            guard let composer = state.composer else { return [] }
            state.mode = .outbox(OutboxScreen())
            state.status = .init(text: "Draft to \(composer.item.mention.author.shownName) updated in the outbox", isError: false)
            return [.forgetAutosave(composer.item.mention.ref)]
        case .draftDiscarded(let row, let outcome):
            if outcome == .done {
                state.status = .init(text: "Draft discarded; \(row.item?.mention.author.shownName ?? row.ref.description) is back in the queue (\(state.undoKey) undoes)", isError: false)
                return [.focus(row.ref, query: state.query)]
            }
            state.status = .init(text: "Draft discarded; its item was not waiting on it any more", isError: false)
            return []
        default:
            return []
        }
    }

    /// A command on the outbox screen (the table refuses edit and discard but on a pending draft).
    static func outboxCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard case .outbox(var screen) = state.mode else { return [] }
        switch command {
        case .next: screen.selected = min(screen.selected + 1, max(0, screen.rows.count - 1))
        case .previous: screen.selected = max(0, screen.selected - 1)
        case .undo: return [.undo]
        case .close:
            state.mode = .queue
            return []
        case .send:
            guard screen.current != nil else { return [] }
            screen.confirmingSend = true
            state.mode = .outbox(screen)
            return []
        case .discard:
            guard let row = screen.current else { return [] }
            return [.discardDraft(row)]
        case .edit:
            guard let row = screen.current else { return [] }
            guard let item = row.item else {
                state.status = .init(text: "\(row.ref) is not in the store; import it again to edit this draft", isError: true)
                return []
            }
            var composer = Composer(item: item, text: row.text, limit: state.settings.limits[item.mention.platform])
            composer.editingDraft = row.id
            state.mode = .composer(composer)
            return [.recoverAutosave(row.ref)]
        default: break
        }
        state.mode = .outbox(screen)
        return []
    }
}
