import Foundation
import Screen

/// A list to choose from over the detail pane (the platform filter, the assignment picker): a
/// title, then the lines around the cursor, each a label and, for the platforms, a count.
enum ListPicker {
    /// Draws the list; nil lines are still loading (`loading` says so).
    static func draw(_ title: String, lines: [(label: String, figure: String?)]?, loading: String, cursor: Int, _ layout: QueueLayout, into buffer: inout ScreenBuffer) {
        let top = layout.detailTop
        let height = max(1, layout.statusRow - top)
        buffer.fill(y: top, height: height, role: .normal)
        buffer.put(" " + title, x: 0, y: top, role: .title)
        guard let lines else {
            if height > 1 { buffer.put("  " + loading, x: 0, y: top + 1, role: .dim) }
            return
        }
        let room = max(0, height - 1)
        let first = max(0, min(cursor - room / 2, lines.count - room))
        for (offset, line) in lines.dropFirst(first).prefix(room).enumerated() {
            let index = first + offset
            let y = top + 1 + offset
            let role: Role = index == cursor ? .selected : .normal
            if index == cursor { buffer.fill(y: y, role: .selected) }
            buffer.put("  " + line.label, x: 0, y: y, maxWidth: line.figure == nil ? layout.width - 1 : 20, role: role)
            if let figure = line.figure { buffer.put(Glyphs.padLeft(figure, toCells: 10), x: 20, y: y, role: role) }
        }
    }
}
