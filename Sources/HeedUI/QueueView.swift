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
                let thread = state.thread?.ref == item.mention.ref ? state.thread : nil
                let author = state.authorLine?.ref == item.mention.ref ? state.authorLine : nil
                let delivery = state.delivery?.ref == item.mention.ref ? state.delivery?.text : nil
                DetailView.render(item, thread: thread, author: author, delivery: delivery, now: state.now, top: layout.detailTop, height: layout.detailHeight,
                                  due: DueLabel.due(item.mention, state.settings, now: state.now), into: &buffer)
            }
        }
        PromptView.render(state, layout, into: &buffer)
    }

    static func header(_ state: AppState, into buffer: inout ScreenBuffer) {
        buffer.fill(y: 0, role: .header)
        var x = buffer.put(" heed", x: 0, y: 0, role: .headerAccent)
        if let label = state.label { x = buffer.put(" [\(label)]", x: x, y: 0, role: .headerAccent) }
        let queue = state.queue
        let more = queue.summary.exact ? "" : "+"
        var words = "  \(queue.count.grouped)\(more) "
        if let saved = state.shownTab, state.tabs.indices.contains(saved) {
            x = buffer.put("  " + state.tabs[saved].name + ":", x: x, y: 0, maxWidth: 24, role: .headerAccent)
            words = " \(queue.count.grouped)\(more) "
        }
        switch state.query.scope {
        case _ where state.shownTab != nil: words += state.query.scope == .waiting ? "waiting" : "items"
        case .waiting: words += state.query.isQueue ? "waiting" : "found"
        case .snoozed: words += "snoozed"
        case .answered: words += "answered"
        case .all: words += "items"
        }
        if let oldest = queue.summary.oldest, queue.count > 0, state.query.scope == .waiting {
            words += " · oldest \(Age.words(state.now.timeIntervalSince(oldest)))"
        }
        if !state.marks.isEmpty { words += " · \(state.marks.count.grouped) marked" }
        x = buffer.put(words, x: x, y: 0, role: .header)
        let position = queue.count > 0 ? "\((queue.cursor + 1).grouped)/\(queue.count.grouped) " : ""
        let end = buffer.width - position.count
        if !state.query.isQueue, state.shownTab == nil, end - x > 12 {
            x = buffer.put("  " + state.query.text, x: x, y: 0, maxWidth: end - x - 2, role: .headerAccent)
        } else if !state.tabs.isEmpty, end - x > 12 {
            x = tabs(state, x: x + 2, end: end - 1, into: &buffer)
        }
        if !position.isEmpty, end > x + 1 { buffer.put(position, x: end, y: 0, role: .header) }
    }

    /// The saved views as tabs with their counts: Tab moves to the next.
    static func tabs(_ state: AppState, x: Int, end: Int, into buffer: inout ScreenBuffer) -> Int {
        var x = x
        for (index, saved) in state.tabs.enumerated() where x < end - 4 {
            let count = saved.count.map { " \($0.grouped)" } ?? ""
            let role: Role = index == state.shownTab ? .headerAccent : .header
            x = buffer.put("│ " + saved.name + count + " ", x: x, y: 0, maxWidth: end - x, role: role)
        }
        return x
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
        let showDue = state.settings.targets != nil && layout.width >= 70
        let authorWidth = layout.width >= 100 ? 22 : layout.width >= 70 ? 16 : 12
        for line in 0..<layout.listHeight {
            let rank = queue.top + line
            guard rank < queue.count, let item = queue.item(at: rank) else { break }
            let y = 1 + line
            let selected = rank == queue.cursor
            let mention = item.mention
            let waited = mention.waited(at: state.now)
            if selected { buffer.fill(y: y, role: .selected) }
            let due = DueLabel.due(mention, state.settings, now: state.now)
            let ageRole = due.map(DueLabel.role) ?? Views.ageRole(waited, state.settings)
            var x = buffer.put(Glyphs.padLeft(Age.words(waited), toCells: 8), x: 0, y: y, role: selected ? .selected : ageRole)
            x += 2
            if showDue {
                if let due { buffer.put(DueLabel.text(due), x: x, y: y, maxWidth: 8, role: selected ? .selected : ageRole) }
                x += 10
            }
            if showPlatform {
                buffer.put(mention.platform.label, x: x, y: y, maxWidth: 10, role: selected ? .selected : .platform)
                x += 11
            }
            buffer.put(mention.author.shownName, x: x, y: y, maxWidth: authorWidth, role: selected ? .selected : .author)
            x += authorWidth + 1
            if case .snoozed(let until) = mention.state {
                x = buffer.put("until " + Reducer.when(until, now: state.now, calendar: state.settings.calendar) + " ", x: x, y: y, maxWidth: layout.width - x - 1, role: selected ? .selected : .dim)
            }
            x = TeamViews.marks(item, x: x, y: y, width: layout.width, selected: selected, into: &buffer)
            if item.thread > 1 {
                x = buffer.put("(\(item.thread)) ", x: x, y: y, maxWidth: layout.width - x - 1, role: selected ? .selected : .dim)
            }
            if !mention.tags.isEmpty {
                x = buffer.put(mention.tags.map { "#" + $0 }.joined(separator: " ") + " ", x: x, y: y, maxWidth: max(0, layout.width - x - 1), role: selected ? .selected : .detailLabel)
            }
            buffer.put(mention.text, x: x, y: y, maxWidth: layout.width - x - 1, role: selected ? .selected : .normal)
            if state.marks.contains(mention.ref) { buffer.put("*", x: 0, y: y, role: .marked) }
        }
    }
}
