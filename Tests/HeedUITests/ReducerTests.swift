import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// Keys → state → effects, through the reducer and a queue in memory.
final class ReducerTests: XCTestCase {
    func testMovingStaysInsideTheQueue() {
        var harness = Harness(Sample.three, now: Sample.now)
        harness.press(.character("k"))
        XCTAssertEqual(harness.state.queue.cursor, 0)
        harness.press(.character("j"), .down, .down, .down)
        XCTAssertEqual(harness.state.queue.cursor, 2)
        harness.press(.home)
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "1")
        harness.press(.end)
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "3")
    }

    func testAcknowledgeMovesToTheNextItemAndUndoBringsItBack() {
        var harness = Harness(Sample.three, now: Sample.now)
        harness.press(.character("a"))
        XCTAssertTrue(harness.effects.contains(.act(.acknowledge(.refs([Ref(platform: .mastodon, id: "1")])))))
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "2")
        XCTAssertEqual(harness.state.queue.count, 2)
        XCTAssertEqual(harness.queue.waiting.map(\.mention.id), ["2", "3"])
        XCTAssertEqual(harness.screen[0], " heed  2 waiting · oldest 5h                                                1/2")
        harness.press(.character("u"))
        XCTAssertEqual(harness.queue.waiting.map(\.mention.id), ["1", "2", "3"])
        XCTAssertEqual(harness.state.queue.count, 3)
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "1")
        XCTAssertEqual(harness.state.status?.text, "Undid the acknowledge of alice@example.social", "named by author, as the acknowledge was")
        harness.press(.character("u"))
        XCTAssertEqual(harness.state.status?.text, "Nothing to undo")
    }

    func testAcknowledgingTheLastItemMovesUp() {
        var harness = Harness(Sample.three, now: Sample.now)
        harness.press(.character("G"), .character("a"))
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "2")
        harness.press(.character("a"), .character("a"))
        XCTAssertEqual(harness.state.queue.count, 0)
        harness.press(.character("a"))
        XCTAssertEqual(harness.state.status?.text, "Nothing is waiting")
    }

    func testReplySavesThroughTheComposerAndMovesOn() {
        var harness = Harness(Sample.three, now: Sample.now)
        harness.press(.character("r"))
        XCTAssertEqual(harness.state.composer?.text, "@alice@example.social ")
        harness.type("Yes! 🎉")
        harness.press(.control("s"))
        XCTAssertEqual(harness.queue.saved, [ReplyInput(ref: Ref(platform: .mastodon, id: "1"), replyTarget: [:], author: "alice@example.social", text: "@alice@example.social Yes! 🎉")])
        XCTAssertEqual(harness.state.mode, .queue)
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "2")
        XCTAssertEqual(harness.state.status?.text, "Reply to alice@example.social saved to the outbox (u undoes)")
    }

    func testEmptyOrOverLongRepliesAreRefusedWithTheTextKept() {
        var harness = Harness(Sample.three, now: Sample.now)
        harness.press(.character("j"), .character("r"))
        harness.press(.control("s"))
        XCTAssertEqual(harness.state.status?.text, "Nothing to save: the reply is empty")
        harness.type(String(repeating: "長", count: 141))
        harness.press(.control("s"))
        XCTAssertEqual(harness.state.status?.text, "Too long for x: 282/280; shorten it to save")
        XCTAssertEqual(harness.state.composer?.text.count, 141)
        XCTAssertTrue(harness.queue.saved.isEmpty)
        harness.press(.backspace, .control("s"))
        XCTAssertEqual(harness.queue.saved.first?.text.count, 140)
    }

    func testCancelAsksOnlyWhenThereIsText() {
        var harness = Harness(Sample.three, now: Sample.now)
        harness.press(.character("r"), .escape)
        XCTAssertEqual(harness.state.mode, .queue)
        harness.press(.character("r"))
        harness.type("draft")
        harness.press(.escape)
        XCTAssertTrue(harness.state.confirmDiscard)
        XCTAssertEqual(harness.screen[22], " Discard this reply? y discards, n goes back to it")
        harness.press(.character("n"))
        XCTAssertEqual(harness.state.composer?.text, "@alice@example.social draft")
        harness.press(.escape, .character("y"))
        XCTAssertEqual(harness.state.mode, .queue)
        XCTAssertTrue(harness.queue.saved.isEmpty)
    }

    func testHelpListsTheKeyTable() {
        var harness = Harness(Sample.three, width: 120, height: 70, now: Sample.now)
        harness.press(.character("?"))
        let screen = harness.screen
        for binding in KeyTable.standard.bindings(in: .queue) {
            XCTAssertTrue(screen.contains { $0.contains(binding.help) }, "help lacks \(binding.help)")
        }
        harness.press(.escape)
        XCTAssertEqual(harness.state.mode, .queue)
    }

    func testUnknownKeySaysSo() {
        var harness = Harness(Sample.three, now: Sample.now)
        harness.press(.character("Z"))
        XCTAssertEqual(harness.state.status?.text, "Z does nothing here; press ? for the keys")
    }

    func testPagingAThousandItemsKeepsTheWindowSmall() {
        var harness = Harness(Sample.many(1_000), now: Sample.now)
        XCTAssertEqual(harness.state.queue.items.count, QueueState.pageSize)
        harness.press(.character("G"))
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "999")
        XCTAssertEqual(harness.state.queue.cursor, 999)
        XCTAssertEqual(harness.screen[0].suffix(11), "1,000/1,000", "grouped, as the count beside it")
        for _ in 0..<100 { harness.press(.pageUp) }
        XCTAssertEqual(harness.state.queue.cursor, 0)
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "0")
        XCTAssertLessThanOrEqual(harness.state.queue.items.count, QueueState.pageSize * 4)
        for _ in 0..<500 { harness.press(.character("j")) }
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "500")
        XCTAssertTrue(harness.screen.contains { $0.hasSuffix("message 500") })
        harness.press(.character("a"))
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "501")
        harness.press(.character("g"))
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "0")
        XCTAssertLessThanOrEqual(harness.state.queue.items.count, QueueState.pageSize * 4)
    }
}

