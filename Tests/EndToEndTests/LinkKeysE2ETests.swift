import Foundation
import XCTest

/// `O`, `y` and `Y` on the real binary in tmux: the browser started without a shell, the
/// clipboard set through the terminal (tmux takes OSC 52 into its buffer).
final class LinkKeysE2ETests: HeedTestCase {
    override var tmuxConfig: [String] { ["set -g set-clipboard on"] }

    func importLinked() throws {
        var item = mention("1", handle: "alice@example.social", name: "Alice", text: "see the slides", age: 3_600)
        item["url"] = "https://example.social/@alice/1?a=1&b=$(touch${IFS}pwned);`id`"
        try importMentions([item])
    }

    func testOStartsTheBrowserWithTheLinkAsOneArgument() throws {
        try importLinked()
        let record = directory.appendingPathComponent("browser.txt").path
        let script = directory.appendingPathComponent("browser.sh").path
        try "#!/bin/sh\nprintf '%s|' \"$@\" > \(quoted(record))\n".write(toFile: script, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(script, 0o700), 0)
        try tmux.start(heedCommand(envPrefix: "BROWSER=\(quoted(script + " --new-tab %s")) "))
        try tmux.waitForText("q quit", "1 waiting")
        try tmux.press("O")
        try tmux.waitForText("Opened https://example.social/@alice/1?a=1&b=$(touch${IFS}pwned);`id` in the browser")
        try waitUntil("the browser's record") { FileManager.default.fileExists(atPath: record) && ((try? String(contentsOfFile: record, encoding: .utf8))?.hasSuffix("|") ?? false) }
        XCTAssertEqual(try String(contentsOfFile: record, encoding: .utf8), "--new-tab|https://example.social/@alice/1?a=1&b=$(touch${IFS}pwned);`id`|", "the link whole, one argument")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("pwned").path), "no shell read it")
        XCTAssertTrue(try tmux.screen()?.contains("1 waiting") ?? false, "the queue is still drawn")
    }

    func testYAndShiftYCopyThroughTheTerminal() throws {
        try importLinked()
        try openQueue()
        try tmux.press("y")
        try tmux.waitForText("Copied the link (through the terminal, OSC 52)")
        try waitUntil("the link in tmux's buffer") { (try? self.tmux.run(["show-buffer"]).stdout) == "https://example.social/@alice/1?a=1&b=$(touch${IFS}pwned);`id`" }
        try tmux.press("Y")
        try tmux.waitForText("Copied the ref mastodon:1 (through the terminal, OSC 52)")
        try waitUntil("the ref in tmux's buffer") { (try? self.tmux.run(["show-buffer"]).stdout) == "mastodon:1" }
        try tmux.press("q")
        try tmux.waitUntilGone()
    }
}
