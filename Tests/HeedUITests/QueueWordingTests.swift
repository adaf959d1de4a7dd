import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// What the queue says when a search finds nothing, what each row of `is:all` is, how actions
/// and their undo name items, the header at 80 columns, and searches while indexing runs.
final class QueueWordingTests: XCTestCase {
    static let five = TriageReducerTests.five

    func testASearchMatchingNothingSaysSoAndHowToGoBack() {
        var harness = Harness(Self.five, now: Sample.now)
        harness.press(.character("/"))
        harness.type("walrus")
        XCTAssertEqual(harness.screen[0], " heed  0 found  walrus")
        XCTAssertEqual(Array(harness.screen[8...11]), [
            "  Nothing matches walrus.",
            "",
            "  Only waiting items are searched; is:all finds answered and snoozed ones too.",
            "  Esc goes back to the view before the search; Ctrl-U clears the line.",
        ])
        XCTAssertFalse(harness.screen.contains { $0.contains("Nothing is waiting") }, "never the empty queue's welcome")
        harness.press(.enter)
        XCTAssertEqual(harness.screen[11], "  Esc goes back to the whole queue; / searches again.")
        XCTAssertEqual(harness.screen[22], " 0 found for walrus (Esc: the whole queue)")
        harness.press(.escape)
        XCTAssertEqual(harness.state.queue.count, 5)
    }

    func testAnEmptySavedViewIsNamed() throws {
        var harness = Harness(Self.five, now: Sample.now)
        harness.state.tabs = [QueryTab(name: "Late DMs", query: try QueryParser.parse("kind:dm age>4h"))]
        harness.press(.tab)
        XCTAssertTrue(harness.screen.contains("  Nothing in the view Late DMs (kind:dm age>4h)."), harness.screen.joined(separator: "\n"))
    }

    func testRowsOfIsAllCarryTheirState() {
        var harness = Harness(Self.five, now: Sample.now)
        harness.press(.character("a"))
        harness.press(.character("s"), .character("1"), .enter)
        harness.press(.character("/"))
        harness.type("is:all")
        harness.press(.enter)
        XCTAssertEqual(Array(harness.screen[0...5]), [
            " heed  5 items  is:all                                                      1/5",
            "   2d 2h  mastodon   alice@example.s… ✓ acknowledged is the meetup still on?",
            "   1d 9h  x          kenji_t          snoozed until 10:14 東京のイベント",
            " 16h 40m  mastodon   bob@example.soc… meetup moved",
            "  1h 40m  bluesky    noor.bsky.social love it",
            "     10m  mastodon   carol@example.s… see you there",
        ])
        harness.press(.escape)
        harness.press(.character("r"))
        harness.type("later")
        harness.press(.control("s"))
        harness.press(.character("/"))
        harness.type("is:answered")
        XCTAssertEqual(harness.screen[2], " 16h 40m  mastodon   bob@example.soc… ↩ replied meetup moved")
    }

    func testAThreadAcknowledgedAndUndoneIsNamedTheSameWay() {
        var mentions = Self.five
        for index in [0, 2, 4] { mentions[index].conversation = "c1" }
        var harness = Harness(mentions, now: Sample.now)
        harness.press(.character("A"))
        XCTAssertEqual(harness.state.status?.text, "Acknowledged the thread with alice@example.social, 3 items (u undoes)")
        harness.press(.character("u"))
        XCTAssertEqual(harness.state.status?.text, "Undid the acknowledge of the thread with alice@example.social, 3 items")
        harness.press(.character("s"), .character("2"), .enter)
        XCTAssertEqual(harness.state.status?.text, "Snoozed 1 item until 13:14 (u undoes)")
        harness.press(.character("u"))
        XCTAssertEqual(harness.state.status?.text, "Undid the snooze of alice@example.social")
        harness.press(.character("x"), .character("x"), .character("a"))
        XCTAssertEqual(harness.state.status?.text, "Acknowledged 2 items (u undoes)")
        harness.press(.character("u"))
        XCTAssertEqual(harness.state.status?.text, "Undid the acknowledge of 2 items", "items of two conversations: a count")
    }

    func testTheHeaderAt80ColumnsKeepsThePositionAndCountsTheTabsThatDoNotFit() throws {
        var harness = Harness(Sample.many(1_200), now: Sample.now)
        harness.state.tabs = try ["Mastodon", "Late DMs", "Questions", "Bluesky mentions"].map { QueryTab(name: $0, query: try QueryParser.parse("platform:mastodon")) }
        harness.send(.tabCountsLoaded([1_200, 0, 12, 0]))
        XCTAssertEqual(harness.screen[0], " heed  1,200 waiting  │ Mastodon 1,200 │ Late DMs 0 │ Questions 12 +1   1/1,200",
                       "the age gives way first, then the last tab, counted; the position stays")
        harness.press(.tab, .tab, .tab, .tab)
        XCTAssertEqual(harness.screen[0], " heed  Bluesky mentions: 1,200 waiting  │ Bluesky mentions 0 +3         1/1,200",
                       "the view shown keeps its tab")
        for width in [40, 57, 80, 100] {
            harness.send(.resized(width: width, height: 24))
            XCTAssertTrue(harness.screen[0].hasSuffix("1/1,200"), "\(width): \(harness.screen[0])")
        }
    }

    func testASearchWhileIndexingRunsSaysItsResultsArePartial() {
        var harness = Harness(Self.five, now: Sample.now)
        harness.send(.indexingReported(Indexing(done: 4_100, total: 10_000)))
        harness.press(.character("/"))
        harness.type("meet")
        XCTAssertEqual(harness.screen[0], " heed  2 found · partial, 41% indexed · oldest 2d 2h  meet                  1/2")
        harness.press(.enter)
        XCTAssertEqual(harness.state.status?.text, "2 found so far for meet (search is 41% indexed) (Esc: the whole queue)")
        harness.press(.character("/"))
        harness.type(" walrus")
        XCTAssertEqual(Array(harness.screen[7...11]), [
            "  Nothing matches meet walrus.",
            "",
            "  Search is 41% indexed (4,100 of 10,000): more may match later.",
            "  Only waiting items are searched; is:all finds answered and snoozed ones too.",
            "  Esc goes back to the view before the search; Ctrl-U clears the line.",
        ])
        harness.send(.indexingReported(nil))
        XCTAssertEqual(harness.screen[0], " heed  0 found  meet walrus", "indexing done: no marker")
        harness.press(.escape, .escape)
        harness.send(.indexingReported(Indexing(done: 1, total: 10)))
        XCTAssertEqual(harness.screen[0], " heed  5 waiting · oldest 2d 2h                                             1/5", "the whole queue is never partial")
    }
}
