import Foundation
import XCTest

/// Resizing the real terminal: too small asks to enlarge, tiny never crashes, big brings the queue back.
final class ResizeTests: HeedTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try importMentions([
            mention("1", handle: "alice@example.social", name: "Alice", text: "are you there?", age: 90_000),
            mention("2", handle: "bo@example.social", name: "Bo", text: "写得很好 👍", age: 4_000),
        ])
    }

    func testTooSmallAsksToEnlargeAndTheQueueComesBack() throws {
        try openQueue()
        try tmux.waitForText("2 waiting")

        try tmux.resize(width: 30, height: 8)
        try tmux.waitForText("Enlarge the window")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("the queue at 100×30") { screen in
            screen.contains("q quit") && screen.contains("2 waiting") && !screen.contains("Enlarge the window")
        }

        try tmux.resize(width: 40, height: 10)
        try tmux.waitFor("the queue at the minimum size 40×10") { screen in
            screen.contains("waiting") && !screen.contains("Enlarge")
        }
    }

    func testKeysPressedWhileTooSmallDoNothing() throws {
        try openQueue()
        try tmux.waitForText("2 waiting")
        try tmux.resize(width: 30, height: 8)
        try tmux.waitForText("Enlarge the window")
        try tmux.press("a")
        try tmux.press("r")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("the untouched queue") { screen in
            screen.contains("q quit") && screen.contains("2 waiting") && !screen.contains("Reply to")
        }
    }

    func testOneByOneDoesNotCrash() throws {
        try openQueue()
        try tmux.waitForText("2 waiting")

        try tmux.resize(width: 1, height: 1)
        try waitUntil("tmux to report a 1×1 pane") {
            try tmux.paneValue("window_width") == "1" && tmux.paneValue("window_height") == "1"
        }
        // Nothing readable fits in one cell, so give heed a moment to take the resize, then
        // check it is still running and still drawing at one column.
        usleep(300_000)
        XCTAssertTrue(try tmux.hasSession(), "heed ended at 1×1")
        XCTAssertEqual(try tmux.paneValue("pane_dead"), "0")
        XCTAssertEqual(try tmux.paneValue("pane_current_command"), "heed")
        try tmux.resize(width: 1, height: 3)
        try tmux.waitFor("something drawn in a 1×3 pane") { screen in
            !screen.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }

        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("the queue after 1×1") { screen in
            screen.contains("q quit") && screen.contains("2 waiting") && screen.contains("写得很好")
        }
        try tmux.press("q")
        try tmux.waitUntilGone()
    }

    func testQuickResizesSettleOnTheLastSize() throws {
        try openQueue()
        try tmux.waitForText("2 waiting")
        for (width, height) in [(20, 5), (120, 40), (1, 1), (39, 9), (80, 24)] {
            try tmux.resize(width: width, height: height)
        }
        // Settled: the last size's frame whole, its header on row 0 and its key bar on the last
        // row (a frame of an earlier size, cut by tmux, has them elsewhere or not at all).
        try tmux.waitFor("the queue drawn whole at 80×24") { screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return rows.count >= 24 && rows[0].contains("2 waiting") && rows[23].contains("q quit") && !screen.contains("Enlarge")
        }
        XCTAssertEqual(try tmux.paneValue("pane_width"), "80")
        XCTAssertEqual(try tmux.paneValue("pane_height"), "24")
    }
}
