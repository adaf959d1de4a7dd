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
}
