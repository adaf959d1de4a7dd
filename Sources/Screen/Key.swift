/// A key as the UI sees it, decoded from the terminal's input.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)  // Ctrl-A … Ctrl-Z as lowercase letters
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, tab, backTab, backspace, delete, insert, escape
    case function(Int)
    case resize
    /// The mouse: the first button pressed at a cell, the wheel turned up or down.
    case click(x: Int, y: Int)
    case wheelUp, wheelDown
    case unknown(Int)

    /// The name shown in the help screen and the key bar.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-\(c.uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .insert: "Ins"
        case .escape: "Esc"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        case .click: "click"
        case .wheelUp: "wheel up"
        case .wheelDown: "wheel down"
        case .unknown(let code): "key \(code)"
        }
    }
}
