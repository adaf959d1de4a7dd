import Foundation
import HeedCore
import Screen

/// What a team sees of each other on the queue: the assignment picker, and the marks on a row
/// of who has its composer open (`✎ ana`) and whom it is assigned to (`→ ben`).
enum TeamViews {
    /// The teammates to assign to, over the detail pane; the first line assigns to nobody.
    static func picker(_ people: [String]?, _ cursor: Int, _ layout: QueueLayout, into buffer: inout ScreenBuffer) {
        let lines = people.map { people in (["nobody (unassign)"] + people).map { (label: $0, figure: String?.none) } }
        ListPicker.draw("Assign to", lines: lines, loading: "asking the store…", cursor: cursor, layout, into: &buffer)
    }

    /// The detail pane's line about the team: whom the item is assigned to, who is writing to it.
    static func detailLine(_ item: QueueItem) -> String? {
        var parts: [String] = []
        if let assignee = item.assignee { parts.append("Assigned to \(assignee) (= to change)") }
        if let person = item.composing { parts.append("\(person) is writing a reply") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// Draws a row's team marks from `x`; returns where the text goes on.
    static func marks(_ item: QueueItem, x: Int, y: Int, width: Int, selected: Bool, into buffer: inout ScreenBuffer) -> Int {
        var x = x
        if let person = item.composing {
            x = buffer.put("✎ " + person + " ", x: x, y: y, maxWidth: min(18, width - x - 1), role: selected ? .selected : .marked)
        }
        if let assignee = item.assignee {
            x = buffer.put("→ " + assignee + " ", x: x, y: y, maxWidth: min(18, width - x - 1), role: selected ? .selected : .dim)
        }
        return x
    }
}
