import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// The mouse: a click selects a row or shows a tab, the wheel moves and scrolls; prompts and
/// questions ignore it.
final class MouseTests: XCTestCase {
    func testAClickSelectsTheRowUnderIt() {
        var harness = Harness(Sample.many(40), now: Sample.now)
        harness.press(.click(x: 30, y: 3))
        XCTAssertEqual(harness.state.queue.cursor, 2)
        XCTAssertEqual(harness.screen[0].suffix(4), "3/40")
        harness.press(.click(x: 30, y: 15))
        XCTAssertEqual(harness.state.queue.cursor, 2, "the detail pane is not a row")
        harness.press(.click(x: 5, y: 0))
        XCTAssertEqual(harness.state.queue.cursor, 2, "the header away from a tab does nothing")
    }

    func testTheWheelMovesThroughTheList() {
        var harness = Harness(Sample.many(40), now: Sample.now)
        harness.press(.wheelDown, .wheelDown)
        XCTAssertEqual(harness.state.queue.cursor, 6)
        harness.press(.wheelUp, .wheelUp, .wheelUp)
        XCTAssertEqual(harness.state.queue.cursor, 0, "never above the first")
        for _ in 0..<20 { harness.press(.wheelDown) }
        XCTAssertEqual(harness.state.queue.cursor, 39, "never past the last")
        XCTAssertTrue(harness.screen[0].hasSuffix("40/40"), harness.screen[0])
    }

    func testAClickOnATabShowsItsView() throws {
        var harness = Harness(TriageReducerTests.five, width: 100, now: Sample.now)
        harness.state.tabs = [QueryTab(name: "Mastodon", query: try QueryParser.parse("platform:mastodon")), QueryTab(name: "Old", query: try QueryParser.parse("age>1d"))]
        harness.send(.tabCountsLoaded([3, 3]))
        let header = harness.screen[0]
        let old = try XCTUnwrap(header.range(of: "Old 3"))
        harness.press(.click(x: header.distance(from: header.startIndex, to: old.lowerBound), y: 0))
        XCTAssertEqual(harness.state.shownTab, 1)
        XCTAssertEqual(harness.state.query, try QueryParser.parse("age>1d"))
    }

    func testQuestionsAndPromptsIgnoreTheMouseAndScreensScroll() {
        var harness = Harness(Sample.many(40), now: Sample.now)
        harness.press(.character("/"))
        harness.press(.click(x: 10, y: 5), .wheelDown)
        XCTAssertEqual(harness.state.queue.cursor, 0)
        XCTAssertNotNil(harness.state.prompt, "the search line stays open")
        harness.press(.escape, .character("?"))
        harness.press(.wheelDown)
        XCTAssertEqual(harness.state.mode, .help(scroll: 3))
        harness.press(.wheelUp, .wheelUp)
        XCTAssertEqual(harness.state.mode, .help(scroll: 0))
        for _ in 0..<70 { harness.press(.wheelDown) }
        XCTAssertEqual(Array(harness.screen.suffix(5).prefix(3)), [
            "                                           in config.toml turns the mouse off)",
            "   wheel                                   three rows on or back; scrolls the",
            "                                           help, stats and author screens",
        ], "the help names the mouse when heed takes it")
        var settings = Settings()
        settings.mouse = false
        var without = Harness(settings: settings)
        without.press(.character("?"))
        for _ in 0..<200 { without.press(.character("j")) }
        XCTAssertTrue(without.screen.contains { $0.contains("Ctrl-Z") }, "the end of the help")
        XCTAssertFalse(without.screen.contains { $0.contains("wheel") }, "mouse = false: not named")
    }
}
