import Foundation
import HeedCore
@testable import HeedStore
import XCTest

/// Queries on a large SQLite store: a bulk import searchable and counted, searches matching
/// most of the store read densely ("30,000+" at once, the exact count after).
final class QueryStoreTests: SQLiteStoreCase {
    func testBulkImportsAreSearchableAndCounted() throws {
        try fill()
        var many: [Mention] = []
        for index in 0..<40_000 {
            let platform: Platform = index % 2 == 0 ? .reddit : .github
            let text = index % 1_000 == 0 ? "needle number \(index)" : "hay \(index)"
            let created = now.addingTimeInterval(-Double(index))
            many.append(Mention(platform: platform, id: "b\(index)", author: Author(handle: "bulk\(index % 50)"), text: text, createdAt: created))
        }
        XCTAssertEqual(try put(many).imported, 40_000)
        XCTAssertEqual(try store.unindexedCount(), 0)
        XCTAssertEqual(try count("needle"), 40)
        XCTAssertEqual(try count("platform:reddit"), 20_000)
        XCTAssertEqual(try count("platform:github needle"), 0)
        XCTAssertEqual(try store.summary().waiting, 40_007)
        let counts = Dictionary(uniqueKeysWithValues: try store.platformCounts().map { ($0.platform, $0.waiting) })
        XCTAssertEqual(counts[.reddit], 20_000)
        // "hay" matches most of the store: "30,000+" at once, the exact count after, pages in rank order.
        let hay = try QueryParser.parse("hay")
        let estimate = try store.summary(hay, now: now)
        XCTAssertFalse(estimate.exact)
        XCTAssertEqual(estimate.waiting, 30_000)
        XCTAssertEqual(try store.exactCount(hay, now: now), 39_960)
        let first = try store.page(hay, .first(100), now: now)
        XCTAssertEqual(first.map(\.key), first.map(\.key).sorted())
        XCTAssertEqual(first.first?.mention.id, "b39999")
        let next = try store.page(hay, .after(first[99].key, 100), now: now)
        XCTAssertTrue(next.allSatisfy { $0.key > first[99].key && $0.mention.text.hasPrefix("hay") })
        XCTAssertEqual(try store.rank(of: next[0].key, in: hay, now: now), 100)
        XCTAssertEqual(counts[.mastodon], 3)
        // A facet query past the limit: "30,000+" at once, counted exactly after.
        let notMastodon = try QueryParser.parse("-platform:mastodon")
        XCTAssertEqual(try store.summary(notMastodon, now: now), QueueSummary(waiting: 30_000, oldest: now.addingTimeInterval(-20 * 3_600), exact: false))
        XCTAssertEqual(try store.exactCount(notMastodon, now: now), 40_004)
    }
}
