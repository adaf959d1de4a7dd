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
    /// Where it went, once sent.
    public var link: String?
    /// Why the last try to send it failed (it is pending again).
    public var failure: String?
    /// Why heed cannot send it (no account for its platform, no API), or nil.
    public var unsendable: String?

    public init(id: String, ref: Ref, status: String, text: String, createdAt: Date, item: QueueItem?,
                link: String? = nil, failure: String? = nil, unsendable: String? = nil) {
        self.id = id
        self.ref = ref
        self.status = status
        self.text = text
        self.createdAt = createdAt
        self.item = item
        self.link = link
        self.failure = failure
        self.unsendable = unsendable
    }

    public var isPending: Bool { status == "pending" }

    /// The state as the screen shows it: `failed` for a pending draft whose last try failed,
    /// `unknown` for one a stopped heed left sending.
    public var word: String {
        switch status {
        case "pending" where failure != nil: "failed"
        case "sending": "unknown"
        default: status
        }
    }
}

/// The outbox screen: every draft not discarded, newest first; pending ones can be edited or
/// discarded (the item then returns to the queue at its place).
public struct OutboxScreen: Sendable, Equatable {
    public var rows: [DraftRow] = []
    public var selected = 0
    public var loaded = false
    /// The question before the selected draft is posted is open.
    public var confirmingSend = false

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
        buffer.put(" heed outbox  " + counts(screen.rows), x: 0, y: 0, role: .header)
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
            x = buffer.put(row.word, x: x, y: y, role: selected ? .selected : (row.isPending ? .status : .dim))
            x = max(x + 1, 20)
            if state.width >= 60 {
                buffer.put(row.ref.platform.label, x: x, y: y, maxWidth: 10, role: selected ? .selected : .platform)
                x += 11
            }
            let authorWidth = state.width >= 100 ? 22 : 16
            x = buffer.put(row.item?.mention.author.shownName ?? row.ref.shown, x: x, y: y, maxWidth: authorWidth, role: selected ? .selected : .author)
            x = max(x + 1, state.width >= 60 ? 32 + authorWidth : 21 + authorWidth)
            buffer.put(row.text, x: x, y: y, maxWidth: state.width - x - 1, role: selected ? .selected : .normal)
        }
        if let row = screen.current {
            let top = 1 + listHeight
            buffer.put(String(repeating: "─", count: state.width), x: 0, y: top, role: .dim)
            let whom = row.item.map { "\($0.mention.author.shownName) on \($0.mention.platform.label)" } ?? row.ref.shown
            buffer.put("─ reply to \(whom) ", x: 0, y: top, maxWidth: state.width, role: .dim)
            let room = max(0, state.height - 3 - top)
            var lines = Wrap.lines(row.text, width: state.width - 2, limit: room).map { ($0, Role.normal) }
            if let about = about(row) { lines.insert(contentsOf: Wrap.lines(about.text, width: state.width - 2, limit: room).map { ($0, about.role) }, at: 0) }
            for (index, line) in lines.prefix(room).enumerated() {
                buffer.put(line.0, x: 1, y: top + 1 + index, maxWidth: state.width - 2, role: line.1)
            }
        }
    }

    /// `2 pending · 1 exported`, then the sent and unknown drafts when there are any.
    static func counts(_ rows: [DraftRow]) -> String {
        let pending = rows.filter(\.isPending).count
        let sent = rows.filter { $0.status == "sent" }.count
        let unknown = rows.filter { $0.status == "sending" }.count
        var text = "\(pending) pending · \(rows.filter { $0.status == "exported" }.count) exported"
        if sent > 0 { text += " · \(sent) sent" }
        if unknown > 0 { text += " · \(unknown) unknown" }
        return text
    }

    /// The line above a draft's text: where it went, why its last try failed, or that its fate is unknown.
    static func about(_ row: DraftRow) -> (text: String, role: Role)? {
        if row.status == "sent" { return ("Sent: \(row.link ?? "(no link)")", .link) }
        if row.status == "sending" { return ("A heed stopped while posting it: unknown — check before sending again (heed send --retry-unknown or --mark-sent)", .error) }
        if let failure = row.failure { return ("Last try failed: \(failure)", .error) }
        return nil
    }
}
