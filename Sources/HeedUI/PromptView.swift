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
            var x = buffer.put(" Snooze", x: 0, y: row, role: .composer)
            if error == nil {
                // Keys drawn as the key bar draws them, so a choice's number never reads as part of it.
                for (index, choice) in SnoozeChoice.allCases.enumerated() where x < layout.width - 12 {
                    x = buffer.put("  ", x: x, y: row, role: .composer)
                    x = buffer.put("\(index + 1)", x: x, y: row, role: .keyName)
                    x = buffer.put(" " + choice.label, x: x, y: row, maxWidth: layout.width - 4 - x, role: .composer)
                }
                x = buffer.put("  or type: ", x: x, y: row, maxWidth: max(0, layout.width - 2 - x), role: .composer)
            } else {
                x = buffer.put(" for: ", x: x, y: row, role: .composer)
            }
            x = buffer.put(typed, x: x, y: row, maxWidth: max(0, layout.width - x - 1), role: .composer)
            x = buffer.put("▏", x: x, y: row, role: .cursor)
            if let error { buffer.put("  " + error, x: x, y: row, maxWidth: max(0, layout.width - x), role: .error) }
        case .filter(let platforms, let cursor):
            picker(state, platforms, cursor, layout, into: &buffer)
        case .tag(_, let typed, let tags, let error):
            tagLine(typed, tags, error, width: layout.width, row: row, into: &buffer)
        case .assign(_, let people, let cursor):
            TeamViews.picker(people, cursor, layout, into: &buffer)
        case .confirm(let act, let count):
            buffer.fill(y: row, role: .error)
            let verb: String
            switch act {
            case .acknowledge: verb = "Acknowledge"
            case .snooze(_, let until): verb = "Snooze until \(Reducer.when(until, now: state.now, calendar: state.settings.calendar))"
            case .tag: verb = "Tag"
            case .assign(_, let person): verb = "Assign to \(person ?? "nobody")"
            }
            let keys = state.settings.keys
            buffer.put(" \(verb) \(count.grouped) items? \(keys.label(.yes, in: .confirm)) does it (\(keys.label(.undo, in: .queue)) undoes), \(keys.label(.no, in: .confirm)) leaves them", x: 0, y: row, role: .error)
        }
    }

    /// The platforms with waiting items, over the detail pane.
    static func picker(_ state: AppState, _ platforms: [PlatformCount]?, _ cursor: Int, _ layout: QueueLayout, into buffer: inout ScreenBuffer) {
        let lines = platforms.map { platforms -> [(label: String, figure: String?)] in
            let choices = platforms.filter { $0.waiting > 0 }
            let total = choices.reduce(0) { $0 + $1.waiting }
            return [("all platforms", total.grouped)] + choices.map { ($0.platform.label, $0.waiting.grouped) }
        }
        ListPicker.draw("Filter by platform", lines: lines, loading: "counting…", cursor: cursor, layout, into: &buffer)
    }
}
