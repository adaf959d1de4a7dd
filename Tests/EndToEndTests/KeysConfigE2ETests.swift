import Foundation
import XCTest

/// `[keys]` in config.toml on the real binary: the queue takes the user's keys and shows them;
/// a bad entry is said on stderr by file and line with the config's other problems.
final class KeysConfigE2ETests: HeedTestCase {
    func testTheUsersKeysDriveTheQueueAndABadOneIsNamed() throws {
        try importMentions([mention("1", handle: "alice@example.social", name: "Alice", text: "hello", age: 3_600)])
        let config = directory.appendingPathComponent("config.toml").path
        try "[keys]\nacknowledge = [\"e\"]\nundo = \"U\"\nreply = [\"e\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let listed = try runHeed(["themes", "--config", config])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stderr.contains("config \(config):4 (keys.reply): e is given to acknowledge already (line 2)"), listed.stderr)

        try tmux.start(heedCommand() + " --config " + quoted(config))
        try tmux.waitForText("e ack", "U undo", "1 waiting")
        try tmux.press("e")
        try tmux.waitForText("0 waiting", "Acknowledged alice@example.social (U undoes)")
        try tmux.press("U")
        try tmux.waitForText("1 waiting", "Undid the acknowledge of alice@example.social")
        try tmux.press("q")
        try tmux.waitUntilGone()
    }
}
