import CNcurses
import Foundation
import HeedTheme
import Screen

/// Why the full screen cannot open, in words a user can act on.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public let description: String
}

/// The ncurses screen: the only code that calls ncurses. Reads keys, presents finished screen
/// buffers (writing only the cells that changed), reports resizes and suspends for an editor.
@MainActor
public final class Terminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var shown: ScreenBuffer?
    private var palette = Palette()
    /// The theme whose looks the palette holds.
    private var themeName: String?
    /// How many colours this terminal shows (none under NO_COLOR).
    public private(set) var colorDepth: ColorDepth = .none
    /// The background the terminal reported when asked (`open(askBackground:)`), if it did.
    public private(set) var background: Background?

    /// Opens the full screen on the process's terminal, or says why it cannot, without ever
    /// writing an escape code when it cannot. `askBackground`: first ask the terminal whether
    /// its background is light (when no theme was chosen).
    public static func open(askBackground: Bool = false) throws -> Terminal {
        try checkUsable()
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        Terminal.chooseUTF8Locale()
        heed_install_signals()
        let background = askBackground && ProcessInfo.processInfo.environment["NO_COLOR"] == nil ? probeBackground() : nil
        guard let screen = heed_newterm(term, STDOUT_FILENO, STDIN_FILENO) else {
            throw TerminalUnavailable(description: "could not open the terminal '\(term)'")
        }
        let terminal = Terminal(screen: screen)
        terminal.background = background
        return terminal
    }

    /// Says why the full screen cannot open here (no TTY, TERM unset or unknown), or nothing.
    /// Writes nothing to the terminal and never exits.
    nonisolated public static func checkUsable() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalUnavailable(description: "needs a terminal: standard input and output must be a TTY (use 'heed list' for plain output)")
        }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        var reason = [CChar](repeating: 0, count: 256)
        guard heed_term_usable(term, STDOUT_FILENO, &reason, Int32(reason.count)) == 1 else {
            let why = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw TerminalUnavailable(description: "cannot draw on this terminal: \(why); set TERM to your terminal's type (for example TERM=xterm-256color) or use 'heed list'")
        }
    }

    private init(screen: OpaquePointer) {
        self.screen = screen
        _ = set_term(screen)
        window = heed_stdscr()!
        heed_unblock_signals()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        heed_set_escdelay(25)
        wtimeout(window, 250)
        _ = curs_set(0)
        colorDepth = Palette.startColor()
        _ = wclear(window)
    }

    /// ncurses draws wide text only under a UTF-8 locale; fall back to C.UTF-8 where the user's is not.
    private static func chooseUTF8Locale() {
        let chosen = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
        let codeset = String(cString: nl_langinfo(Int32(CODESET)))
        if !(codeset.uppercased().contains("UTF-8") || codeset.uppercased().contains("UTF8")) || chosen.isEmpty {
            setlocale(LC_ALL, "C.UTF-8")
        }
    }

    /// The terminal's size in cells.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Waits up to the tick (250 ms) for a key; nil when none came.
    public func readKey() -> Key? {
        var code: UInt32 = 0
        let result = heed_get_key(window, &code)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return KeyDecoder.special(Int32(code)) }
        let key = KeyDecoder.character(code)
        // A terminal's late answer to the background question is never taken for keys.
        if key == .escape, dropTerminalAnswer() { return nil }
        // Raw mode leaves Ctrl-Z to the program: it stops heed as it stops any job (or does
        // nothing, like the terminal, when heed was started with SIGTSTP ignored).
        if key == .control("z") {
            _ = heed_ask_stop()
            return nil
        }
        return key
    }

    /// After ESC: when what follows at once is an answer the terminal sent (OSC `ESC ]…`, or
    /// device attributes `ESC [?…c`), reads it to its end (4 KiB at most) and says so; anything
    /// else is put back to be read as keys.
    private func dropTerminalAnswer() -> Bool {
        wtimeout(window, 0)
        defer { wtimeout(window, 250) }
        var code: UInt32 = 0
        guard heed_get_key(window, &code) == OK else { return false }
        guard code == UInt32(UInt8(ascii: "]")) || code == UInt32(UInt8(ascii: "[")) else {
            _ = unget_wch(wchar_t(bitPattern: code))
            return false
        }
        let osc = code == UInt32(UInt8(ascii: "]"))
        var next: UInt32 = 0
        if !osc {
            guard heed_get_key(window, &next) == OK else {
                _ = unget_wch(wchar_t(bitPattern: code))
                return false
            }
            guard next == UInt32(UInt8(ascii: "?")) else {
                // Put back in the order they came (the last pushed is read first).
                _ = unget_wch(wchar_t(bitPattern: next))
                _ = unget_wch(wchar_t(bitPattern: code))
                return false
            }
        }
        var previous: UInt32 = 0
        for _ in 0..<4096 {
            guard heed_get_key(window, &next) == OK else { return true }
            if osc, next == 0x07 || (previous == 0x1B && next == UInt32(UInt8(ascii: "\\"))) { return true }
            if !osc, (0x40...0x7E).contains(next) { return true }
            previous = next
        }
        return true
    }

    /// A key already typed, without waiting; nil when none is.
    public func typedKey() -> Key? {
        readKey(within: 0)
    }

    /// Waits up to `milliseconds` (less than the tick) for a key; nil when none came.
    public func readKey(within milliseconds: Int32) -> Key? {
        wtimeout(window, milliseconds)
        defer { wtimeout(window, 250) }
        return readKey()
    }

    /// Shows the last frame again with row `y` replaced by `text`: a word while heed waits and
    /// cannot make a new frame. The next frame presented puts the row back.
    public func overlay(_ text: String, row y: Int, role: Role) {
        guard var frame = shown, y >= 0, y < frame.height else { return }
        frame.fill(y: y, role: role)
        frame.put(text, x: 0, y: y, role: role)
        present(frame)
    }

    /// Shows a buffer: writes what `ScreenDiff` says differs from the last one shown, then one refresh.
    public func present(_ buffer: ScreenBuffer) {
        let diff = ScreenDiff.between(shown, buffer)
        if diff.clearsFirst { _ = wclear(window) }
        var text = [wchar_t](repeating: 0, count: 6)
        for run in diff.runs {
            for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
                var count = 0
                for scalar in cell.text.unicodeScalars where count < 5 {
                    text[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                text[count] = 0
                let (attrs, pair) = palette.look(cell.role)
                _ = heed_put_cell(window, Int32(run.y), Int32(run.x + offset), text, attrs, pair)
            }
        }
        if let cursor = buffer.cursor {
            _ = curs_set(1)
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            _ = curs_set(0)
        }
        _ = wrefresh(window)
        shown = buffer
    }

    /// Uses a theme's looks from now on; the next `present` redraws everything.
    public func apply(_ theme: Theme) {
        palette = Palette(theme.resolved(for: colorDepth), depth: colorDepth)
        themeName = theme.name
        invalidate()
    }

    /// Draws with the theme of this name from `library` when it is not the one in use: true
    /// when it changed (the next `present` then redraws everything).
    public func use(theme name: String, from library: ThemeLibrary) -> Bool {
        guard name != themeName else { return false }
        apply(library.theme(named: name).0)
        return true
    }

    /// Forgets what is on screen so the next `present` draws everything (after a resize or editor).
    public func invalidate() { shown = nil }

    /// Leaves the full screen for a child program (an editor), then comes back. Meanwhile
    /// SIGTSTP stops heed like any job, so a child that suspends its process group suspends it,
    /// and heed ignores SIGINT and SIGQUIT (as system(3) does): Ctrl-C there is the child's.
    public func suspend<T>(_ body: () throws -> T) rethrows -> T {
        def_prog_mode()
        endwin()
        heed_stop_default(1)
        heed_ignore_interrupts(1)
        defer {
            heed_ignore_interrupts(0)
            heed_stop_default(0)
            reset_prog_mode()
            invalidate()
            _ = wrefresh(window)
        }
        return try body()
    }

    /// Restores the terminal as it was before heed opened.
    public func close() {
        endwin()
        delscreen(screen)
    }
}
