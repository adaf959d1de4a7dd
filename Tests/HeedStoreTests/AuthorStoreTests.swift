import Foundation
import GRDB
import HeedCore
@testable import HeedStore
import XCTest

/// `Store.authorHistory`: one person on two linked platforms, handles in any case, with or without "@".
final class AuthorStoreTests: XCTestCase {
    var folder: URL!
    var store: Store!
    /// 2026-11-21 09:00 UTC.
    let now = Date(timeIntervalSince1970: 1_795_251_600)
    let day: TimeInterval = 86_400

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-authors-\(UUID().uuidString)")
        store = try Store(path: folder.appendingPathComponent("heed.sqlite").path)
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: folder)
    }

    /// Alice: mastodon m1 (20 d ago, replied after 28 h), m3 (2 d, acknowledged after 20 m);
    /// x x2 (5 d, replied after 2 h 5 m) and x4 (3 h, waiting, stored as "@ALICE").
    /// Not Alice: another server's alice, "alicex" on x, alice on Bluesky (not linked), bob.
    func fill() throws {
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
        try store.markReplied(Ref(platform: .mastodon, id: "m1"), draft: "d1", at: now.addingTimeInterval(-20 * day + 100_800))
        try store.acknowledge([Ref(platform: .mastodon, id: "m3")], at: now.addingTimeInterval(-2 * day + 1_200))
        try store.markReplied(Ref(platform: .x, id: "x2"), draft: "d2", at: now.addingTimeInterval(-5 * day + 7_500))
        try store.markReplied(Ref(platform: .x, id: "o4"), draft: "d3", at: now)
    }

    let alice: [(platform: Platform, handle: String)] = [(.mastodon, "alice@example.social"), (.x, "@Alice")]

    func testLinkedAccountsTogether() throws {
        try fill()
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
    }

    func testRecentIsCutButTheLastAnswerIsStillFound() throws {
        try fill()
        XCTAssertEqual(try store.authorHistory(alice, now: now, recent: 2).recent.map(\.id), ["x4", "m3"])
        let one = try store.authorHistory(alice, now: now, recent: 1)
        XCTAssertEqual(one.recent.map(\.id), ["x4"])
        XCTAssertEqual(one.lastAnswered?.id, "m3")
        XCTAssertEqual(one.total, 4, "counts never depend on how many are listed")
    }

    func testOneAccountAloneAndTheSameAccountTwice() throws {
        try fill()
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

    func testAuthorsAreFoundThroughTheSearchIndex() throws {
        try fill()
        let sql = Store.authorMatch.replacingOccurrences(of: "MATCH ?", with: "MATCH 'who : alice'")
            .replacingOccurrences(of: "+platform = ?", with: "+platform = 'x'").replacingOccurrences(of: "+author_handle = ?", with: "+author_handle = 'alice'")
        let plan = try store.explain("SELECT id FROM mention WHERE " + sql)
        XCTAssertTrue(plan.contains("VIRTUAL TABLE"), plan)
        XCTAssertTrue(plan.contains("SEARCH mention USING INTEGER PRIMARY KEY"), plan)
        XCTAssertFalse(plan.contains("SCAN mention"), plan)
    }

    /// While the search index has not taken in every row (a large import's index follows in
    /// the background), a history says it may be short.
    func testAHistoryIsIncompleteWhileTheSearchIndexCatchesUp() throws {
        try fill()
        let alice = [(Platform.mastodon, "alice@example.social")]
        XCTAssertTrue(try store.authorHistory(alice, now: now).complete)
        let newest = try store.writer.read { try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM mention") } ?? 0
        try store.writer.write { try $0.execute(sql: "UPDATE counter SET value = ? WHERE name = 'indexed'", arguments: [newest - 1]) }
        XCTAssertFalse(try store.authorHistory(alice, now: now).complete)
        try store.writer.write { try $0.execute(sql: "UPDATE counter SET value = ? WHERE name = 'indexed'", arguments: [newest]) }
        XCTAssertTrue(try store.authorHistory(alice, now: now).complete)
    }
}
