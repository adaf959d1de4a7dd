import Foundation
import HeedCore
import Screen

/// The queue's prompts over its status row: the search line, the snooze choices, the platform
/// picker, the bulk question (their keys are in the key bar, like every context's).
enum PromptView {
    static func render(_ state: AppState, _ layout: QueueLayout, into buffer: inout ScreenBuffer) {
        let row = layout.statusRow
        switch state.prompt {
        case nil:
            break
        case .search(let text, let error):
            buffer.fill(y: row, role: .composer)
            var x = buffer.put("/", x: 0, y: row, role: .keyName)
            x = buffer.put(" " + text, x: x, y: row, maxWidth: layout.width - x - 2, role: .composer)
            x = buffer.put("▏", x: x, y: row, role: .cursor)
            if let error { buffer.put("  " + error, x: x, y: row, maxWidth: layout.width - x, role: .error) }
        case .snooze(_, let typed, let error):
            buffer.fill(y: row, role: .composer)
            let choices = SnoozeChoice.allCases.enumerated().map { "\($0.offset + 1) \($0.element.label)" }.joined(separator: " · ")
            let lead = error == nil ? " Snooze: " + choices + " · or type: " : " Snooze for: "
            var x = buffer.put(lead, x: 0, y: row, maxWidth: layout.width - 4, role: .composer)
            x = buffer.put(typed, x: x, y: row, maxWidth: max(0, layout.width - x - 1), role: .composer)
            x = buffer.put("▏", x: x, y: row, role: .cursor)
            if let error { buffer.put("  " + error, x: x, y: row, maxWidth: max(0, layout.width - x), role: .error) }
        case .filter(let platforms, let cursor):
            picker(state, platforms, cursor, layout, into: &buffer)
        case .tag(_, let typed, let tags, let error):
            tagLine(typed, tags, error, width: layout.width, row: row, into: &buffer)
        case .confirm(let act, let count):
            buffer.fill(y: row, role: .error)
            let verb: String
            switch act {
            case .acknowledge: verb = "Acknowledge"
            case .snooze(_, let until): verb = "Snooze until \(Reducer.when(until, now: state.now))"
            case .tag: verb = "Tag"
            }
            buffer.put(" \(verb) \(count.grouped) items? y does it (u undoes), n leaves them", x: 0, y: row, role: .error)
        }
    }

    /// The platforms with waiting items, over the detail pane.
    static func picker(_ state: AppState, _ platforms: [PlatformCount]?, _ cursor: Int, _ layout: QueueLayout, into buffer: inout ScreenBuffer) {
        let top = layout.detailTop
        let height = max(1, layout.statusRow - top)
        buffer.fill(y: top, height: height, role: .normal)
        buffer.put(" Filter by platform", x: 0, y: top, role: .title)
        guard let platforms else {
            if height > 1 { buffer.put("  counting…", x: 0, y: top + 1, role: .dim) }
            return
        }
        let choices = platforms.filter { $0.waiting > 0 }
        let total = choices.reduce(0) { $0 + $1.waiting }
        let lines = [("all platforms", total)] + choices.map { ($0.platform.label, $0.waiting) }
        let room = max(0, height - 1)
        let first = max(0, min(cursor - room / 2, lines.count - room))
        for (offset, line) in lines.dropFirst(first).prefix(room).enumerated() {
            let index = first + offset
            let y = top + 1 + offset
            let role: Role = index == cursor ? .selected : .normal
            if index == cursor { buffer.fill(y: y, role: .selected) }
            buffer.put("  " + line.0, x: 0, y: y, maxWidth: 20, role: role)
            buffer.put(Glyphs.padLeft(line.1.grouped, toCells: 10), x: 20, y: y, role: role)
        }
    }
}
