import Foundation
import HeedCore
import Screen

/// The queue screen: header, ranked rows, the detail pane of the selected item, the key bar.
enum QueueView {
    static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        let layout = QueueLayout(width: state.width, height: state.height)
        header(state, into: &buffer)
        if state.queue.count == 0 {
            if state.queue.loaded { empty(state, layout, into: &buffer) }
        } else {
            rows(state, layout, into: &buffer)
            if let item = state.queue.selected {
                let thread = state.thread?.ref == item.mention.ref ? state.thread : nil
                let author = state.authorLine?.ref == item.mention.ref ? state.authorLine : nil
                let delivery = state.delivery?.ref == item.mention.ref ? state.delivery?.text : nil
                DetailView.render(item, thread: thread, author: author, delivery: delivery, now: state.now, top: layout.detailTop, height: layout.detailHeight,
                                  due: DueLabel.due(item.mention, state.settings, now: state.now), keys: state.settings.keys, into: &buffer)
            }
        }
        PromptView.render(state, layout, into: &buffer)
    }

    static func header(_ state: AppState, into buffer: inout ScreenBuffer) {
        Header(state).render(into: &buffer)
    }

    /// An empty view: the welcome when the whole queue is empty, else what matched nothing and
    /// the way back (with the user's keys).
    static func empty(_ state: AppState, _ layout: QueueLayout, into buffer: inout ScreenBuffer) {
        let keys = state.settings.keys
        let lines: [(String, Role)]
        if state.query.isQueue, state.shownTab == nil {
            lines = [
                ("Nothing is waiting. Everyone who spoke to you has had an answer.", .title),
                ("", .normal),
                ("Bring in mentions:   heed import FILE…   (heed's JSON Lines, - for stdin)", .normal),
                ("Try heed on sample data:   heed demo", .normal),
                ("Press \(keys.label(.quit, in: .queue)) to quit, \(keys.label(.help, in: .queue)) for the keys.", .dim),
            ]
        } else {
            var found: [(String, Role)] = []
            if let shown = state.shownTab, state.tabs.indices.contains(shown) {
                found.append(("Nothing in the view \(state.tabs[shown].name) (\(state.query.text)).", .title))
            } else {
                found.append(("Nothing matches \(state.query.text).", .title))
            }
            found.append(("", .normal))
            if let indexing = state.indexing, state.query.usesText {
                found.append(("Search is \(indexing.words) (\(indexing.done.grouped) of \(indexing.total.grouped)): more may match later.", .normal))
            }
            if state.query.scope == .waiting {
                found.append(("Only waiting items are searched; is:all finds answered and snoozed ones too.", .normal))
            }
            if state.isSearching {
                found.append(("\(keys.label(.cancel, in: .search)) goes back to the view before the search; \(keys.label(.clearLine, in: .search)) clears the line.", .dim))
            } else {
                found.append(("\(keys.label(.wholeQueue, in: .queue)) goes back to the whole queue; \(keys.label(.search, in: .queue)) searches again.", .dim))
            }
            lines = found
        }
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
            if let tag = stateTag(mention.state, state) {
                x = buffer.put(tag + " ", x: x, y: y, maxWidth: layout.width - x - 1, role: selected ? .selected : .dim)
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

    /// What a row says of an item that is not waiting (in is:all, is:answered, is:snoozed).
    static func stateTag(_ mentionState: MentionState, _ state: AppState) -> String? {
        switch mentionState {
        case .waiting: nil
        case .replied: "↩ replied"
        case .acknowledged: "✓ acknowledged"
        case .snoozed(let until): "snoozed until " + Reducer.when(until, now: state.now, calendar: state.settings.calendar)
        }
    }
}
