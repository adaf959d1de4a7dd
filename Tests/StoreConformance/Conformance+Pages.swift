import Foundation
import HeedCore
import HeedStorage
import XCTest

/// Pages by rank key, summaries and counts, items by ref.
extension StoreConformanceCase {
    func checkRankIsLongestWaitFirstAndPagesByKey() throws {
        // Given 250 items, "0" the oldest.
        _ = try put((0..<250).map { mention(String($0), minutesAgo: Double(1_000 - $0)) })
        // When paged from either end and by key, Then each page is in rank order.
        let first = try store.page(.first(100))
        XCTAssertEqual(first.map(\.mention.id), (0..<100).map(String.init))
        let next = try store.page(.after(first.last!.key, 100))
        XCTAssertEqual(next.first?.mention.id, "100")
        let last = try store.page(.last(30))
        XCTAssertEqual(last.map(\.mention.id), (220..<250).map(String.init))
        let before = try store.page(.before(last.first!.key, 5))
        XCTAssertEqual(before.map(\.mention.id), (215..<220).map(String.init))
        XCTAssertEqual(try store.rank(of: last.first!.key), 220)
    }

    func checkSummaryIsMaintainedThroughEveryChange() throws {
        // Given three waiting items.
        _ = try put([mention("1", minutesAgo: 60), mention("2", minutesAgo: 30), mention("3", minutesAgo: 10)])
        XCTAssertEqual(try store.summary(), QueueSummary(waiting: 3, oldest: now.addingTimeInterval(-3_600)))
        // When one is acknowledged, one replied, and the reply undone, Then the summary follows.
        try store.acknowledge([ref(.mastodon, "1")], at: now)
        XCTAssertEqual(try store.summary(), QueueSummary(waiting: 2, oldest: now.addingTimeInterval(-1_800)))
        try store.markReplied(ref(.mastodon, "2"), draft: "d1", at: now)
        XCTAssertEqual(try store.summary().waiting, 1)
        _ = try store.undoLast()
        XCTAssertEqual(try store.summary().waiting, 2)
    }

    func checkQueriesPageByKeyAndLocateTheirItems() throws {
        try fill()
        for query in [try QueryParser.parse("platform:mastodon,x,bluesky"), try QueryParser.parse("the")] {
            let all = try store.page(query, .first(100), now: now)
            let first = try store.page(query, .first(2), now: now)
            let next = try store.page(query, .after(first[1].key, 2), now: now)
            let last = try store.page(query, .last(2), now: now)
            let before = try store.page(query, .before(last[0].key, 2), now: now)
            XCTAssertEqual((first + next).map(\.mention.id), Array(all.prefix(4)).map(\.mention.id), "\(query.text)")
            XCTAssertEqual(last.map(\.mention.id), Array(all.suffix(2)).map(\.mention.id))
            XCTAssertEqual((before + last).map(\.mention.id), Array(all.suffix(4)).map(\.mention.id))
            for (rank, item) in all.enumerated() {
                XCTAssertEqual(try store.rank(of: item.key, in: query, now: now), rank)
                XCTAssertTrue(try store.contains(item.key, in: query, now: now))
            }
        }
        let five = try XCTUnwrap(store.item(ref(.x, "5")))
        XCTAssertFalse(try store.contains(five.key, in: QueryParser.parse("platform:mastodon"), now: now))
        XCTAssertTrue(try store.contains(five.key, in: .queue, now: now))
        // When it is answered, Then the queue no longer holds it.
        try store.acknowledge([five.mention.ref], at: now)
        XCTAssertFalse(try store.contains(five.key, in: .queue, now: now))
        XCTAssertTrue(try store.contains(five.key, in: QueryParser.parse("is:answered"), now: now))
    }

    func checkCountsOfQueries() throws {
        // Given the fixture: mastodon 3, x 2, bluesky 1, youtube 1.
        try fill()
        // Then every platform heed knows has a count, most first, ties by name.
        let counts = try store.platformCounts()
        XCTAssertEqual(counts.map(\.platform), [.mastodon, .x, .bluesky, .youtube] + Platform.allCases.filter { ![.mastodon, .x, .bluesky, .youtube].contains($0) }.sorted { $0.rawValue < $1.rawValue })
        XCTAssertEqual(counts.prefix(5).map(\.waiting), [3, 2, 1, 1, 0])
        XCTAssertEqual(try count("platform:mastodon,x"), 5)
        XCTAssertEqual(try store.exactCount(QueryParser.parse("platform:mastodon,x"), now: now), 5)
        XCTAssertEqual(try store.exactCount(QueryParser.parse("meetup"), now: now), 2)
        XCTAssertEqual(try store.exactCount(.queue, now: now), 7)
        XCTAssertEqual(try store.summary(QueryParser.parse("is:all"), now: now).waiting, 7)
        // When items are answered, Then the counts follow.
        try store.acknowledge(.refs([ref(.x, "3"), ref(.mastodon, "1")]), at: now)
        XCTAssertEqual(try store.platformCounts().prefix(4).map(\.waiting), [2, 1, 1, 1])
        XCTAssertEqual(try store.platformCounts().first?.platform, .mastodon)
        XCTAssertEqual(try count("platform:x"), 1)
        XCTAssertEqual(try count("is:answered"), 2)
        XCTAssertEqual(try store.exactCount(QueryParser.parse("is:answered platform:x"), now: now), 1)
    }

    func checkForEachListsInRankOrder() throws {
        // Given the fixture with "2" and "5" answered.
        try fill()
        try store.acknowledge([ref(.mastodon, "2")], at: now)
        try store.snooze(.refs([ref(.x, "5")]), until: now.addingTimeInterval(600), at: now)
        // Then the waiting ones, or every one, come in rank order, at most `limit`.
        var seen: [String] = []
        try store.forEach(all: false, limit: nil) { seen.append($0.mention.id) }
        XCTAssertEqual(seen, ["1", "3", "4", "6", "7"])
        XCTAssertEqual(try store.list(all: true, limit: nil).map(\.mention.id), ["1", "2", "3", "4", "5", "6", "7"])
        XCTAssertEqual(try store.list(all: true, limit: 3).map(\.mention.id), ["1", "2", "3"])
        XCTAssertEqual(try store.list(all: false, limit: 2).map(\.mention.id), ["1", "3"])
    }

    func checkItemByRef() throws {
        try fill()
        let item = try XCTUnwrap(store.item(ref(.mastodon, "2")))
        XCTAssertEqual(item.mention, Self.fixture(now)[1])
        XCTAssertEqual(item.thread, 3, "the open items of its conversation, itself included")
        XCTAssertNil(try store.item(ref(.mastodon, "99")))
        XCTAssertNil(try store.item(ref(.x, "1")), "the same id on another platform is another item")

        let some = try store.items([ref(.x, "3"), ref(.mastodon, "99"), ref(.mastodon, "2"), ref(.x, "1")])
        XCTAssertEqual(some.map(\.mention.id), ["3", "2"], "those held, in the order asked")
        XCTAssertEqual(some.map(\.thread), [1, 3])
        XCTAssertEqual(some.last, item)
        XCTAssertEqual(try store.items([]), [])
        try store.acknowledge(.refs([ref(.mastodon, "1")]), at: now)
        XCTAssertEqual(try store.item(ref(.mastodon, "1"))?.thread, 2, "an answered item's conversation counts the open ones")
        XCTAssertEqual(try store.item(ref(.mastodon, "2"))?.thread, 2)
    }
}
