import Foundation
import XCTest

/// `heed demo`, the first command a newcomer runs: the sample queue with its histories, the
/// keys working on it, and nothing of the user's touched or left behind.
final class DemoE2ETests: HeedTestCase {
    func testTheDemoRunsOnItsOwnDataAndLeavesNothingBehind() throws {
        let temporary = directory.appendingPathComponent("tmp")
        let home = directory.appendingPathComponent("home")
        for folder in [temporary, home] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        try tmux.start("env -u HEED_STORE -u HEED_OUTBOX -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME=\(quoted(home.path)) TMPDIR=\(quoted(temporary.path)) \(quoted(heed)) demo")
        try tmux.waitForText("heed [demo]  26 waiting · oldest 3w", "alice@example.social")
        try tmux.waitForText("They wrote 3 times · answered 2 (67%), in 1h 55m by median · h: their history")

        try tmux.press("h")
        try tmux.waitForText("history with", "Loved the talk on Saturday!", "replied in 3h")
        try tmux.press("Escape", "a")
        try tmux.waitForText("25 waiting")
        try tmux.press("r")
        try tmux.waitForText("Reply to kenji_t on x")
        try tmux.type("ありがとう！")
        try tmux.press("C-s")
        try tmux.waitForText("24 waiting", "saved to the outbox")
        try tmux.press("u")
        try tmux.waitForText("25 waiting")
        try tmux.press("q")
        try tmux.waitUntilGone()

        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary.path), [], "the demo's store and outbox are gone")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home.path), [], "nothing of the user's was created")
    }

    /// A config can be tried on the sample: its rules act on the demo's items as they arrive,
    /// and its keys drive the demo's queue.
    func testTheDemoTakesTheUsersRulesAndKeys() throws {
        let temporary = directory.appendingPathComponent("tmp")
        let config = directory.appendingPathComponent("config.toml").path
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try """
            [keys]
            acknowledge = "e"

            [[rules]]
            when = "meetup"
            then = ["tag:events", "ack"]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        try tmux.start("TMPDIR=\(quoted(temporary.path)) \(quoted(heed)) demo --config \(quoted(config))")
        try tmux.waitForText("heed [demo]  25 waiting", "kenji_t")
        try tmux.press("e")
        try tmux.waitForText("24 waiting")
        try tmux.press("u")
        try tmux.waitForText("25 waiting")
        try tmux.press("/")
        try tmux.type("is:all tag:events")
        try tmux.press("Enter")
        try tmux.waitForText("alice@example.social", "events")
        try tmux.press("Escape", "q")
        try tmux.waitUntilGone()
    }
}
