import Foundation
import HeedCore
import Screen

/// The queue screen: header, ranked rows, the detail pane of the selected item, the key bar.
enum QueueView {
    static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        let layout = QueueLayout(width: state.width, height: state.height)
        header(state, into: &buffer)
        if state.queue.count == 0 {
            if state.queue.loaded { empty(layout, into: &buffer) }
        } else {
            rows(state, layout, into: &buffer)
            if let item = state.queue.selected {
                DetailView.render(item, now: state.now, top: layout.detailTop, height: layout.detailHeight, into: &buffer)
            }
        }
        Views.keyBar(KeyTable.queueBar, y: layout.keyBarRow, into: &buffer)
    }

    static func header(_ state: AppState, into buffer: inout ScreenBuffer) {
        buffer.fill(y: 0, role: .header)
        var x = buffer.put(" heed", x: 0, y: 0, role: .headerAccent)
        if let label = state.label { x = buffer.put(" [\(label)]", x: x, y: 0, role: .headerAccent) }
        let queue = state.queue
        var words = "  \(queue.count.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) waiting"
        if let oldest = queue.summary.oldest, queue.count > 0 {
            words += " · oldest \(Age.words(state.now.timeIntervalSince(oldest)))"
        }
        x = buffer.put(words, x: x, y: 0, role: .header)
        if queue.count > 0 {
            let position = "\(queue.cursor + 1)/\(queue.count) "
            let start = buffer.width - position.count
            if start > x + 1 { buffer.put(position, x: start, y: 0, role: .header) }
        }
    }

    static func empty(_ layout: QueueLayout, into buffer: inout ScreenBuffer) {
        let lines = [
            ("Nothing is waiting. Everyone who spoke to you has had an answer.", Role.title),
            ("", Role.normal),
            ("Bring in mentions:   heed import FILE…   (heed's JSON Lines, - for stdin)", Role.normal),
            ("Try heed on sample data:   heed demo", Role.normal),
            ("Press q to quit, ? for the keys.", Role.dim),
        ]
        let top = max(1, layout.height / 2 - lines.count)
        for (index, (text, role)) in lines.enumerated() where top + index < layout.statusRow {
            buffer.put(text, x: 2, y: top + index, maxWidth: layout.width - 3, role: role)
        }
    }

    static func rows(_ state: AppState, _ layout: QueueLayout, into buffer: inout ScreenBuffer) {
        let queue = state.queue
        let showPlatform = layout.width >= 60
        let authorWidth = layout.width >= 100 ? 22 : layout.width >= 70 ? 16 : 12
        for line in 0..<layout.listHeight {
            let rank = queue.top + line
            guard rank < queue.count, let item = queue.item(at: rank) else { break }
            let y = 1 + line
            let selected = rank == queue.cursor
            let mention = item.mention
            let waited = mention.waited(at: state.now)
            if selected { buffer.fill(y: y, role: .selected) }
            var x = buffer.put(Glyphs.padLeft(Age.words(waited), toCells: 8), x: 0, y: y, role: selected ? .selected : Views.ageRole(waited, state.settings))
            x += 2
            if showPlatform {
                buffer.put(mention.platform.label, x: x, y: y, maxWidth: 10, role: selected ? .selected : .platform)
                x += 11
            }
            buffer.put(mention.author.shownName, x: x, y: y, maxWidth: authorWidth, role: selected ? .selected : .author)
            x += authorWidth + 1
            buffer.put(mention.text, x: x, y: y, maxWidth: layout.width - x - 1, role: selected ? .selected : .normal)
        }
    }
}
