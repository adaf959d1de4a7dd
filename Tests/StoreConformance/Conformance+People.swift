import Foundation
import HeedCore
import HeedStorage
import XCTest

/// Conversations and the history with one author: one person on two linked platforms,
/// handles in any case, with or without "@".
extension StoreConformanceCase {
    func checkThreadsListTheConversationAndCountOpenItems() throws {
        try fill()
        let thread = try store.thread(of: ref(.mastodon, "2"))
        XCTAssertEqual(thread.map(\.mention.id), ["1", "2", "7"])
        let page = try store.page(.queue, .first(10), now: now)
        XCTAssertEqual(page.first { $0.mention.id == "1" }?.thread, 3)
        XCTAssertEqual(page.first { $0.mention.id == "3" }?.thread, 1)
        try store.acknowledge([ref(.mastodon, "7")], at: now)
        XCTAssertEqual(try store.page(.queue, .first(10), now: now).first { $0.mention.id == "1" }?.thread, 2)
        XCTAssertEqual(try store.thread(of: ref(.x, "3")).map(\.mention.id), ["3"], "no conversation: the item alone")
        XCTAssertEqual(try store.thread(of: ref(.mastodon, "1"), limit: 2).map(\.mention.id), ["2", "7"], "the newest when there are more")
        XCTAssertEqual(try store.thread(of: ref(.mastodon, "99")), [])
    }

    /// Alice: mastodon m1 (20 d ago, replied after 28 h), m3 (2 d, acknowledged after 20 m);
    /// x x2 (5 d, replied after 2 h 5 m) and x4 (3 h, waiting, stored as "@ALICE").
    /// Not Alice: another server's alice, "alicex" on x, alice on Bluesky (not linked), bob.
    public func fillAuthors() throws {
        let now = Self.morning, day = Self.day
        let items: [(Platform, String, String, TimeInterval)] = [
            (.mastodon, "m1", "Alice@Example.Social", 20 * day), (.mastodon, "m3", "alice@example.social", 2 * day),
            (.x, "x2", "alice", 5 * day), (.x, "x4", "@ALICE", 3 * 3_600),
            (.mastodon, "o1", "alice@other.social", day), (.x, "o2", "alicex", day),
            (.bluesky, "o3", "alice", day), (.x, "o4", "bob", day),
        ]
        _ = try store.importing(now: now) { sink in
            for (platform, id, handle, age) in items {
                try sink.put(Mention(platform: platform, id: id, author: Author(handle: handle), text: "text of \(id)", createdAt: now.addingTimeInterval(-age)))
            }
        }
        try store.markReplied(ref(.mastodon, "m1"), draft: "d1", at: now.addingTimeInterval(-20 * day + 100_800))
        try store.acknowledge([ref(.mastodon, "m3")], at: now.addingTimeInterval(-2 * day + 1_200))
        try store.markReplied(ref(.x, "x2"), draft: "d2", at: now.addingTimeInterval(-5 * day + 7_500))
        try store.markReplied(ref(.x, "o4"), draft: "d3", at: now)
    }

    var alice: [(platform: Platform, handle: String)] { [(.mastodon, "alice@example.social"), (.x, "@Alice")] }

    func checkLinkedAccountsTogether() throws {
        try fillAuthors()
        let now = Self.morning, day = Self.day
        let history = try store.authorHistory(alice, now: now)
        XCTAssertEqual(history.identities.map(\.description), ["mastodon:alice@example.social", "x:Alice"])
        XCTAssertEqual([history.total, history.replied, history.acknowledged, history.answered, history.waiting, history.snoozed], [4, 2, 1, 3, 1, 0])
        // Times 100800, 1200, 7500: the median is 7500.
        XCTAssertEqual(history.timed, 3)
        XCTAssertEqual(history.medianSeconds, 7_500)
        XCTAssertEqual(history.firstAt, now.addingTimeInterval(-20 * day))
        XCTAssertEqual(history.recent.map(\.id), ["x4", "m3", "x2", "m1"], "newest first, across platforms")
        XCTAssertEqual(history.latest?.id, "x4")
        XCTAssertEqual(history.lastAnswered?.id, "m3")
        XCTAssertEqual(history.lastAnswered?.state, .acknowledged(at: now.addingTimeInterval(-2 * day + 1_200)))
        XCTAssertEqual(history.asOf, now)
        XCTAssertTrue(history.complete)
    }

    func checkRecentIsCutButTheLastAnswerIsStillFound() throws {
        try fillAuthors()
        let now = Self.morning
        XCTAssertEqual(try store.authorHistory(alice, now: now, recent: 2).recent.map(\.id), ["x4", "m3"])
        let one = try store.authorHistory(alice, now: now, recent: 1)
        XCTAssertEqual(one.recent.map(\.id), ["x4"])
        XCTAssertEqual(one.lastAnswered?.id, "m3")
        XCTAssertEqual(one.total, 4, "counts never depend on how many are listed")
    }

    func checkOneAccountAloneAndTheSameAccountTwice() throws {
        try fillAuthors()
        let now = Self.morning
        let x = try store.authorHistory([(.x, "ALICE"), (.x, "@alice")], now: now)
        XCTAssertEqual(x.identities.count, 1)
        XCTAssertEqual(x.recent.map(\.id), ["x4", "x2"])
        XCTAssertEqual([x.total, x.replied, x.waiting], [2, 1, 1])
        let nobody = try store.authorHistory([(.reddit, "alice")], now: now)
        XCTAssertEqual(nobody.total, 0)
        XCTAssertEqual(nobody.recent, [])
        XCTAssertNil(nobody.medianSeconds)
        XCTAssertNil(nobody.lastAnswered)
    }
}
