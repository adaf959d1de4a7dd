import Foundation
import XCTest

/// SIGTERM, SIGINT and a terminal closed under heed (SIGHUP, or a hang-up with SIGHUP ignored),
/// on a pty of its own: heed exits with 128 + the signal, leaves the terminal as it found it
/// (cooked modes, main screen, cursor shown), and the reply being typed is there at the next start.
final class QuitSignalTests: HeedTestCase {
    let typed = "typed before the signal"
    var configPath: String { directory.appendingPathComponent("config.toml").path }
    var autosaveFolder: String { directory.appendingPathComponent("autosave").path }

    /// Whether the terminal's modes are a shell's: line editing, echo, signal keys, CR to NL, output processing.
    func isCooked(_ modes: termios) -> Bool {
        modes.c_lflag & tcflag_t(ICANON) != 0 && modes.c_lflag & tcflag_t(ECHO) != 0 && modes.c_lflag & tcflag_t(ISIG) != 0
            && modes.c_iflag & tcflag_t(ICRNL) != 0 && modes.c_oflag & tcflag_t(OPOST) != 0
    }

    /// Whether an autosave file holds `text`.
    func autosaved(_ text: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: autosaveFolder)) ?? []
        return names.contains { name in
            name.hasSuffix(".json") && ((try? String(contentsOfFile: autosaveFolder + "/" + name, encoding: .utf8))?.contains(text) ?? false)
        }
    }

    /// heed on a 100×30 pty (after `wrapper`, a command that execs it), in the composer on
    /// Alice's mention with `typed` typed and autosaved; the terminal checked to be raw.
    func composing(wrapper: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> PTYProcess {
        try importMentions([mention("1", handle: "alice@example.social", name: "Alice", text: "is the meetup still on?", age: 3_600)], file: file, line: line)
        try "".write(toFile: configPath, atomically: true, encoding: .utf8)
        var environment = heedEnvironment
        environment["TERM"] = "xterm-256color"
        let pty = try PTYProcess(wrapper + [heed, "--store", storePath, "--outbox", outboxPath, "--config", configPath],
                                 environment: environment, width: 100, height: 30)
        XCTAssertTrue(pty.waitFor("quit"), "the queue never showed", file: file, line: line)
        XCTAssertFalse(isCooked(pty.modes()), "heed runs the terminal raw", file: file, line: line)
        pty.send("r")
        XCTAssertTrue(pty.waitFor("your reply"), "the composer never opened", file: file, line: line)
        pty.send(typed)
        try waitUntil("the autosave file with the typed text", file: file, line: line) { autosaved(typed) }
        return pty
    }

    /// Checks what heed leaves on a terminal that is still there: shell modes, the main screen
    /// back (xterm's rmcup, written after `offset`) and the cursor shown (xterm's cnorm or cvvis
    /// after its last civis).
    func assertRestored(_ pty: PTYProcess, after offset: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(isCooked(pty.modes()), "the terminal was left raw", file: file, line: line)
        let output = pty.output
        XCTAssertNotNil(output[offset...].firstRange(of: Array("\u{1B}[?1049l".utf8)), "the alternate screen was not left", file: file, line: line)
        let hidden = output.ranges(of: Array("\u{1B}[?25l".utf8)).last?.lowerBound ?? -1
        let shown = (output.ranges(of: Array("\u{1B}[?12l\u{1B}[?25h".utf8)) + output.ranges(of: Array("\u{1B}[?12;25h".utf8)))
            .map(\.lowerBound).max() ?? -1
        XCTAssertGreaterThan(shown, hidden, "the cursor was left hidden", file: file, line: line)
    }

    /// The next start says a reply was not saved, and opening the item brings the text back.
    func assertRecoveredAtNextStart(file: StaticString = #filePath, line: UInt = #line) throws {
        try tmux.start(heedCommand() + " --config " + quoted(configPath), file: file, line: line)
        try tmux.waitForText("1 reply you had not saved", "your reply to alice@example.social on mastodon", file: file, line: line)
        try tmux.press("r", file: file, line: line)
        try tmux.waitForText("Restored the reply you had not saved", "@alice@example.social \(typed)", file: file, line: line)
    }

    func testSIGTERMExits143RestoresTheTerminalAndKeepsTheReply() throws {
        let pty = try composing()
        defer { pty.close() }
        let offset = pty.count
        XCTAssertEqual(kill(pty.pid, SIGTERM), 0)
        XCTAssertEqual(pty.waitExit(), 128 + SIGTERM)
        assertRestored(pty, after: offset)
        XCTAssertEqual(try outboxRecords().count, 0, "nothing was saved to the outbox")
        try assertRecoveredAtNextStart()
    }

    func testSIGINTFromOutsideExits130AndRestoresTheTerminal() throws {
        let pty = try composing()
        defer { pty.close() }
        let offset = pty.count
        XCTAssertEqual(kill(pty.pid, SIGINT), 0)
        XCTAssertEqual(pty.waitExit(), 128 + SIGINT)
        assertRestored(pty, after: offset)
        try assertRecoveredAtNextStart()
    }

    func testTheTerminalClosedUnderHeedEndsItWith129AndKeepsTheReply() throws {
        let pty = try composing()
        defer { pty.close() }
        pty.hangUp()
        XCTAssertEqual(pty.waitExit(), 128 + SIGHUP)
        try assertRecoveredAtNextStart()
    }

    /// Started with SIGHUP ignored (as under `nohup`), heed still sees the terminal go and exits
    /// instead of reading a dead terminal forever.
    func testAHangUpWithSIGHUPIgnoredStillEndsHeed() throws {
        let pty = try composing(wrapper: ["/bin/sh", "-c", "trap '' HUP; exec \"$@\"", "sh"])
        defer { pty.close() }
        pty.hangUp()
        XCTAssertEqual(pty.waitExit(), 128 + SIGHUP)
        try assertRecoveredAtNextStart()
    }
}
