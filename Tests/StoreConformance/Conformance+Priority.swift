import Foundation
import HeedCore
import HeedStorage
import XCTest

/// `rank = "priority"`: points first, then wait, paged by key forwards and backwards at any
/// page size, located and counted; ranked by wait, points change nothing.
extension StoreConformanceCase {
    func checkRankByPriorityPagesByKey() throws {
        // Given twelve items, oldest first, with points.
        let points = [0, 5, 0, -2, 5, 1, 0, -2, 3, 0, 1, 5]
        _ = try put(points.enumerated().map { index, points in
            var item = mention("i\(index)", minutesAgo: Double(100 - index), text: index % 2 == 0 ? "even meetup" : "odd")
            item.priority = points
            return item
        })
        XCTAssertEqual(try waiting(), points.indices.map { "i\($0)" }, "ranked by wait, points change nothing")
        store.configure(targets: nil, rank: .priority)
        let expected = points.indices.sorted { (-points[$0], $0) < (-points[$1], $1) }.map { "i\($0)" }
        XCTAssertEqual(expected, ["i1", "i4", "i11", "i8", "i5", "i10", "i0", "i2", "i6", "i9", "i3", "i7"])
        for size in [1, 2, 3, 5, 12] {
            // Forwards from the first page, and backwards from the last.
            var forwards: [QueueItem] = try store.page(.queue, .first(size), now: now)
            while let last = forwards.last, forwards.count < 12 {
                let page = try store.page(.queue, .after(last.key, size), now: now)
                guard !page.isEmpty else { break }
                forwards += page
            }
            XCTAssertEqual(forwards.map(\.mention.id), expected, "forwards by \(size)")
            var backwards: [QueueItem] = try store.page(.queue, .last(size), now: now)
            while let first = backwards.first, backwards.count < 12 {
                let page = try store.page(.queue, .before(first.key, size), now: now)
                guard !page.isEmpty else { break }
                backwards = page + backwards
            }
            XCTAssertEqual(backwards.map(\.mention.id), expected, "backwards by \(size)")
        }
        for (index, id) in expected.enumerated() {
            let item = try XCTUnwrap(store.item(ref(.mastodon, id)))
            XCTAssertEqual(try store.rank(of: item.key, in: .queue, now: now), index, id)
            XCTAssertTrue(try store.contains(item.key, in: .queue, now: now))
        }
        XCTAssertEqual(try store.list(all: false, limit: nil).map(\.mention.id), expected, "listed as ranked")
        XCTAssertEqual(try ids("meetup"), expected.filter { Int($0.dropFirst())! % 2 == 0 }, "a search is ranked the same")
        XCTAssertEqual(try ids("platform:mastodon age>91m"), ["i1", "i4", "i8", "i5", "i0", "i2", "i6", "i3", "i7"])
        // When the first item is acknowledged and undone, Then it comes back first.
        try store.acknowledge([ref(.mastodon, "i1")], at: now)
        XCTAssertEqual(try waiting().first, "i4")
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.keys.first?.priority, 5)
        XCTAssertEqual(try waiting(), expected)
    }
}
