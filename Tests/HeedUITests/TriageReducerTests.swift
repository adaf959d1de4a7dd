import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// Search, filters, saved views, snooze, marks, threads and undo through the reducer, over a
/// fake queue; screens compared as text.
final class TriageReducerTests: XCTestCase {
    static let five: [Mention] = [
        Sample.mention("1", handle: "alice@example.social", name: "Alice", text: "is the meetup still on?", minutesAgo: 3_000),
        Sample.mention("2", .x, handle: "kenji_t", name: "田中健二", text: "東京のイベント", minutesAgo: 2_000),
        Sample.mention("3", handle: "bob@example.social", name: "Bob", text: "meetup moved", minutesAgo: 1_000),
        Sample.mention("4", .bluesky, handle: "noor.bsky.social", text: "love it", minutesAgo: 100),
        Sample.mention("5", handle: "carol@example.social", name: "Carol", text: "see you there", minutesAgo: 10),
    ]

    func ids(_ harness: Harness) -> [String] { harness.queue.waiting.map(\.mention.id) }

    func testSearchNarrowsAsYouTypeEnterKeepsEscReturns() {
        var harness = Harness(Self.five, now: Sample.now)
        harness.press(.character("/"))
        harness.type("meet")
        XCTAssertEqual(harness.state.queue.items.map(\.mention.id), ["1", "3"])
        XCTAssertEqual(harness.screen[0], " heed  2 found · oldest 2d 2h  meet                                         1/2")
        XCTAssertEqual(harness.screen[22], "/ meet▏")
        harness.press(.enter)
        XCTAssertNil(harness.state.prompt)
        XCTAssertEqual(harness.state.status?.text, "2 found for meet (Esc: the whole queue)")
        harness.press(.character("a"))
        XCTAssertEqual(ids(harness), ["2", "3", "4", "5"])
        XCTAssertEqual(harness.state.queue.items.map(\.mention.id), ["3"], "the view follows")
        harness.press(.escape)
        XCTAssertTrue(harness.state.query.isQueue)
        XCTAssertEqual(harness.state.queue.count, 4)
    }

    func testABadSearchSaysWhyAndKeepsTheResults() {
        var harness = Harness(Self.five, now: Sample.now)
        harness.press(.character("/"))
        harness.type("platform:myspace")
        XCTAssertEqual(harness.state.query.words, ["platform"], "the last search that could be read stays")
        XCTAssertTrue(harness.screen[22].hasPrefix("/ platform:myspace▏  no platform \"myspace\""), harness.screen[22])
        harness.press(.escape)
        XCTAssertTrue(harness.state.query.isQueue)
    }

    func testFilterPicksAPlatformWithCounts() {
        var harness = Harness(Self.five, now: Sample.now)
        harness.press(.character("f"))
        XCTAssertEqual(Array(harness.screen[12...15]), [
            " Filter by platform",
            "  all platforms              5",
            "  mastodon                   3",
            "  bluesky                    1",
        ])
        harness.press(.character("j"), .enter)
        XCTAssertEqual(harness.state.query.platforms, [.mastodon])
        XCTAssertEqual(harness.state.queue.items.map(\.mention.id), ["1", "3", "5"])
        harness.press(.escape)
        XCTAssertTrue(harness.state.query.isQueue)
    }

    func testSavedViewsAreTabsWithCounts() throws {
        var harness = Harness(Self.five, width: 100, now: Sample.now)
        harness.state.tabs = [QueryTab(name: "Mastodon", query: try QueryParser.parse("platform:mastodon")), QueryTab(name: "Old", query: try QueryParser.parse("age>1d"))]
        harness.send(.tabCountsLoaded([3, 3]))
        XCTAssertEqual(harness.screen[0], " heed  5 waiting · oldest 2d 2h  │ Mastodon 3 │ Old 3                                           1/5")
        harness.press(.tab)
        XCTAssertEqual(harness.state.shownTab, 0)
        XCTAssertEqual(harness.screen[0], " heed  Mastodon: 3 waiting · oldest 2d 2h  │ Mastodon 3 │ Old 3                                 1/3")
        harness.press(.tab, .tab)
        XCTAssertTrue(harness.state.query.isQueue, "after the last view comes the whole queue")
        harness.press(.backTab)
        XCTAssertEqual(harness.state.shownTab, 1)
    }

