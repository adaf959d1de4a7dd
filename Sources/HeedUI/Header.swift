import Foundation
import HeedCore
import Screen

/// The queue's header row, laid out for a width: what it says, where each saved view's tab
/// lies (a click on one shows it), and what gives way when the row is narrow.
///
/// Never dropped: "heed", the label, the count, the marks and the position ("4/26").
/// What gives way, first to last: "· oldest 3w" (the first row shows that age too), then the
/// saved views that do not fit, counted as "+2" (Tab still reaches them; the one shown always
/// stays), then the search text, cut with "…".
struct Header: Equatable {
    /// One piece of the row: its text, its role and, for a tab, the saved view's index.
    struct Piece: Equatable {
        var text: String
        var role: Role
        var tab: Int?
        var x = 0
    }

    var pieces: [Piece] = []

    /// The header of `state` laid out for its width.
    init(_ state: AppState) {
        let width = state.width
        let queue = state.queue
        var left = [Piece(text: " heed", role: .headerAccent)]
        if let label = state.label { left.append(Piece(text: " [\(label)]", role: .headerAccent)) }
        let more = queue.summary.exact ? "" : "+"
        let shown = state.shownTab.flatMap { state.tabs.indices.contains($0) ? $0 : nil }
        var words: String
        if let shown {
            left.append(Piece(text: "  " + Self.cut(state.tabs[shown].name, 24) + ":", role: .headerAccent))
            words = " \(queue.count.grouped)\(more) " + (state.query.scope == .waiting ? "waiting" : "items")
        } else {
            words = "  \(queue.count.grouped)\(more) "
            switch state.query.scope {
            case .waiting: words += state.query.isQueue ? "waiting" : "found"
            case .snoozed: words += "snoozed"
            case .answered: words += "answered"
            case .all: words += "items"
            }
        }
        if let indexing = state.indexing, state.query.usesText { words += " · partial, \(indexing.words)" }
        if !state.marks.isEmpty { words += " · \(state.marks.count.grouped) marked" }
        left.append(Piece(text: words, role: .header))
        var oldest: Piece?
        if let date = queue.summary.oldest, queue.count > 0, state.query.scope == .waiting {
            oldest = Piece(text: " · oldest \(Age.words(state.now.timeIntervalSince(date)))", role: .header)
        }
        let position = queue.count > 0 ? "\(Int(queue.cursor + 1).grouped)/\(queue.count.grouped)\(more) " : ""
        // Cells left of the position, one blank kept before it.
        let room = width - Glyphs.width(position) - 1
        let used = left.reduce(0) { $0 + Glyphs.width($1.text) }
        var middle: [Piece] = []
        if !state.query.isQueue, shown == nil {
            let text = "  " + state.query.text
            let spare = room - used - Glyphs.width(oldest?.text ?? "")
            if spare >= min(Glyphs.width(text), 12) {
                if let oldest { left.append(oldest) }
                middle = [Piece(text: Self.cut(text, spare), role: .headerAccent)]
            } else {
                middle = [Piece(text: Self.cut(text, room - used), role: .headerAccent)]
            }
        } else if !state.tabs.isEmpty {
            let withOldest = Self.tabs(state, room: room - used - Glyphs.width(oldest?.text ?? ""))
            if let oldest, withOldest.hidden == 0 {
                left.append(oldest)
                middle = withOldest.pieces
            } else {
                middle = Self.tabs(state, room: room - used).pieces
            }
        } else if let oldest, used + Glyphs.width(oldest.text) <= room {
            left.append(oldest)
        }
        var x = 0
        for piece in left + middle where x < room {
            let text = Self.cut(piece.text, room - x)
            pieces.append(Piece(text: text, role: piece.role, tab: piece.tab, x: x))
            x += Glyphs.width(text)
        }
        if !position.isEmpty, width - Glyphs.width(position) > x {
            pieces.append(Piece(text: position, role: .header, x: width - Glyphs.width(position)))
        }
    }

    /// The tabs in order within `room` cells (after two blanks): each whole, those that do not
    /// fit counted as "+N", the one shown kept in any case.
    static func tabs(_ state: AppState, room: Int) -> (pieces: [Piece], hidden: Int) {
        let entries = state.tabs.enumerated().map { index, saved in
            (index: index, text: "│ " + cut(saved.name, 16) + (saved.count.map { " \($0.grouped)" } ?? "") + " ")
        }
        // The most leading tabs that fit, with the one shown and the "+N" of the others.
        for leading in stride(from: entries.count, through: 0, by: -1) {
            let kept = entries.filter { $0.index < leading || $0.index == state.shownTab }
            let hidden = entries.count - kept.count
            let marker = hidden > 0 ? "+\(hidden)" : ""
            let cells = 2 + kept.reduce(0) { $0 + Glyphs.width($1.text) } + Glyphs.width(marker)
            guard cells <= room || leading == 0 else { continue }
            var pieces = [Piece(text: "  ", role: .header)]
            pieces += kept.map { Piece(text: $0.text, role: $0.index == state.shownTab ? .headerAccent : .header, tab: $0.index) }
            if hidden > 0 { pieces.append(Piece(text: marker, role: .header)) }
            return (pieces, hidden)
        }
        return ([], 0)
    }

    /// Text cut to `cells` with "…" when longer.
    static func cut(_ text: String, _ cells: Int) -> String {
        guard Glyphs.width(text) > cells else { return text }
        guard cells > 1 else { return cells == 1 ? "…" : "" }
        var kept = ""
        var used = 0
        for glyph in Glyphs.of(text) {
            if used + glyph.width > cells - 1 { break }
            kept += glyph.scalars
            used += glyph.width
        }
        return kept + "…"
    }

    /// The saved view whose tab covers column `x`, if any.
    func tab(at x: Int) -> Int? {
        pieces.first { piece in piece.tab != nil && x >= piece.x && x < piece.x + Glyphs.width(piece.text) }?.tab
    }

    /// Draws the row.
    func render(into buffer: inout ScreenBuffer) {
        buffer.fill(y: 0, role: .header)
        for piece in pieces {
            buffer.put(piece.text, x: piece.x, y: 0, maxWidth: buffer.width - piece.x, role: piece.role)
        }
    }
}
