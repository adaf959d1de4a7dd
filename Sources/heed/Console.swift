import Foundation
import HeedFiles
import Screen

/// Everything a command prints goes through a `Console`, so no command can print raw: text for
/// people (`out`, `err`, `progress`) is passed through the screen's `Sanitizer` (escape
/// sequences, C0 and C1 controls and bidi controls removed, line breaks kept) whether or not it
/// reaches a terminal; data (`data`: JSON Lines, CSV) is written exactly as given when it goes
/// to a file or a pipe, and sanitised like text when it would reach a terminal. The writing
/// itself is `write`, so tests and other writers can take its place.
struct Console: Sendable {
    /// Whether standard output and standard error are terminals.
    let outIsTerminal: Bool
    let errIsTerminal: Bool
    /// Writes text to a descriptor whole, or throws why it could not.
    let write: @Sendable (Int32, String) throws -> Void

    init(outIsTerminal: Bool = isatty(STDOUT_FILENO) == 1, errIsTerminal: Bool = isatty(STDERR_FILENO) == 1,
         write: @escaping @Sendable (Int32, String) throws -> Void = StandardStreams.write) {
        self.outIsTerminal = outIsTerminal
        self.errIsTerminal = errIsTerminal
        self.write = write
    }

    /// Lines for people on standard output (a newline is added), sanitised.
    func out(_ text: String) throws {
        try write(STDOUT_FILENO, Self.safe(text) + "\n")
    }

    /// Data on standard output, exactly as given unless standard output is a terminal.
    func data(_ text: String) throws {
        try write(STDOUT_FILENO, outIsTerminal ? Self.safe(text) : text)
    }

    /// A line heed has already made safe for a terminal: sanitised parts wrapped in the
    /// terminal's own styling from terminfo (`heed themes`).
    func outStyled(_ line: String) throws {
        try write(STDOUT_FILENO, line + "\n")
    }

    /// A message on standard error: each line `heed: …`, sanitised. A standard error that
    /// cannot be written is not worth failing for.
    func err(_ message: String) {
        let lines = Self.safe(message).split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return }
        try? write(STDERR_FILENO, lines.map { "heed: " + $0 + "\n" }.joined())
    }

    /// A line redrawn in place on standard error (a count going up), on a terminal only: cut
    /// to the terminal's width so it never wraps; nil clears it.
    func progress(_ line: String?) {
        guard errIsTerminal else { return }
        let shown = line.map { Glyphs.fitted($0, cells: Self.width(of: STDERR_FILENO) - 1) } ?? ""
        try? write(STDERR_FILENO, "\r\u{1B}[K" + shown)
    }

    /// The width of the terminal on standard output, or nil when it is not a terminal.
    var width: Int? { outIsTerminal ? Self.width(of: STDOUT_FILENO) : nil }

    /// Asks a yes/no question on a terminal (standard input and standard error both terminals);
    /// nil when there is none to ask on. Only "y" or "yes" is a yes.
    func confirm(_ question: String) -> Bool? {
        guard errIsTerminal, isatty(STDIN_FILENO) == 1 else { return nil }
        try? write(STDERR_FILENO, "heed: " + Self.safe(question) + " [y/N] ")
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Text with everything removed that must not reach a terminal (line breaks and tabs kept).
    static func safe(_ text: String) -> String {
        Sanitizer.clean(text)
    }

    /// Columns of a terminal: its window size, else `COLUMNS`, else 80.
    static func width(of fd: Int32) -> Int {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }
}

extension StandardStreams {
    /// Writes `text` to standard output (through `StandardOutput`, which remembers a failure
    /// and flushes in order), standard error (after what standard output holds), or any other
    /// descriptor whole; throws why it could not.
    @Sendable static func write(_ fd: Int32, _ text: String) throws {
        switch fd {
        case STDOUT_FILENO: try StandardOutput.shared.write(text)
        case STDERR_FILENO: StandardError.write(text)
        default:
            if let code = PrivateFiles.writeAll(fd, Array(text.utf8)) {
                throw HeedExit.failure("cannot write: \(String(cString: strerror(code)))")
            }
        }
    }
}
