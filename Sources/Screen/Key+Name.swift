/// Keys by the names a user writes in config.toml: a character (`e`, `E`, `?`), `Ctrl-E`
/// (also `C-e`, `ctrl+e`), and the named keys as the help screen shows them, in any case
/// (`Enter`, `Esc`, `Tab`, `Shift-Tab`, `Space`, `Backspace`, `Del`, `Ins`, `Home`, `End`,
/// `PgUp`, `PgDn`, `Up`/`↑` and the other arrows, `F1`…`F12`).
extension Key {
    /// The key a name stands for, or nil when it names none.
    public init?(name: String) {
        let text = String(name.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        let arrows: [String: Key] = ["↑": .up, "↓": .down, "←": .left, "→": .right]
        if let arrow = arrows[text] {
            self = arrow
            return
        }
        if text.count == 1, let character = text.first {
            guard !character.isWhitespace, character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return nil }
            self = .character(character)
            return
        }
        let lower = text.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, ("a"..."z").contains(letter) else { return nil }
            self = .control(letter)
            return
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) {
            self = .function(number)
            return
        }
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
            "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace,
            "del": .delete, "delete": .delete, "ins": .insert, "insert": .insert, "home": .home, "end": .end,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "up": .up, "down": .down, "left": .left, "right": .right,
        ]
        guard let key = named[lower] else { return nil }
        self = key
    }
}
