import Foundation
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

/// Writing to standard output, standard error (or a file): every byte, or an error saying why not.
enum StandardStreams {
    /// Writes all of `text` to `fd`, retrying interrupted and partial writes.
    @Sendable static func write(_ fd: Int32, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(fd, $0) }
    }

    /// Writes all of `bytes` to `fd`.
    static func write(_ fd: Int32, _ all: UnsafeBufferPointer<UInt8>) throws {
        var bytes = all[...]
        while !bytes.isEmpty {
            let count = Foundation.write(fd, all.baseAddress! + bytes.startIndex, bytes.count)
            if count > 0 {
                bytes = bytes.dropFirst(count)
            } else if count < 0, errno == EINTR || errno == EAGAIN {
                if errno == EAGAIN { var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0); _ = poll(&poller, 1, 1000) }
            } else {
                let name = fd == STDOUT_FILENO ? "standard output" : fd == STDERR_FILENO ? "standard error" : "the file"
                throw HeedExit.failure("cannot write to \(name): \(String(cString: strerror(count < 0 ? errno : EIO)))")
            }
        }
    }
}