    func testSnoozeByChoiceAndByTypedDurationThenUndo() {
        var harness = Harness(Self.five, now: Sample.now)
        harness.press(.character("s"))
        XCTAssertEqual(harness.screen[22], " Snooze  1 in 1 hour  2 in 4 hours  3 tomorrow 9:00  4 Monday 9:00  or type: ▏")
        let prompt = Views.render(harness.state)
        XCTAssertEqual([9, 22, 36, 53].map { prompt[$0, 22].text }, ["1", "2", "3", "4"])
        XCTAssertEqual([9, 22, 36, 53].map { prompt[$0, 22].role }, [.keyName, .keyName, .keyName, .keyName], "each choice's key drawn as a key")
        XCTAssertEqual(prompt[11, 22].role, .composer)
        harness.press(.character("2"), .enter)
        XCTAssertEqual(ids(harness), ["2", "3", "4", "5"])
        XCTAssertEqual(harness.queue.all.first { $0.mention.id == "1" }?.mention.state, .snoozed(until: Sample.now.addingTimeInterval(4 * 3_600)))
        XCTAssertEqual(harness.state.status?.text, "Snoozed 1 item until 13:14 (u undoes)")
        harness.press(.character("s"))
        harness.type("90m")
        harness.press(.enter)
        XCTAssertEqual(harness.queue.all.first { $0.mention.id == "2" }?.mention.state, .snoozed(until: Sample.now.addingTimeInterval(5_400)))
        harness.press(.character("s"))
        harness.type("soon")
        harness.press(.enter)
        XCTAssertEqual(harness.screen[22], " Snooze for: soon▏  1 to 4, or a duration like 90m, 3h, 2d or 1w")
        harness.press(.escape)
        harness.press(.character("u"))
        XCTAssertEqual(ids(harness), ["2", "3", "4", "5"])
        XCTAssertEqual(harness.state.status?.text, "Undid the snooze of kenji_t", "named by author, as the snooze was")
        XCTAssertEqual(harness.queue.all.first { $0.mention.id == "1" }?.mention.state.isWaiting, false, "the earlier snooze stays")
    }

    func testMarksActOnAllMarkedAndAskAboveTheThreshold() {
        var harness = Harness(Self.five, now: Sample.now)
        harness.press(.character("x"), .character("j"), .character("x"))
        XCTAssertEqual(harness.state.marks.refs, [Ref(platform: .mastodon, id: "1"), Ref(platform: .mastodon, id: "3")])
        XCTAssertEqual(harness.screen[1].first, "*")
        XCTAssertTrue(harness.screen[0].contains("· 2 marked"))
        harness.press(.character("a"))
        XCTAssertEqual(ids(harness), ["2", "4", "5"])
        XCTAssertTrue(harness.state.marks.isEmpty)
        XCTAssertEqual(harness.state.status?.text, "Acknowledged 2 items (u undoes)")

        harness.state.settings.confirmAbove = 2
        harness.press(.character("X"))
        XCTAssertEqual(harness.state.marks.count, 3)
        harness.press(.character("a"))
        XCTAssertEqual(harness.screen[22], " Acknowledge 3 items? y does it (u undoes), n leaves them")
        harness.press(.character("n"))
        XCTAssertEqual(ids(harness), ["2", "4", "5"])
        harness.press(.character("a"), .character("y"))
        XCTAssertEqual(ids(harness), [])
        harness.press(.character("u"))
        XCTAssertEqual(ids(harness), ["2", "4", "5"], "one undo brings the whole bulk action back")
        harness.press(.character("u"))
        XCTAssertEqual(ids(harness), ["1", "2", "3", "4", "5"])
    }

