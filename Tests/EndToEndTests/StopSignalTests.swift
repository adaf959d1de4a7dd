import Foundation
import XCTest

/// heed as a job of an interactive bash in tmux: stopped from outside (SIGTSTP, or SIGSTOP,
/// which cannot be caught) and brought back with `fg`, and stopped from inside its editor.
/// A stop leaves the main screen with the cursor shown; `fg` draws the whole screen again.
final class StopSignalTests: HeedTestCase {
    var configPath: String { directory.appendingPathComponent("config.toml").path }

    /// An interactive bash with job control in the pane, its prompt `READY$ `, then heed
    /// started from it (after `envPrefix` options of `env`), with `after` run when it ends or stops.
    func startHeedInShell(envPrefix: String = "", after: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try importMentions([mention("1", handle: "alice@example.social", name: "Alice", text: "is the meetup still on?", age: 3_600)], file: file, line: line)
        try "".write(toFile: configPath, atomically: true, encoding: .utf8)
        try tmux.start("env PS1='READY$ ' HISTFILE=/dev/null bash --norc --noprofile", file: file, line: line)
        try tmux.waitForText("READY$", file: file, line: line)
        try tmux.type(heedCommand(envPrefix: envPrefix) + " --config " + quoted(configPath) + "; " + after, file: file, line: line)
        try tmux.press("Enter", file: file, line: line)
        try tmux.waitForText("q quit", file: file, line: line)
    }

    /// Waits until `pid` is stopped (or, with `stopped` false, running again).
    func waitUntil(_ pid: pid_t, stopped: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitUntil(stopped ? "heed to stop" : "heed to run again", file: file, line: line) {
            guard let state = processState(pid) else { return false }
            return (state == "T") == stopped
        }
    }

    /// The main screen is back, the cursor shown: what a clean leave of the full screen leaves.
    func assertMainScreen(_ on: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try tmux.paneValue("alternate_on"), on ? "0" : "1", "alternate screen", file: file, line: line)
        if on { XCTAssertEqual(try tmux.paneValue("cursor_flag"), "1", "cursor shown", file: file, line: line) }
    }

    /// heed, just told to stop, stops as a job: the shell's prompt on the main screen, then
    /// `fg` and the queue drawn again.
    func assertStoppedThenBackWithFg(_ pid: pid_t, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitUntil(pid, stopped: true, file: file, line: line)
        try tmux.waitFor("the shell's prompt on the main screen", file: file, line: line) { screen in
            screen.contains("Stopped") && screen.contains("STOPPED=\(128 + SIGTSTP)") && !screen.contains("q quit")
        }
        try assertMainScreen(true, file: file, line: line)

        try tmux.type("fg; echo AFTER=$?", file: file, line: line)
        try tmux.press("Enter", file: file, line: line)
        try waitUntil(pid, stopped: false, file: file, line: line)
        try tmux.waitForText("q quit", "1 waiting", "is the meetup still on?", file: file, line: line)
        try assertMainScreen(false, file: file, line: line)
    }

    func testSIGTSTPLeavesTheScreenStopsAndFgRedraws() throws {
        try startHeedInShell(after: "echo STOPPED=$?")
        let pid = try heedPID()
        try assertMainScreen(false)
        XCTAssertEqual(kill(pid, SIGTSTP), 0)
        try assertStoppedThenBackWithFg(pid)
        try tmux.press("j")
        try tmux.press("q")
        try tmux.waitForText("AFTER=0", "READY$")
        try assertMainScreen(true)
    }

    func testCtrlZStopsHeedAsAJobAndFgBringsItBack() throws {
        try startHeedInShell(after: "echo STOPPED=$?")
        let pid = try heedPID()
        try tmux.press("C-z")
        try assertStoppedThenBackWithFg(pid)
        try tmux.press("a")
        try tmux.waitForText("0 waiting")
        try tmux.press("q")
        try tmux.waitForText("AFTER=0", "READY$")
        XCTAssertEqual(try states(), ["mastodon:1": "acknowledged"])
    }

    func testSIGSTOPThenFgDrawsTheScreenAgainOverTheShellsWords() throws {
        try startHeedInShell(after: "echo ENDED=$?")
        let pid = try heedPID()
        try tmux.waitForText("h: their history")
        var before = ""
        try tmux.waitFor("the queue to settle") { screen in
            defer { before = screen }
            return screen == before
        }
        XCTAssertEqual(kill(pid, SIGSTOP), 0)
        try waitUntil(pid, stopped: true)
        // SIGSTOP gives heed no chance to leave the screen: the shell writes over it.
        try tmux.waitFor("the shell's words over the queue") { $0.contains("Stopped") && $0.contains("q quit") }

        try tmux.type("fg; echo ENDED=$?")
        try tmux.press("Enter")
        try waitUntil(pid, stopped: false)
        try tmux.waitFor("the queue drawn again as it was") { $0 == before }
        try tmux.press("q")
        try tmux.waitForText("ENDED=0")
        try assertMainScreen(true)
    }

    /// An editor suspending its process group (as vim does on Ctrl-Z) suspends heed with it, so
    /// the shell gets the terminal back; `fg` resumes both.
    func testCtrlZInTheEditorSuspendsHeedAndFgResumesBoth() throws {
        let script = directory.appendingPathComponent("editor.sh").path
        try "#!/bin/sh\nkill -TSTP 0\nprintf 'written after fg' > \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        try startHeedInShell(envPrefix: "-u VISUAL EDITOR=\(quoted(script)) ", after: "echo STOPPED=$?")
        let pid = try heedPID()
        try tmux.press("r")
        try tmux.waitForText("Ctrl-S")
        try tmux.press("C-e")
        try waitUntil(pid, stopped: true)
        try tmux.waitForText("Stopped", "STOPPED=\(128 + SIGTSTP)", "READY$")

        try tmux.type("fg")
        try tmux.press("Enter")
        try tmux.waitForText("written after fg", "Ctrl-S")
        // heed draws once when the editor returns and again for the SIGCONT it noted meanwhile,
        // leaving the full screen for an instant between the two: the full screen is what stays.
        try waitUntil("heed back on the full screen") { try tmux.paneValue("alternate_on") == "1" }
    }

    /// A job stopped when its terminal closes is sent SIGHUP and SIGCONT: heed ends, not stays
    /// stopped for ever, and its reply is kept.
    func testTheTerminalClosedWhileStoppedEndsHeedAndKeepsTheReply() throws {
        try startHeedInShell(after: "echo STOPPED=$?")
        let pid = try heedPID()
        try tmux.press("r")
        try tmux.waitForText("Ctrl-S")
        try tmux.type("typed then stopped")
        try tmux.waitForText("typed then stopped")
        XCTAssertEqual(kill(pid, SIGTSTP), 0)
        try waitUntil(pid, stopped: true)
        try tmux.waitForText("Stopped")
        try tmux.must(["kill-session", "-t", tmux.session])
        try waitUntil("heed to end") { processState(pid) == nil || processState(pid) == "Z" }

        try tmux.start(heedCommand() + " --config " + quoted(configPath))
        try tmux.waitForText("1 reply you had not saved", "your reply to alice@example.social on mastodon")
        try tmux.press("r")
        try tmux.waitForText("Restored the reply you had not saved", "typed then stopped")
    }
}