/// The composer edits by grapheme and lays text out by display width.
final class ComposerTests: XCTestCase {
    let item = QueueItem(key: RankKey(createdAt: 0, row: 1), mention: Sample.three[1])

    func testCursorMovesByGraphemeAndScalarsJoin() {
        var composer = Composer(item: item)
        for scalar in "a👨‍👩‍👧e\u{301}".unicodeScalars { composer.insert(String(scalar)) }
        XCTAssertEqual(composer.text, "a👨‍👩‍👧é")
        XCTAssertEqual(composer.text.count, 3)
        composer.moveLeft()
        composer.deleteBackward()
        XCTAssertEqual(composer.text, "aé")
        composer.moveRight()
        composer.insert("b")
        XCTAssertEqual(composer.text, "aéb")
    }

    func testControlsNeverEnterTheText() {
        var composer = Composer(item: item)
        composer.insert("x\u{1B}[2Jy\u{7}\u{202E}z")
        XCTAssertEqual(composer.text, "xyz")
    }

    func testVerticalMovesByDisplayColumn() {
        var composer = Composer(item: item, text: "中文中文\nabcdefgh")
        composer.moveVertically(by: -1, width: 20)
        XCTAssertEqual(composer.cursor, "中文中文".utf8.count)
        composer.moveToRowStart(width: 20)
        XCTAssertEqual(composer.cursor, 0)
        composer.moveRight()
        composer.moveVertically(by: 1, width: 20)
        XCTAssertEqual(composer.cursor, "中文中文\nab".utf8.count)
    }

    func testLayoutWrapsByWidthNeverSplittingAGlyph() {
        let layout = ComposerLayout(text: "abc 中文字 de", width: 5)
        XCTAssertEqual(layout.rows.map { $0.graphemes.map(\.text).joined() }, ["abc ", "中文", "字 de"])
    }

    func testComposerScreen() {
        var harness = Harness(Sample.three, width: 60, height: 12, now: Sample.now)
        harness.press(.character("j"), .character("r"))
        harness.type("ありがとう")
        XCTAssertEqual(harness.screen, [
            " Reply to kenji_t on x",
            " │ 返信ありがとうございます！😀",
            "─ your reply ────────────────────────────────────── 10/280 ─",
            " ありがとう",
            "", "", "", "", "", "", "",
            " Ctrl-S save to outbox  Ctrl-E editor  Ctrl-T saved replies…",
        ])
        XCTAssertTrue(Views.render(harness.state).cursor! == (11, 3))
    }
}