    func testUndoAfterTheWindowsFirstItemReloadsFromItWithoutCounting() {
        var harness = Harness(Sample.many(30), now: Sample.now)
        harness.press(.character("j"), .character("j"), .character("a"))
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "3")
        harness.press(.character("u"))
        XCTAssertTrue(harness.effects.contains(.reload(from: harness.state.queue.items[0].key, offset: 0, count: 53, focus: Ref(platform: .mastodon, id: "2"), query: .queue)))
        XCTAssertFalse(harness.effects.contains { if case .focus = $0 { true } else { false } })
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "2")
        XCTAssertEqual(harness.state.queue.cursor, 2)
        XCTAssertEqual(harness.state.queue.count, 30)
    }

    func testThreadPaneAndThreadAcknowledge() {
        var mentions = Self.five
        for index in [0, 2, 4] { mentions[index].conversation = "c1" }
        var harness = Harness(mentions, now: Sample.now)
        XCTAssertEqual(harness.screen[1], "   2d 2h  mastodon   alice@example.s… (3) is the meetup still on?")
        XCTAssertEqual(Array(harness.screen[18...21]), [
            " Thread: 3 items, 3 open · A acknowledges them all, R answers them all",
            " ▸•   2d 2h  alice@example.social: is the meetup still on?",
            "  • 16h 40m  bob@example.social: meetup moved",
            "  •     10m  carol@example.social: see you there",
        ])
        harness.press(.character("A"))
        XCTAssertEqual(ids(harness), ["2", "4"])
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "2", "the cursor moves to the next item outside the thread")
    }

    func testAReplyToTheThreadAnswersItAll() {
        var mentions = Self.five
        for index in [0, 2] { mentions[index].conversation = "c1" }
        var harness = Harness(mentions, now: Sample.now)
        harness.press(.character("R"))
        harness.type("see you all")
        harness.press(.control("s"))
        XCTAssertEqual(harness.queue.saved.first?.thread, true)
        XCTAssertEqual(ids(harness), ["2", "4", "5"])
    }

    func testAnotherProcessChangingTheStoreKeepsTheCursorOnItsItem() {
        var harness = Harness(Self.five, now: Sample.now)
        harness.press(.character("j"), .character("j"))
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "3")
        _ = harness.queue.setStates([Ref(platform: .mastodon, id: "1")], .acknowledge, .acknowledged(at: Sample.now))
        harness.send(.storeChanged(notice: nil))
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "3")
        XCTAssertEqual(harness.state.queue.count, 4)
        XCTAssertEqual(harness.state.queue.cursor, 1)
    }
}

/// The stats and author screens open from the queue, scroll, and close back to it.
final class ScreenReducerTests: XCTestCase {
    func testStatsAndAuthorScreensOpenAndClose() {
        var harness = Harness(TriageReducerTests.five, now: Sample.now)
        harness.press(.character("S"))
        XCTAssertTrue(harness.effects.contains(.loadStats))
        guard case .stats(let stats, _) = harness.state.mode else { return XCTFail("\(harness.state.mode)") }
        XCTAssertNotNil(stats, "the fake's figures arrived")
        XCTAssertTrue(harness.screen[0].hasPrefix(" heed stats"), harness.screen[0])
        harness.press(.escape)
        XCTAssertEqual(harness.state.mode, .queue)
        harness.press(.character("h"))
        XCTAssertTrue(harness.effects.contains(.loadAuthor(Ref(platform: .mastodon, id: "1"))))
        XCTAssertTrue(harness.screen[0].contains("alice@example.social"), harness.screen[0])
        harness.press(.character("q"))
        XCTAssertEqual(harness.state.mode, .queue)
        XCTAssertFalse(harness.state.quitting, "q leaves the screen, not heed")
    }

    /// The detail pane says in a line how often the author wrote and was answered: it follows
    /// the cursor, and is counted again when answers change.
    func testTheDetailPaneSaysHowOftenTheAuthorWasAnswered() throws {
        var earlier = Sample.mention("0", handle: "alice@example.social", name: "Alice", text: "hello", minutesAgo: 9_000)
        earlier.state = .acknowledged(at: earlier.createdAt.addingTimeInterval(2 * 3_600))
        let later = Sample.mention("6", handle: "alice@example.social", name: "Alice", text: "again", minutesAgo: 5)
        let first = TriageReducerTests.five[0].ref
        var harness = Harness([earlier] + TriageReducerTests.five + [later], now: Sample.now, countsAuthors: true)
        XCTAssertEqual(harness.effects.filter { if case .loadAuthorLine = $0 { true } else { false } }, [.loadAuthorLine(first)])
        XCTAssertEqual(Array(harness.screen[13...14]), [
            " mastodon · mention · 2026-11-18 07:14 UTC · waited 2d 2h",
            " They wrote 3 times · answered 1 (33%), in 2h by median · h: their history",
        ])
        harness.press(.character("j"))
        XCTAssertEqual(harness.screen[14], " Their only item in the store · h: their history")
        XCTAssertEqual(harness.state.authorLine?.ref, TriageReducerTests.five[1].ref)

        // A late answer for the item left behind changes nothing on screen.
        harness.send(.authorLineLoaded(first, nil))
        XCTAssertEqual(harness.state.authorLine?.ref, TriageReducerTests.five[1].ref)
        XCTAssertNotNil(harness.state.authorLine?.history)

        // Another process answers Alice's newest item: the line on her first is counted again.
        harness.press(.character("k"))
        _ = try harness.queue.services.act(.acknowledge(.refs([later.ref])), Sample.now)
        harness.send(.storeChanged(notice: nil))
        XCTAssertEqual(harness.state.queue.selected?.mention.ref, first)
        XCTAssertEqual(harness.screen[14], " They wrote 3 times · answered 2 (67%), in 1h 2m by median · h: their history")
    }
}
