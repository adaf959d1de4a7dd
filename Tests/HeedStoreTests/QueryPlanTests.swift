import Foundation
import GRDB
import HeedCore
@testable import HeedStore
import XCTest

/// The statements the store runs use the indexes they were written for: each test explains
/// the very statement the store builds.
final class QueryPlanTests: SQLiteStoreCase {
    func testRankQueryUsesTheIndex() throws {
        let page = Store.pageStatement(QuerySQL(.queue, now: now, targets: nil), .after(RankKey(createdAt: 0, row: 0), 50))
        let plan = try sqlite.explain(page.statement)
        XCTAssertTrue(plan.contains("mention_rank"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }

    func testThreadCountsLookEachConversationUpByIndex() throws {
        let plan = try sqlite.explain(Store.threadCounts([Store.ThreadKey(platform: "x", conversation: "c1"), Store.ThreadKey(platform: "mastodon", conversation: "c2")]))
        XCTAssertTrue(plan.contains("SEARCH m USING INDEX mention_thread (platform=? AND conversation=?)"), plan)
        XCTAssertFalse(plan.contains("SCAN mention"), plan)
    }

    func testAuthorsAreFoundThroughTheSearchIndex() throws {
        try fillAuthors()
        let account = try XCTUnwrap(Store.AuthorRows(platform: .x, handle: "alice"))
        for statement in [account.times, account.newest(50), account.lastAnswered] {
            let plan = try sqlite.explain(statement)
            XCTAssertTrue(plan.contains("VIRTUAL TABLE"), plan)
            XCTAssertTrue(plan.contains("SEARCH mention USING INTEGER PRIMARY KEY"), plan)
            XCTAssertFalse(plan.contains("SCAN mention"), plan)
        }
    }

    func testTheQueueByAgeWalksTheRankIndexNotTheTable() throws {
        let plan = try sqlite.explain(Store.waitingAgesStatement(now: now))
        XCTAssertTrue(plan.contains("USING INDEX mention_rank"), plan)
    }
}
