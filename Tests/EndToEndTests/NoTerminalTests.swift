import Foundation
import XCTest

/// heed without a usable terminal: one clear line on stderr, exit 2, nothing on stdout.
final class NoTerminalTests: HeedTestCase {
    /// Keeps the pane after heed ends, so the screen can be checked for a queue it must not draw.
    override var tmuxConfig: [String] { ["set -g remain-on-exit on"] }

    func testNoTTYExitsTwoWithOneLineAndNoOutput() throws {
        let stdoutPath = directory.appendingPathComponent("stdout.txt").path
        var environment = heedEnvironment
        environment["TERM"] = "xterm-256color"
        let result = try Spawn.run([heed], environment: environment, stdinPath: "/dev/null", stdout: .file(stdoutPath))

        XCTAssertFalse(result.timedOut)
        XCTAssertEqual(result.status, 2, "stderr: \(result.stderr)")
        let written = try Data(contentsOf: URL(fileURLWithPath: stdoutPath))
        XCTAssertEqual(written.count, 0, "stdout: \(String(decoding: written, as: UTF8.self).debugDescription)")
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "stderr: \(result.stderr.debugDescription)")
        XCTAssertTrue(result.stderr.lowercased().contains("terminal"), "stderr: \(result.stderr)")
        XCTAssertFalse(result.stderr.contains("\u{1B}"), "escape codes on stderr: \(result.stderr.debugDescription)")
    }

    func testStdoutRedirectedFromATerminalExitsTwo() throws {
        let stdoutPath = directory.appendingPathComponent("stdout.txt").path
        let stderrPath = directory.appendingPathComponent("stderr.txt").path
        try tmux.start("\(heedCommand()) > \(quoted(stdoutPath)) 2> \(quoted(stderrPath)); \(exitRecorder)")
        let code = try exitCode()

        XCTAssertEqual(code, 2)
        let written = try Data(contentsOf: URL(fileURLWithPath: stdoutPath))
        XCTAssertEqual(written.count, 0, "stdout: \(String(decoding: written, as: UTF8.self).debugDescription)")
        let stderr = try String(contentsOfFile: stderrPath, encoding: .utf8)
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, "stderr: \(stderr.debugDescription)")
        XCTAssertTrue(stderr.lowercased().contains("terminal"), "stderr: \(stderr)")
    }

    func testUnsetTERMExitsTwoAndNamesTERM() throws {
        let stderrPath = directory.appendingPathComponent("stderr.txt").path
        try tmux.start("\(heedCommand(envPrefix: "-u TERM ")) 2> \(quoted(stderrPath)); \(exitRecorder)")
        let code = try exitCode()

        XCTAssertEqual(code, 2)
        let stderr = try String(contentsOfFile: stderrPath, encoding: .utf8)
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, "stderr: \(stderr.debugDescription)")
        XCTAssertTrue(stderr.contains("TERM"), "stderr: \(stderr)")
        XCTAssertFalse(stderr.contains("\u{1B}"), "escape codes on stderr: \(stderr.debugDescription)")
        let screen = try tmux.screen() ?? ""
        XCTAssertFalse(screen.contains("q quit"), "the queue was drawn:\n\(Tmux.framed(screen))")
    }

    func testUnknownTERMExitsTwoAndNamesTERM() throws {
        let stderrPath = directory.appendingPathComponent("stderr.txt").path
        try tmux.start("\(heedCommand(envPrefix: "TERM=no-such-terminal-xyz ")) 2> \(quoted(stderrPath)); \(exitRecorder)")
        let code = try exitCode()

        XCTAssertEqual(code, 2)
        let stderr = try String(contentsOfFile: stderrPath, encoding: .utf8)
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, "stderr: \(stderr.debugDescription)")
        XCTAssertTrue(stderr.contains("TERM"), "stderr: \(stderr)")
    }

    /// `dumb` is a known terminal type without cursor addressing: refused like an unknown one.
    func testDumbTERMExitsTwoAndSaysTheTerminalCannotMoveTheCursor() throws {
        let stderrPath = directory.appendingPathComponent("stderr.txt").path
        try tmux.start("\(heedCommand(envPrefix: "TERM=dumb ")) 2> \(quoted(stderrPath)); \(exitRecorder)")
        let code = try exitCode()

        XCTAssertEqual(code, 2)
        let stderr = try String(contentsOfFile: stderrPath, encoding: .utf8)
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, "stderr: \(stderr.debugDescription)")
        XCTAssertTrue(stderr.contains("'dumb' cannot move the cursor") && stderr.contains("TERM"), "stderr: \(stderr)")
        XCTAssertFalse(stderr.contains("\u{1B}"), "escape codes on stderr: \(stderr.debugDescription)")
        let screen = try tmux.screen() ?? ""
        XCTAssertFalse(screen.contains("q quit"), "the queue was drawn:\n\(Tmux.framed(screen))")
    }

    /// Standard input from a file while standard output is the terminal: still no full screen.
    func testStdinFromAFileExitsTwo() throws {
        let stderrPath = directory.appendingPathComponent("stderr.txt").path
        try tmux.start("\(heedCommand()) < /dev/null 2> \(quoted(stderrPath)); \(exitRecorder)")
        let code = try exitCode()

        XCTAssertEqual(code, 2)
        let stderr = try String(contentsOfFile: stderrPath, encoding: .utf8)
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, "stderr: \(stderr.debugDescription)")
        XCTAssertTrue(stderr.contains("needs a terminal"), "stderr: \(stderr)")
    }

    /// The shell words that write the last exit code to a file, whole or not at all.
    private var exitRecorder: String {
        let path = directory.appendingPathComponent("exit").path
        return "echo EXIT=$? > \(quoted(path + ".tmp")) && mv \(quoted(path + ".tmp")) \(quoted(path))"
    }

    /// Waits for the exit code the session's shell records after heed ends, and returns it.
    private func exitCode(file: StaticString = #filePath, line: UInt = #line) throws -> Int? {
        let path = directory.appendingPathComponent("exit").path
        try waitUntil("the shell to record heed's exit code", file: file, line: line) {
            FileManager.default.fileExists(atPath: path)
        }
        let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(text.hasPrefix("EXIT="), "exit file: \(text.debugDescription)", file: file, line: line)
        return Int(text.dropFirst("EXIT=".count))
    }
}
