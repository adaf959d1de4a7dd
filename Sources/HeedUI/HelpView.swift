import Screen

/// Every key, from the same table that dispatches them.
enum HelpView {
    static func lines() -> [(String, Role)] {
        var lines: [(String, Role)] = [("heed: keys", .title), ("", .normal)]
        for context in KeyContext.allCases {
            lines.append((context.rawValue, .title))
            if context == .composer { lines.append(("  typing              inserts text at the cursor", .help)) }
            for binding in KeyTable.bindings where binding.context == context {
                let keys = binding.keys.map(\.label).joined(separator: ", ")
                let padded = keys + String(repeating: " ", count: max(1, 20 - Glyphs.width(keys)))
                lines.append(("  " + padded + binding.help, .help))
            }
            lines.append(("", .normal))
        }
        // Not a binding: the terminal layer turns Ctrl-Z into a stop, on every screen.
        lines += [("Anywhere", .title), ("  Ctrl-Z              suspend heed, as any job (fg brings it back)", .help)]
        return lines
    }

    static func render(_ state: AppState, scroll: Int, into buffer: inout ScreenBuffer) {
        let all = lines()
        let room = state.height - 2
        let first = min(scroll, max(0, all.count - room))
        for (row, line) in all.dropFirst(first).prefix(room).enumerated() {
            buffer.put(line.0, x: 1, y: row, maxWidth: state.width - 2, role: line.1)
        }
        Views.keyBar([("j/k", "scroll"), ("Esc/?/q", "close help")], y: state.height - 1, into: &buffer)
    }
}
