import Foundation
import HeedCore
import HeedStorage
import XCTest

/// Imports: counts of new, changed, unchanged, skipped and rejected records, states given by
/// the file, duplicates, replies made elsewhere before or after their item, and rollback.
extension StoreConformanceCase {
    func checkImportCountsNewChangedAndUnchanged() throws {
        XCTAssertEqual(try put([mention("1", minutesAgo: 10), mention("2", minutesAgo: 5)]).imported, 2)
        let again = try put([mention("1", minutesAgo: 10), mention("2", minutesAgo: 5, text: "edited"), mention("3", minutesAgo: 1)])
        XCTAssertEqual([again.imported, again.updated, again.unchanged], [1, 1, 1])
        XCTAssertEqual(try store.item(ref(.mastodon, "2"))?.mention.text, "edited")
    }

    func checkReimportNeverResetsState() throws {
        _ = try put([mention("1", minutesAgo: 10)])
        try store.acknowledge([ref(.mastodon, "1")], at: now)
        _ = try put([mention("1", minutesAgo: 10, text: "changed")])
        let item = try XCTUnwrap(store.item(ref(.mastodon, "1")))
        XCTAssertEqual(item.mention.state, .acknowledged(at: now))
        XCTAssertEqual(item.mention.text, "changed")
        XCTAssertEqual(try store.summary().waiting, 0)
    }

    func checkSameIdOnTwoPlatformsIsTwoItems() throws {
        XCTAssertEqual(try put([mention("1", minutesAgo: 3), mention("1", minutesAgo: 2, platform: .x)]).imported, 2)
    }

    func checkImportedStateIsHonouredForNewItemsOnly() throws {
        var acked = mention("1", minutesAgo: 10)
        acked.state = .acknowledged(at: now.addingTimeInterval(-60))
        _ = try put([acked])
        XCTAssertEqual(try store.summary().waiting, 0)
        _ = try put([mention("1", minutesAgo: 10)])
        XCTAssertEqual(try store.item(acked.ref)?.mention.state, .acknowledged(at: now.addingTimeInterval(-60)))
    }

    func checkFailedImportLeavesNothing() throws {
        struct Boom: Error {}
        XCTAssertThrowsError(try store.importing(now: now) { sink in
            try sink.put(self.mention("1", minutesAgo: 1))
            throw Boom()
        })
        XCTAssertEqual(try store.summary().waiting, 0)
        XCTAssertNil(try store.item(ref(.mastodon, "1")))
        XCTAssertThrowsError(try store.importing(now: now) { sink in
            try sink.put(self.mention("2", minutesAgo: 1))
            sink.reject()
            throw ImportRolledBack(counts: sink.counts)
        }) { error in
            XCTAssertEqual((error as? ImportRolledBack)?.counts.rejected, 1, "the body's own error comes out")
        }
        XCTAssertNil(try store.item(ref(.mastodon, "2")))
    }

    func checkCountsInsideOneImport() throws {
        _ = try store.importing(now: now) { sink in
            for id in 0..<700 { try sink.put(self.mention(String(id), minutesAgo: Double(id))) }
            try sink.put(self.mention("1", minutesAgo: 1))
            try sink.put(self.mention("2", minutesAgo: 2, text: "changed"))
            sink.skip()
            sink.reject()
            let counts = sink.counts
            XCTAssertEqual([counts.imported, counts.updated, counts.unchanged, counts.skipped, counts.rejected], [700, 1, 1, 1, 1])
            try sink.put(self.mention("700", minutesAgo: 700))
            XCTAssertEqual(sink.counts.imported, 701)
        }
        XCTAssertEqual(try store.item(ref(.mastodon, "2"))?.mention.text, "changed")
        XCTAssertEqual(try store.summary().waiting, 701)
    }

