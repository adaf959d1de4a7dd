import Foundation
import HeedCore
import HeedStore
import XCTest

/// Snooze, threads, bulk actions and their undo on a real store (each test its own folder).
final class ActionStoreTests: XCTestCase {
    var folder: URL!
    var store: Store!
    let now = Date(timeIntervalSince1970: 1_763_800_000)
    var path: String { folder.appendingPathComponent("heed.sqlite").path }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-actions-\(UUID().uuidString)")
        store = try Store(path: path)
        _ = try store.importing(now: now) { sink in for m in ViewStoreTests.fixture(now) { try sink.put(m) } }
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: folder)
    }

    func ref(_ platform: Platform, _ id: String) -> Ref { Ref(platform: platform, id: id) }

    func waiting() throws -> [String] { try store.page(.queue, .first(100), now: now).map(\.mention.id) }

    func testSnoozedItemsLeaveAndComeBackAtTheirPlace() throws {
        let until = now.addingTimeInterval(3_600)
        let result = try store.snooze(.refs([ref(.x, "3")]), until: until, at: now)
        XCTAssertEqual(result.changedCount, 1)
        XCTAssertEqual(try waiting(), ["1", "2", "4", "5", "6", "7"])
        XCTAssertEqual(try store.summary().waiting, 6)
        XCTAssertEqual(try store.page(QueryParser.parse("is:snoozed"), .first(10), now: now).map(\.mention.id), ["3"])
        XCTAssertEqual(try store.item(ref(.x, "3"))?.mention.state, .snoozed(until: until))
        XCTAssertEqual(try store.wakeSnoozed(now: now.addingTimeInterval(3_599)), 0)
        XCTAssertEqual(try store.wakeSnoozed(now: until), 1)
        XCTAssertEqual(try waiting(), ["1", "2", "3", "4", "5", "6", "7"], "back at its old place")
        XCTAssertEqual(try store.summary().waiting, 7)
    }

    func testNewActivityInTheThreadWakesASnoozeEarly() throws {
        try store.snooze(.refs([ref(.mastodon, "1"), ref(.youtube, "6")]), until: now.addingTimeInterval(86_400), at: now)
        let reply = Mention(platform: .mastodon, id: "8", kind: .reply, author: Author(handle: "dave@example.social"), text: "me too",
                            createdAt: now, conversation: "c1")
        _ = try store.importing(now: now) { try $0.put(reply) }
        XCTAssertEqual(try store.item(ref(.mastodon, "1"))?.mention.state, .waiting)
        XCTAssertEqual(try store.item(ref(.youtube, "6"))?.mention.state, .snoozed(until: now.addingTimeInterval(86_400)), "another conversation sleeps on")
    }

    func testUndoOfASnooze() throws {
        try store.snooze(.refs([ref(.x, "3")]), until: now.addingTimeInterval(600), at: now)
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.kind, .snooze)
        XCTAssertEqual(undone.refs, [ref(.x, "3")])
        XCTAssertEqual(try store.item(ref(.x, "3"))?.mention.state, .waiting)
    }

    func testAThreadIsAcknowledgedAsOneActionAndUndoneAsOne() throws {
        try store.snooze(.refs([ref(.mastodon, "7")]), until: now.addingTimeInterval(600), at: now)
        let result = try store.acknowledge(.threads([ref(.mastodon, "2")]), at: now)
        XCTAssertEqual(result.changedCount, 3, "waiting and snoozed items of the conversation")
        XCTAssertEqual(try waiting(), ["3", "4", "5", "6"])
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.count, 3)
        XCTAssertEqual(try waiting(), ["1", "2", "3", "4", "5", "6"])
        XCTAssertEqual(try store.item(ref(.mastodon, "7"))?.mention.state, .snoozed(until: now.addingTimeInterval(600)), "each item back as it was")
    }

    func testAReplyToAThreadAnswersEveryOpenItem() throws {
        let result = try store.markReplied(.threads([ref(.mastodon, "7")]), draft: "d1", at: now)
        XCTAssertEqual(result.changedCount, 3)
        XCTAssertEqual(try store.item(ref(.mastodon, "1"))?.mention.state, .replied(draft: "d1", at: now))
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.kind, .reply)
        XCTAssertEqual(undone.drafts, ["d1"])
    }

    func testAViewIsAcknowledgedWholeAndComesBackWithOneUndoAfterReopening() throws {
        let result = try store.acknowledge(.view(QueryParser.parse("platform:mastodon,x")), at: now)
        XCTAssertEqual(result.changedCount, 5)
        XCTAssertEqual(try waiting(), ["4", "6"])
        XCTAssertEqual(try store.summary().waiting, 2)
        XCTAssertEqual(try store.summary(QueryParser.parse("platform:mastodon"), now: now).waiting, 0, "per-platform counts follow")
        store = nil
        store = try Store(path: path)
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.count, 5)
        XCTAssertEqual(try waiting(), ["1", "2", "3", "4", "5", "6", "7"])
        XCTAssertEqual(try store.summary(QueryParser.parse("platform:mastodon"), now: now).waiting, 3)
    }

    func testASearchViewIsActedOnAsSearched() throws {
        let result = try store.acknowledge(.view(QueryParser.parse("thursday")), at: now)
        XCTAssertEqual(result.changedCount, 2)
        XCTAssertEqual(try waiting(), ["2", "3", "4", "5", "6"])
    }

    func testUndoLeavesItemsSomeoneChangedSince() throws {
        try store.acknowledge(.refs([ref(.x, "3"), ref(.x, "5")]), at: now)
        _ = try store.undoLast()
        try store.acknowledge(.refs([ref(.x, "3")]), at: now)
        try store.markReplied(.refs([ref(.x, "5")]), draft: "d9", at: now)
        // Undo the reply, then the second acknowledge: the first acknowledge was undone already.
        XCTAssertEqual(try store.undoLast()?.kind, .reply)
        XCTAssertEqual(try store.undoLast()?.refs, [ref(.x, "3")])
        XCTAssertEqual(try store.undoLast(), nil)
    }
}
