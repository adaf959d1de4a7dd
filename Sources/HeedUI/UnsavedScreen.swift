import Foundation
import HeedCore
import Screen

/// A reply typed but never saved (heed was killed, or its terminal closed): what autosave
/// kept, the item it answers, and the pending draft it was editing, if any.
public struct UnsavedReply: Sendable, Equatable {
    public var ref: Ref
    public var text: String
    /// When it was last typed.
    public var at: Date
    /// The item it answers, when the store has it.
    public var item: QueueItem?
    /// The outbox draft the text was an edit of, when it was one.
    public var draft: DraftRow?

    /// A kept reply: what was typed for `ref` and when, with its item and draft when known.
    public init(ref: Ref, text: String, at: Date, item: QueueItem?, draft: DraftRow? = nil) {
        self.ref = ref
        self.text = text
        self.at = at
        self.item = item
        self.draft = draft
    }

    /// Who it answers: the item's author, else its ref.
    public var name: String { item?.mention.author.shownName ?? ref.description }
}

/// The screen heed opens on when it finds replies it had not saved: each by author, its whole
/// text, and a key that goes to its item with the composer open on that text.
public struct UnsavedScreen: Sendable, Equatable {
    public var replies: [UnsavedReply]
    public var selected = 0

    /// The screen over these replies, one of them selected.
    public init(replies: [UnsavedReply], selected: Int = 0) {
        self.replies = replies
        self.selected = selected
    }

    public var current: UnsavedReply? { replies.indices.contains(selected) ? replies[selected] : nil }
}

extension Reducer {
    /// Replies found unsaved at start: their screen opens, over the queue.
    static func unsavedFound(_ state: inout AppState, _ replies: [UnsavedReply]) -> [Effect] {
        guard !replies.isEmpty, case .queue = state.mode else { return [] }
        state.mode = .unsaved(UnsavedScreen(replies: replies))
        return []
    }

    /// A command on the unsaved replies' screen: move, open one in the composer, or leave.
    static func unsavedCommand(_ state: inout AppState, _ command: Command?) -> [Effect] {
        guard case .unsaved(var screen) = state.mode else { return [] }
        switch command {
        case .next: screen.selected = min(screen.selected + 1, max(0, screen.replies.count - 1))
        case .previous: screen.selected = max(0, screen.selected - 1)
        case .close:
            state.mode = .queue
            let count = screen.replies.count
            state.status = .init(text: "\(count.grouped) unsaved repl\(count == 1 ? "y stays" : "ies stay") kept: opening \(count == 1 ? "its item" : "their items") brings the text back", isError: false)
            return []
        case .reply:
            guard let reply = screen.current else { return [] }
            guard let item = reply.item else {
                state.status = .init(text: "\(reply.ref) is not in the store; import it again to go on with this reply", isError: true)
                return []
            }
            var composer = Composer(item: item, text: reply.draft?.text ?? ReplyStart.text(for: item.mention, settings: state.settings), limit: state.settings.limits[item.mention.platform])
            composer.editingDraft = reply.draft?.id
            state.mode = .composer(composer)
            // The queue goes to the item, so that it is where the composer closes.
            if reply.draft == nil, state.query.isQueue { return [.recoverAutosave(reply.ref), .focus(reply.ref, query: state.query)] }
            return [.recoverAutosave(reply.ref)]
        default:
            return []
        }
        state.mode = .unsaved(screen)
        return []
    }
}

/// Draws the unsaved replies: a line each, then the selected one's whole text.
enum UnsavedView {
    static func render(_ state: AppState, _ screen: UnsavedScreen, into buffer: inout ScreenBuffer) {
        let count = screen.replies.count
        buffer.fill(y: 0, role: .header)
        buffer.put(" heed  \(count.grouped) repl\(count == 1 ? "y" : "ies") you had not saved", x: 0, y: 0, role: .header)
        let keys = state.settings.keys
        let intro = "heed stopped before \(count == 1 ? "this reply was" : "these replies were") saved; the text is kept. \(keys.label(.reply, in: .unsaved)) opens one on its item, \(keys.label(.close, in: .unsaved)) goes to the queue."
        var y = 1
        for line in Wrap.lines(intro, width: state.width - 2).prefix(2) {
            buffer.put(line, x: 1, y: y, maxWidth: state.width - 2, role: .dim)
            y += 1
        }
        let listTop = y + 1
        let listHeight = max(1, min(count, (state.height - listTop - 2) / 2))
        let top = max(0, min(screen.selected - listHeight + 1, count - listHeight))
        for (line, reply) in screen.replies.dropFirst(top).prefix(listHeight).enumerated() {
            let row = listTop + line
            let selected = top + line == screen.selected
            if selected { buffer.fill(y: row, role: .selected) }
            var x = buffer.put(Glyphs.padLeft(Age.words(state.now.timeIntervalSince(reply.at)), toCells: 8), x: 0, y: row, role: selected ? .selected : .dim) + 2
            x = buffer.put(reply.ref.platform.label, x: x, y: row, maxWidth: 10, role: selected ? .selected : .platform)
            x = max(x + 1, 21)
            x = buffer.put(reply.name, x: x, y: row, maxWidth: 22, role: selected ? .selected : .author)
            x = max(x + 1, 44)
            buffer.put(reply.draft == nil ? reply.text : "(edit of a draft) " + reply.text, x: x, y: row, maxWidth: state.width - x - 1, role: selected ? .selected : .normal)
        }
        guard let reply = screen.current else { return }
        let top2 = listTop + listHeight + 1
        buffer.put(String(repeating: "─", count: state.width), x: 0, y: top2, role: .dim)
        let what = reply.item.map { "─ your reply to \(reply.name) on \($0.mention.platform.label), typed \(Age.words(state.now.timeIntervalSince(reply.at))) ago " } ?? "─ your reply to \(reply.ref) (not in the store) "
        buffer.put(what, x: 0, y: top2, maxWidth: state.width, role: .dim)
        for (index, line) in Wrap.lines(reply.text, width: state.width - 2).prefix(max(0, state.height - 3 - top2)).enumerated() {
            buffer.put(line, x: 1, y: top2 + 1 + index, maxWidth: state.width - 2, role: .normal)
        }
    }
}
