import Foundation
import GRDB
import HeedCore
@testable import HeedStore
import XCTest

/// The migrations: all of them on an empty database, the last on a store made by the schema
/// before it; and waiting counters for any platform, none of them named by a migration.
final class SchemaTests: SQLiteStoreCase {
    /// Inserts an item with the bare columns a migration's triggers look at.
    func insert(_ db: Database, _ platform: String, _ id: String, _ state: String) throws {
        try db.execute(sql: "INSERT INTO mention (platform, native_id, kind, text, created_at, state, imported_at) VALUES (?, ?, 'mention', 'hi', 0, ?, 0)",
                       arguments: [platform, id, state])
    }

    /// The waiting counters (total and per platform, zero rows left out) equal the waiting rows.
    func assertCountersExact(_ db: Database, file: StaticString = #filePath, line: UInt = #line) throws {
        let counters = try Row.fetchAll(db, sql: "SELECT name, value FROM counter WHERE name LIKE 'waiting%' AND value <> 0").map { "\($0["name"] as String)=\($0["value"] as Int)" }
        var rows = try Row.fetchAll(db, sql: "SELECT 'waiting:' || platform AS name, COUNT(*) AS value FROM mention WHERE state = 'waiting' GROUP BY platform").map { "\($0["name"] as String)=\($0["value"] as Int)" }
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE state = 'waiting'") ?? 0
        if total > 0 { rows.append("waiting=\(total)") }
        XCTAssertEqual(counters.sorted(), rows.sorted(), file: file, line: line)
    }

    func testEveryMigrationRunsOnAnEmptyDatabase() throws {
        // Given an empty database, When every migration runs, Then all are applied.
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        try queue.write { db in
            XCTAssertEqual(try Schema.migrator.appliedIdentifiers(db), Set(Schema.migrator.migrations))
            // When items of a platform no migration names come, change state and go,
            // Then its counter is made by the first and stays exact.
            try insert(db, "newplatform", "1", "waiting")
            try insert(db, "newplatform", "2", "acknowledged")
            try insert(db, "mastodon", "3", "waiting")
            try assertCountersExact(db)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'waiting:newplatform'"), 1)
            try db.execute(sql: "UPDATE mention SET state = 'waiting' WHERE native_id = '2'")
            try db.execute(sql: "UPDATE mention SET state = 'replied' WHERE native_id = '3'")
            try assertCountersExact(db)
            try db.execute(sql: "DELETE FROM mention WHERE native_id = '1'")
            try insert(db, "anotherplatform", "4", "snoozed")
            try db.execute(sql: "UPDATE mention SET state = 'waiting' WHERE native_id = '4'")
            try assertCountersExact(db)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'waiting'"), 2)
        }
    }

    func testTheCountersMigrationOnAStoreOfTheSchemaBeforeIt() throws {
        // Given a store made by the schema before counters for any platform, holding items of
        // a platform its migrations did not name (so without a counter of its own).
        let path = folder.appendingPathComponent("previous.sqlite").path
        let migrations = Schema.migrator.migrations
        let counters = try XCTUnwrap(migrations.firstIndex(of: "v5 counters for any platform"))
        let previous = migrations[counters - 1]
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: previous)
            try queue.write { db in
                try insert(db, "mastodon", "1", "waiting")
                try insert(db, "mastodon", "2", "waiting")
                try insert(db, "x", "3", "acknowledged")
                try insert(db, "newplatform", "4", "waiting")
                try insert(db, "newplatform", "5", "waiting")
                XCTAssertNil(try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'waiting:newplatform'"))
            }
        }
        // When heed opens it, Then the later migrations run and every counter is exact.
        let opened = try Store(path: path)
        try opened.writer.read { db in
            XCTAssertEqual(try Schema.migrator.appliedIdentifiers(db), Set(Schema.migrator.migrations))
            try assertCountersExact(db)
        }
        XCTAssertEqual(try opened.summary().waiting, 4)
        // And they stay exact through the store's own actions.
        try opened.acknowledge([ref(.mastodon, "1")], at: now)
        XCTAssertEqual(try opened.summary(QueryParser.parse("platform:mastodon"), now: now).waiting, 1)
        XCTAssertEqual(try opened.summary().waiting, 3)
        try opened.writer.read { try assertCountersExact($0) }
    }
}
