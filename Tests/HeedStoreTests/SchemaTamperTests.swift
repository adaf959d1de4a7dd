import Foundation
import GRDB
import HeedCore
@testable import HeedStore
import TestSupport
import XCTest

/// A store whose schema was changed by hand: every index and trigger heed made, dropped or
/// changed, is made again when the store opens (and the waiting counters counted again); a
/// dropped or changed table, or a trigger heed did not make, is refused and the file left as
/// it was.
final class SchemaTamperTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_763_800_000)

    /// A store of three waiting items on two platforms, one acknowledged, closed again.
    func makeStore() throws -> String {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("heed.sqlite").path
        let store = try Store(path: path)
        _ = try store.importing(now: now) { sink in
            for (index, platform) in [Platform.mastodon, .mastodon, .bluesky, .x].enumerated() {
                try sink.put(Mention(platform: platform, id: "\(index)", author: Author(handle: "a\(index)"), text: "hello \(index)",
                                     createdAt: now.addingTimeInterval(Double(-index) * 3600)))
            }
        }
        try store.acknowledge([Ref(platform: .x, id: "3")], at: now)
        return path
    }

    /// Changes the file's schema by hand, as `sqlite3 heed.sqlite "…"` would.
    func byHand(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }

    /// Opens the store, lists its queue and checks its counters against its rows.
    func assertOpensWithExactCounters(_ path: String, waiting: Int, onMastodon: Int = 2, file: StaticString = #filePath, line: UInt = #line) throws -> Store {
        let store = try Store(path: path)
        XCTAssertEqual(try store.summary().waiting, waiting, "the maintained count", file: file, line: line)
        XCTAssertEqual(try store.list(all: false, limit: nil).count, waiting, "the rows", file: file, line: line)
        XCTAssertEqual(try store.platformCounts().first { $0.platform == .mastodon }?.waiting, onMastodon, file: file, line: line)
        XCTAssertEqual(try store.summary(QueryParser.parse("hello"), now: now).waiting, waiting, "search still finds them", file: file, line: line)
        return store
    }

    func testAnUntouchedStoreNeedsNoRepair() throws {
        let path = try makeStore()
        XCTAssertEqual(try Store(path: path).repairs, [])
        XCTAssertEqual(try Store(path: path).repairs, [], "nor the second time")
    }

    func testEveryIndexAndTriggerDroppedIsMadeAgain() throws {
        let made = SchemaCheck.expected.values.filter { $0.type != "table" && $0.sql != nil }.sorted { $0.name < $1.name }
        XCTAssertGreaterThan(made.count, 5, "the migrations make indexes and triggers")
        for object in made {
            let path = try makeStore()
            try byHand(path, "DROP \(object.type.uppercased()) \(object.name)")
            let store = try assertOpensWithExactCounters(path, waiting: 3)
            XCTAssertEqual(store.repairs.count, 1, object.name)
            XCTAssertTrue(store.repairs.first?.contains("its \(object.type) \(object.name) was missing: heed made it again") ?? false, "\(store.repairs)")
            XCTAssertEqual(try Store(path: path).repairs, [], "\(object.name) mended for good")
        }
    }

    func testCountersAreCountedAgainAfterATriggerIsMadeAgain() throws {
        let path = try makeStore()
        // Without its trigger, a state changed by hand leaves the counter behind.
        try byHand(path, "DROP TRIGGER mention_waiting_update; UPDATE mention SET state = 'acknowledged' WHERE native_id = '0'")
        let store = try assertOpensWithExactCounters(path, waiting: 2, onMastodon: 1)
        XCTAssertTrue(store.repairs.first?.contains("counted the waiting items again") ?? false, "\(store.repairs)")
    }

    func testATriggerChangedByHandIsMadeAgain() throws {
        let path = try makeStore()
        try byHand(path, """
            DROP TRIGGER mention_waiting_delete;
            CREATE TRIGGER mention_waiting_delete AFTER DELETE ON mention BEGIN SELECT 1; END;
            """)
        let store = try assertOpensWithExactCounters(path, waiting: 3)
        XCTAssertEqual(store.repairs.count, 1)
        XCTAssertTrue(store.repairs.first?.contains("its trigger mention_waiting_delete had been changed") ?? false, "\(store.repairs)")
    }

    func testAnIndexOfTheUsersOwnIsLeftAlone() throws {
        let path = try makeStore()
        try byHand(path, "CREATE INDEX my_own ON mention (author_handle)")
        XCTAssertEqual(try Store(path: path).repairs, [])
    }

    func testChangedTablesAndForeignTriggersAreRefusedAndLeftAsTheyWere() throws {
        let cases = [
            ("ALTER TABLE mention DROP COLUMN url", "its table mention is not as heed made it"),
            ("ALTER TABLE mention ADD COLUMN mine TEXT", "its table mention is not as heed made it"),
            ("DROP TABLE journal_entry", "its table journal_entry is missing"),
            ("CREATE TRIGGER mine AFTER UPDATE ON mention BEGIN SELECT 1; END", "it has a trigger heed did not make (mine)"),
        ]
        XCTAssertNotNil(SchemaCheck.expected["journal_entry"], "the journal's table exists by that name")
        for (sql, reason) in cases {
            let path = try makeStore()
            try byHand(path, sql)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try Store(path: path), sql) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains("was changed by hand: \(reason)"), text)
                XCTAssertTrue(text.contains("restore it from a backup"), text)
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "\(sql): the file is left as it was")
        }
    }
}
