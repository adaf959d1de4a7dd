import Foundation
import HeedCore
import Screen

/// A draft as the outbox screen lists it, with the item it answers when the store has it.
public struct DraftRow: Sendable, Equatable {
    public var id: String
    public var ref: Ref
    public var status: String
    public var text: String
    public var createdAt: Date
    public var item: QueueItem?

    public init(id: String, ref: Ref, status: String, text: String, createdAt: Date, item: QueueItem?) {
        self.id = id
        self.ref = ref
        self.status = status
        self.text = text
        self.createdAt = createdAt
        self.item = item
    }

    public var isPending: Bool { status == "pending" }
}

/// The outbox screen: every draft not discarded, newest first; pending ones can be edited or
/// discarded (the item then returns to the queue at its place).
public struct OutboxScreen: Sendable, Equatable {
    public var rows: [DraftRow] = []
    public var selected = 0
    public var loaded = false

    public init(rows: [DraftRow] = [], selected: Int = 0, loaded: Bool = false) {
        self.rows = rows
        self.selected = selected
        self.loaded = loaded
    }

    public var current: DraftRow? { rows.indices.contains(selected) ? rows[selected] : nil }
}

/// Draws the outbox screen.
enum OutboxView {
    static func render(_ state: AppState, _ screen: OutboxScreen, into buffer: inout ScreenBuffer) {
        buffer.fill(y: 0, role: .header)
        let pending = screen.rows.filter(\.isPending).count
        buffer.put(" heed outbox  \(pending.grouped) pending · \((screen.rows.count - pending).grouped) exported", x: 0, y: 0, role: .header)
        let listHeight = max(1, (state.height - 3) / 2)
        if screen.rows.isEmpty, screen.loaded {
            buffer.put("No drafts. Replies saved with \(state.key(.save, in: .composer)) in the composer land here.", x: 2, y: 2, maxWidth: state.width - 3, role: .dim)
        }
        let top = max(0, min(screen.selected - listHeight + 1, screen.rows.count - listHeight))
        for (line, row) in screen.rows.dropFirst(top).prefix(listHeight).enumerated() {
            let y = 1 + line
            let selected = top + line == screen.selected
            if selected { buffer.fill(y: y, role: .selected) }
            var x = buffer.put(Glyphs.padLeft(Age.words(state.now.timeIntervalSince(row.createdAt)), toCells: 8), x: 0, y: y, role: selected ? .selected : .dim) + 2
            x = buffer.put(row.status, x: x, y: y, role: selected ? .selected : (row.isPending ? .status : .dim))
            x = max(x + 1, 20)
            if state.width >= 60 {
                buffer.put(row.ref.platform.label, x: x, y: y, maxWidth: 10, role: selected ? .selected : .platform)
                x += 11
            }
            let authorWidth = state.width >= 100 ? 22 : 16
            x = buffer.put(row.item?.mention.author.shownName ?? row.ref.description, x: x, y: y, maxWidth: authorWidth, role: selected ? .selected : .author)
            x = max(x + 1, state.width >= 60 ? 32 + authorWidth : 21 + authorWidth)
            buffer.put(row.text, x: x, y: y, maxWidth: state.width - x - 1, role: selected ? .selected : .normal)
        }
        if let row = screen.current {
            let top = 1 + listHeight
            buffer.put(String(repeating: "─", count: state.width), x: 0, y: top, role: .dim)
            let whom = row.item.map { "\($0.mention.author.shownName) on \($0.mention.platform.label)" } ?? "\(row.ref)"
            buffer.put("─ reply to \(whom) ", x: 0, y: top, maxWidth: state.width, role: .dim)
            for (index, line) in Wrap.lines(row.text, width: state.width - 2).prefix(max(0, state.height - 3 - top)).enumerated() {
                buffer.put(line, x: 1, y: top + 1 + index, maxWidth: state.width - 2, role: .normal)
            }
        }
    }
}
