import Foundation
import HeedTheme

/// Asking the terminal what its background is, before the screen opens: `COLORFGBG` when the
/// terminal sets it, else the OSC 11 question followed by the device-attributes question, which
/// every terminal answers (so one that does not know OSC 11 ends the wait at once). The wait is
/// short and bounded: a terminal that answers nothing costs `probeWait` once.
extension Terminal {
    /// The most time the question waits for an answer, in milliseconds.
    static let probeWait: Int32 = 250
    /// What heed writes to ask: OSC 11 with a `?`, ended by ST, then DA1.
    public static let backgroundQuestion = "\u{1B}]11;?\u{1B}\\\u{1B}[c"

    /// The background the terminal reports, or nil when it does not say. Writes the question
    /// only to a terminal on standard input and output, in its own raw mode, restored after.
    static func probeBackground() -> Background? {
        if let told = Background.from(colorFGBG: ProcessInfo.processInfo.environment["COLORFGBG"]) { return told }
        var saved = termios()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return nil }
        defer { _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        let question = Array(backgroundQuestion.utf8)
        guard question.withUnsafeBytes({ write(STDOUT_FILENO, $0.baseAddress, $0.count) }) == question.count else { return nil }
        var answer: [UInt8] = []
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(probeWait) * 1_000_000
        var chunk = [UInt8](repeating: 0, count: 256)
        while answer.count < 4096, !Background.hasDeviceAttributes(answer) {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { break }
            var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let waited = poll(&ready, 1, Int32((deadline - now) / 1_000_000) + 1)
            if waited < 0, errno == EINTR { continue }
            guard waited > 0 else { break }
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            answer += chunk.prefix(count)
        }
        return Background.from(osc11Reply: answer)
    }
}
