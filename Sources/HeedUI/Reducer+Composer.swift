import Foundation
import HeedCore
import Screen

extension Reducer {
    /// Results that concern the composer: saved, failed, edited elsewhere, recovered.
    static func composerAction(_ state: inout AppState, _ action: Action, _ layout: QueueLayout) -> [Effect] {
        switch action {
        case .replySaved(let ref, let outcome):
            guard var composer = state.composer else { return [] }
            let who = composer.item.mention.author.shownName
            if outcome == .done {
                state.mode = .queue
                state.status = .init(text: "Reply to \(who) saved to the outbox (\(state.undoKey) undoes)", isError: false)
            } else {
                composer.saving = false
                state.mode = .composer(composer)
                var first = "\(who) was already answered elsewhere"
                if case .answeredBy(let person, let at) = outcome { first = "\(person) answered \(who) \(Age.words(state.now.timeIntervalSince(at))) ago (\(when(at, now: state.now, calendar: state.settings.calendar)))" }
                state.status = .init(text: first + "; this reply was not saved and is still here (\(state.key(.cancel, in: .composer)) leaves)", isError: true)
            }
            if composer.wholeThread, outcome == .done {
                return [.forgetAutosave(ref), .focus(ref, query: state.query)]
            }
            state.queue.remove(ref, listHeight: layout.listHeight)
            return (outcome == .done ? [.forgetAutosave(ref)] : []) + [.loadSummary(state.query)] + fill(state, layout)
        case .replyFailed(let message):
            if case .composer(var composer) = state.mode {
                composer.saving = false
                state.mode = .composer(composer)
            }
            state.status = .init(text: message, isError: true)
            return []
        case .editorFinished(let text, let problem):
            guard var composer = state.composer else { return [] }
            guard let text else {
                state.status = .init(text: "\(problem ?? "The editor failed"); your text is unchanged", isError: true)
                return []
            }
            composer.replaceText(text)
            state.mode = .composer(composer)
            return [.autosave(composer.item.mention.ref, composer.text)]
        case .templatesLoaded(let templates, let folder):
            guard var composer = state.composer else { return [] }
            guard !templates.isEmpty else {
                let place = folder.map { "in \($0)/" } ?? "in the templates folder beside config.toml"
                state.status = .init(text: "No saved replies yet: put text files \(place) ({author}, {name} and {platform} are filled in)", isError: false)
                return []
            }
            composer.picker = TemplatePicker(templates: templates)
            state.mode = .composer(composer)
            return []
        case .autosaveRecovered(let ref, let text, let at):
            guard var composer = state.composer, composer.item.mention.ref == ref, composer.text == composer.initialText, text != composer.text else { return [] }
            composer.replaceText(text)
            state.mode = .composer(composer)
            state.status = .init(text: "Restored the reply you had not saved (typed \(Age.words(state.now.timeIntervalSince(at))) ago)", isError: false)
            return []
        default:
            return []
        }
    }

    /// A key in the composer or its template list: typing and moving edit the text, which is
    /// kept as it changes.
    static func composerKey(_ state: inout AppState, _ command: Command?, _ key: Key) -> [Effect] {
        guard case .composer(var composer) = state.mode else { return [] }
        if composer.saving { return [] }
        let before = composer.text
        var effects: [Effect] = []
        if let picker = composer.picker {
            if let said = pickerKey(&composer, picker, command) { state.status = .init(text: said, isError: true) }
        } else if command == nil, case .character(let character) = key {
            composer.insert(String(character))
        } else if let command {
            let width = ComposerGeometry(width: state.width, height: state.height).textWidth
            switch command {
            case .save:
                effects = save(&state, &composer)
                state.mode = .composer(composer)
                return effects
            case .editor: return [.openEditor(composer.text)]
            case .templates: return [.loadTemplates]
            case .cancel:
                if composer.hasChanges {
                    state.confirmDiscard = true
                } else if composer.editingDraft != nil {
                    state.mode = .outbox(OutboxScreen())
                    return [.forgetAutosave(composer.item.mention.ref), .loadDrafts]
                } else {
                    state.mode = .queue
                    return [.forgetAutosave(composer.item.mention.ref)]
                }
            case .newline: composer.insert("\n")
            case .backspace: composer.deleteBackward()
            case .deleteForward: composer.deleteForward()
            case .left: composer.moveLeft()
            case .right: composer.moveRight()
            case .up: composer.moveVertically(by: -1, width: width)
            case .down: composer.moveVertically(by: 1, width: width)
            case .lineStart: composer.moveToRowStart(width: width)
            case .lineEnd: composer.moveToRowEnd(width: width)
            default: break
            }
        }
        state.mode = .composer(composer)
        if composer.text != before { effects.append(.autosave(composer.item.mention.ref, composer.text)) }
        return effects
    }

    /// Ctrl-S: refused with the reason when empty or too long, the text kept.
    static func save(_ state: inout AppState, _ composer: inout Composer) -> [Effect] {
        if composer.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            state.status = .init(text: "Nothing to save: the reply is empty", isError: true)
            return []
        }
        if let over = composer.length.overReason {
            state.status = .init(text: "Too long for \(composer.platform.label): \(over); shorten it to save", isError: true)
            return []
        }
        composer.saving = true
        if let draft = composer.editingDraft { return [.saveEdit(draft: draft, text: composer.text)] }
        let mention = composer.item.mention
        return [.saveReply(ReplyInput(ref: mention.ref, replyTarget: mention.replyTarget, author: mention.author.handle, text: composer.text, thread: composer.wholeThread))]
    }
}
