import Screen

/// Every key, from the same table that dispatches them: per context, the keys, the command's
/// name (what `[keys]` in config.toml remaps) and what it does, wrapped to the screen.
enum HelpView {
    /// Cells for the keys, then for the name; the help text takes the rest.
    static let keysWidth = 20
    static let nameWidth = 20

    static func lines(_ table: KeyTable, width: Int, mouse: Bool = false) -> [(String, Role)] {
        var lines: [(String, Role)] = [("heed: keys", .title), ("", .normal)]
        for context in KeyContext.allCases {
            lines.append((context.rawValue, .title))
            for binding in table.bindings(in: context) {
                let keys = binding.keys.isEmpty ? "typing" : binding.keys.map(\.label).joined(separator: ", ")
                lines += entry(keys, binding.keys.isEmpty ? "" : binding.command.rawValue, binding.help, width: width)
            }
            lines.append(("", .normal))
        }
        // Not a binding: the terminal layer turns Ctrl-Z into a stop, on every screen.
        lines.append(("Anywhere", .title))
        lines += entry("Ctrl-Z", "", "suspend heed, as any job (fg brings it back)", width: width)
        guard mouse else { return lines }
        lines += entry("click", "", "select the row; on a saved view's tab, show that view (mouse = false in config.toml turns the mouse off)", width: width)
        return lines + entry("wheel", "", "three rows on or back; scrolls the help, stats and author screens", width: width)
    }

    /// One entry: keys, name and the help text wrapped under its column.
    static func entry(_ keys: String, _ name: String, _ help: String, width: Int) -> [(String, Role)] {
        let text = Wrap.lines(help, width: max(10, width - 4 - keysWidth - nameWidth)).map { String($0.map(\.scalars).joined()) }
        let indent = String(repeating: " ", count: 2 + keysWidth + nameWidth)
        return [("  " + padded(keys, keysWidth) + padded(name, nameWidth) + (text.first ?? ""), .help)] + text.dropFirst().map { (indent + $0, .help) }
    }

    /// Text and blanks filling `cells` (one blank at least).
    static func padded(_ text: String, _ cells: Int) -> String {
        text + String(repeating: " ", count: max(1, cells - Glyphs.width(text)))
    }

    static func render(_ state: AppState, scroll: Int, into buffer: inout ScreenBuffer) {
        let all = lines(state.settings.keys, width: state.width, mouse: state.settings.mouse)
        let room = state.height - 2
        let first = min(scroll, max(0, all.count - room))
        for (row, line) in all.dropFirst(first).prefix(room).enumerated() {
            buffer.put(line.0, x: 1, y: row, maxWidth: state.width - 2, role: line.1)
        }
    }
}
