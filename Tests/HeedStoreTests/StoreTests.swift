import Foundation
import HeedCore
import HeedStore
import XCTest

/// Each test gets a fresh store in its own temporary folder.
final class StoreTests: XCTestCase {
    var folder: URL!
    var store: Store!
    let now = Date(timeIntervalSince1970: 1_763_800_000)

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-store-\(UUID().uuidString)")
        store = try Store(path: folder.appendingPathComponent("data/heed.sqlite").path)
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: folder)
    }

    func mention(_ id: String, minutesAgo: Double, text: String = "hi", platform: Platform = .mastodon) -> Mention {
        Mention(platform: platform, id: id, author: Author(handle: "user\(id)"), text: text, createdAt: now.addingTimeInterval(-minutesAgo * 60))
    }

    func put(_ mentions: [Mention]) throws -> ImportCounts {
        try store.importing(now: now) { sink in for m in mentions { try sink.put(m) } }
    }

    func testStoreFileAndFolderAreOwnerOnly() throws {
        let file = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("data/heed.sqlite").path)
        let dir = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("data").path)
        XCTAssertEqual((file[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual((dir[.posixPermissions] as? NSNumber)?.intValue, 0o700)
    }

    func testImportCountsNewChangedAndUnchanged() throws {
        XCTAssertEqual(try put([mention("1", minutesAgo: 10), mention("2", minutesAgo: 5)]).imported, 2)
        let again = try put([mention("1", minutesAgo: 10), mention("2", minutesAgo: 5, text: "edited"), mention("3", minutesAgo: 1)])
        XCTAssertEqual([again.imported, again.updated, again.unchanged], [1, 1, 1])
        XCTAssertEqual(try store.item(Ref(platform: .mastodon, id: "2"))?.mention.text, "edited")
    }

    func testReimportNeverResetsState() throws {
        _ = try put([mention("1", minutesAgo: 10)])
        try store.acknowledge([Ref(platform: .mastodon, id: "1")], at: now)
        _ = try put([mention("1", minutesAgo: 10, text: "changed")])
        let item = try XCTUnwrap(store.item(Ref(platform: .mastodon, id: "1")))
        XCTAssertEqual(item.mention.state, .acknowledged(at: now))
        XCTAssertEqual(item.mention.text, "changed")
        XCTAssertEqual(try store.summary().waiting, 0)
    }

    func testSameIdOnTwoPlatformsIsTwoItems() throws {
        XCTAssertEqual(try put([mention("1", minutesAgo: 3), mention("1", minutesAgo: 2, platform: .x)]).imported, 2)
    }

    func testRankIsLongestWaitFirstAndPagesByKey() throws {
        _ = try put((0..<250).map { mention(String($0), minutesAgo: Double(1_000 - $0)) })
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

    func testSummaryIsMaintainedThroughEveryChange() throws {
        _ = try put([mention("1", minutesAgo: 60), mention("2", minutesAgo: 30), mention("3", minutesAgo: 10)])
        XCTAssertEqual(try store.summary(), QueueSummary(waiting: 3, oldest: now.addingTimeInterval(-3_600)))
        try store.acknowledge([Ref(platform: .mastodon, id: "1")], at: now)
        XCTAssertEqual(try store.summary(), QueueSummary(waiting: 2, oldest: now.addingTimeInterval(-1_800)))
        try store.markReplied(Ref(platform: .mastodon, id: "2"), draft: "d1", at: now)
        XCTAssertEqual(try store.summary().waiting, 1)
        _ = try store.undoLast()
        XCTAssertEqual(try store.summary().waiting, 2)
    }

    func testAcknowledgeTwiceGivesOneResult() throws {
        _ = try put([mention("1", minutesAgo: 10)])
        let ref = Ref(platform: .mastodon, id: "1")
        XCTAssertEqual(try store.acknowledge([ref], at: now).changed, [ref])
        let second = try store.acknowledge([ref], at: now)
        XCTAssertEqual(second.changed, [])
        XCTAssertEqual(second.alreadyAnswered, [ref])
        XCTAssertEqual(try store.acknowledge([Ref(platform: .x, id: "9")], at: now).unknown, [Ref(platform: .x, id: "9")])
    }

    func testUndoRestoresInReverseOrderAndSurvivesReopening() throws {
        _ = try put([mention("1", minutesAgo: 10), mention("2", minutesAgo: 5)])
        try store.acknowledge([Ref(platform: .mastodon, id: "1")], at: now)
        try store.markReplied(Ref(platform: .mastodon, id: "2"), draft: "d7", at: now)
        let path = folder.appendingPathComponent("data/heed.sqlite").path
        store = nil
        store = try Store(path: path)
        let reply = try XCTUnwrap(store.undoLast())
        XCTAssertEqual([reply.kind], [.reply])
        XCTAssertEqual(reply.refs, [Ref(platform: .mastodon, id: "2")])
        XCTAssertEqual(reply.drafts, ["d7"])
        XCTAssertEqual(reply.keys, [try XCTUnwrap(store.item(Ref(platform: .mastodon, id: "2"))).key])
        let acknowledge = try XCTUnwrap(store.undoLast())
        XCTAssertEqual([acknowledge.kind], [.acknowledge])
        XCTAssertEqual(acknowledge.refs, [Ref(platform: .mastodon, id: "1")])
        XCTAssertNil(try store.undoLast())
        XCTAssertEqual(try store.summary().waiting, 2)
    }

    func testAcknowledgeOlderThan() throws {
        _ = try put([mention("1", minutesAgo: 60 * 24 * 40), mention("2", minutesAgo: 60 * 24 * 31), mention("3", minutesAgo: 60)])
        XCTAssertEqual(try store.acknowledge(createdBefore: now.addingTimeInterval(-30 * 86_400), at: now), 2)
        XCTAssertEqual(try store.list(all: false, limit: nil).map(\.mention.id), ["3"])
    }

    func testImportedStateIsHonouredForNewItemsOnly() throws {
        var acked = mention("1", minutesAgo: 10)
        acked.state = .acknowledged(at: now.addingTimeInterval(-60))
        _ = try put([acked])
        XCTAssertEqual(try store.summary().waiting, 0)
        _ = try put([mention("1", minutesAgo: 10)])
        XCTAssertEqual(try store.item(acked.ref)?.mention.state, .acknowledged(at: now.addingTimeInterval(-60)))
    }

    func testFailedImportLeavesNothing() throws {
        struct Boom: Error {}
        XCTAssertThrowsError(try store.importing(now: now) { sink in
            try sink.put(self.mention("1", minutesAgo: 1))
            throw Boom()
        })
        XCTAssertEqual(try store.summary().waiting, 0)
        XCTAssertNil(try store.item(Ref(platform: .mastodon, id: "1")))
    }

    func testRankQueryUsesTheIndex() throws {
        let plan = try store.explain("SELECT * FROM mention WHERE state = 'waiting' AND (created_at, id) > (0, 0) ORDER BY created_at, id LIMIT 50")
        XCTAssertTrue(plan.contains("mention_rank"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }
}
