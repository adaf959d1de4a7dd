import Foundation
import HeedCore
import Screen

/// Where the composer's parts go at a given size.
struct ComposerGeometry {
    var width: Int
    var height: Int
    var quoteRows: Int { height >= 16 ? 3 : 1 }
    var separatorRow: Int { 1 + quoteRows }
    var textTop: Int { separatorRow + 1 }
    var textHeight: Int { max(1, height - 2 - textTop) }
    var textWidth: Int { max(1, width - 2) }
}

/// The reply composer: what is being answered, the text with its cursor, and the counter.
enum ComposerView {
    static func render(_ state: AppState, _ composer: Composer, into buffer: inout ScreenBuffer) {
        let geometry = ComposerGeometry(width: state.width, height: state.height)
        let mention = composer.item.mention
        buffer.fill(y: 0, role: .header)
        buffer.put(" Reply to \(mention.author.shownName) on \(mention.platform.label)", x: 0, y: 0, role: .header)
        let quote = Wrap.lines(mention.text, width: geometry.textWidth - 2, limit: geometry.quoteRows)
        for (row, line) in quote.enumerated() {
            let x = buffer.put("│ ", x: 1, y: 1 + row, role: .dim)
            buffer.put(line, x: x, y: 1 + row, maxWidth: geometry.textWidth - 2, role: .dim)
        }
        separator(composer, geometry, into: &buffer)

        let layout = ComposerLayout(text: composer.text, width: geometry.textWidth)
        let (cursorRow, cursorColumn) = layout.position(of: composer.cursor)
        let first = max(0, cursorRow - geometry.textHeight + 1)
        for (index, row) in layout.rows.dropFirst(first).prefix(geometry.textHeight).enumerated() {
            var x = 1
            for grapheme in row.graphemes where grapheme.text != "\n" {
                x = buffer.put(grapheme.text, x: x, y: geometry.textTop + index, maxWidth: geometry.textWidth + 1 - x, role: .composer)
            }
        }
        buffer.cursor = (min(state.width - 1, 1 + cursorColumn), geometry.textTop + cursorRow - first)
        if let picker = composer.picker {
            TemplateView.render(picker, mention: mention, top: geometry.textTop, height: geometry.textHeight, width: state.width, keys: state.settings.keys, into: &buffer)
            buffer.cursor = nil
        }
    }

    static func separator(_ composer: Composer, _ geometry: ComposerGeometry, into buffer: inout ScreenBuffer) {
        let y = geometry.separatorRow
        buffer.put(String(repeating: "─", count: geometry.width), x: 0, y: y, role: .dim)
        buffer.put("─ your reply ", x: 0, y: y, role: .dim)
        let length = composer.length
        var counter = " \(length.used)/\(length.limit) "
        if let bytes = length.bytes, let byteLimit = length.byteLimit, bytes * 10 >= byteLimit * 9 {
            counter += "· \(bytes)/\(byteLimit) bytes "
        }
        let role: Role = length.isOver ? .counterOver : length.isNear ? .counterNear : .counter
        buffer.put(counter, x: max(0, geometry.width - counter.count - 1), y: y, role: role)
    }
}