    func checkABacklogIsStoredAsOneByOne() throws {
        // Given a backlog of 25,000 items (enough for a store's bulk load), in which an item
        // comes back 12,000 items later changed and another unchanged, and a reply made
        // elsewhere answers an item before it arrives.
        let at = now.addingTimeInterval(-60)
        let counts = try store.importing(now: now) { sink in
            for id in 0..<25_000 {
                if id == 12_000 {
                    try sink.put(self.mention("100", minutesAgo: 100_000 - 100, text: "changed when met again"))
                    try sink.put(self.mention("101", minutesAgo: 100_000 - 101))
                }
                if id == 6_000 { try sink.answered(self.ref(.mastodon, "24000"), at: at) }
                try sink.put(self.mention(String(id), minutesAgo: 100_000 - Double(id)))
            }
        }
        // Then each is stored once, with what came last, and counted as if stored one by one.
        XCTAssertEqual([counts.imported, counts.updated, counts.unchanged], [25_000, 1, 1])
        XCTAssertEqual(try store.item(ref(.mastodon, "100"))?.mention.text, "changed when met again")
        XCTAssertEqual(try store.item(ref(.mastodon, "100"))?.mention.state, .waiting)
        XCTAssertEqual(try store.item(ref(.mastodon, "24000"))?.mention.state, .replied(draft: "", at: at))
        XCTAssertEqual(try store.summary().waiting, 24_999)
        XCTAssertEqual(try waiting().prefix(3), ["0", "1", "2"])
        XCTAssertEqual(try ids("\"changed when met\""), ["100"])
        XCTAssertEqual(try count("from:user24999"), 1)
    }

    func checkAFailedBacklogLeavesTheStoreAsItWas() throws {
        struct Boom: Error {}
        try fill()
        XCTAssertThrowsError(try store.importing(now: now) { sink in
            for id in 0..<25_000 { try sink.put(self.mention("b\(id)", minutesAgo: Double(id))) }
            throw Boom()
        })
        XCTAssertEqual(try store.summary().waiting, 7)
        XCTAssertNil(try store.item(ref(.mastodon, "b1")))
        XCTAssertEqual(try ids("meetup"), ["1", "2"])
        // And the next backlog goes in whole.
        XCTAssertEqual(try store.importing(now: now) { sink in
            for id in 0..<25_000 { try sink.put(self.mention("b\(id)", minutesAgo: Double(id))) }
        }.imported, 25_000)
        XCTAssertEqual(try store.summary().waiting, 25_007)
    }

    func checkRepliesMadeElsewhere() throws {
        // Given a waiting item "1" and an acknowledged "2".
        _ = try put([mention("1", minutesAgo: 30), mention("2", minutesAgo: 20)])
        try store.acknowledge([ref(.mastodon, "2")], at: now)
        let at = now.addingTimeInterval(-60)
        // When replies made elsewhere answer them, "3" later in the same import and "4" in the next.
        let counts = try store.importing(now: now) { sink in
            try sink.answered(self.ref(.mastodon, "1"), at: at)
            try sink.answered(self.ref(.mastodon, "2"), at: at)
            try sink.answered(self.ref(.mastodon, "3"), at: at)
            try sink.answered(self.ref(.mastodon, "4"), at: at)
            try sink.put(self.mention("3", minutesAgo: 10))
        }
        XCTAssertEqual([counts.imported, counts.updated], [1, 1])
        _ = try put([mention("4", minutesAgo: 5), mention("5", minutesAgo: 4)])
        // Then each answered item is replied elsewhere (no draft); an answered one stays as it was.
        XCTAssertEqual(try store.item(ref(.mastodon, "1"))?.mention.state, .replied(draft: "", at: at))
        XCTAssertEqual(try store.item(ref(.mastodon, "2"))?.mention.state, .acknowledged(at: now))
        XCTAssertEqual(try store.item(ref(.mastodon, "3"))?.mention.state, .replied(draft: "", at: at))
        XCTAssertEqual(try store.item(ref(.mastodon, "4"))?.mention.state, .replied(draft: "", at: at))
        XCTAssertEqual(try waiting(), ["5"])
        XCTAssertEqual(try store.summary().waiting, 1)
    }

    func checkNewActivityInTheThreadWakesASnoozeEarly() throws {
        try fill()
        try store.snooze(.refs([ref(.mastodon, "1"), ref(.youtube, "6")]), until: now.addingTimeInterval(86_400), at: now)
        let reply = Mention(platform: .mastodon, id: "8", kind: .reply, author: Author(handle: "dave@example.social"), text: "me too",
                            createdAt: now, conversation: "c1")
        _ = try store.importing(now: now) { try $0.put(reply) }
        XCTAssertEqual(try store.item(ref(.mastodon, "1"))?.mention.state, .waiting)
        XCTAssertEqual(try store.item(ref(.youtube, "6"))?.mention.state, .snoozed(until: now.addingTimeInterval(86_400)), "another conversation sleeps on")
    }
}
