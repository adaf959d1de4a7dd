import CNcurses
import Foundation

/// The clipboard through the terminal: OSC 52, written only when the terminal's terminfo
/// entry says it takes it (the `Ms` capability, as tmux and xterm's entries do). The text
/// travels base64-encoded, so nothing in it can act as a control.
extension Terminal {
    /// The most bytes heed puts on the clipboard this way (terminals cap OSC 52 near 100 KB).
    public static let clipboardLimit = 65_536

    /// Whether this terminal takes OSC 52.
    public var takesClipboard: Bool {
        guard let value = tigetstr("Ms"), Int(bitPattern: value) != -1 else { return false }
        return true
    }

    /// The OSC 52 sequence that sets the clipboard to `text`.
    public static func clipboardSequence(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }

    /// Sets the terminal's clipboard; false when it does not take OSC 52 or the text is too long.
    public func setClipboard(_ text: String) -> Bool {
        guard takesClipboard, text.utf8.count <= Self.clipboardLimit else { return false }
        let bytes = Array(Self.clipboardSequence(text).utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }
}
