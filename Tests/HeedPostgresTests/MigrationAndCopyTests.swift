import Foundation
import HeedCore
@testable import HeedPostgres
import HeedStorage
import HeedStore
import StoreConformance
import TestSupport
import XCTest

/// The team store's own frozen migrations (a newer schema and other people's tables are left
/// untouched), and whole stores copied from SQLite to PostgreSQL and back.
final class MigrationAndCopyTests: PostgresStoreCase {
    func testEveryMigrationIsRecordedOnce() throws {
        let versions = try team.links.with { try $0.rows("SELECT version FROM heed_version ORDER BY version").map { try $0.decode(Int.self) } }
        XCTAssertEqual(versions, Migrations.all.map(\.version))
        // Opened again: nothing applied twice.
        _ = try openAgain(store)
        XCTAssertEqual(try team.links.with { try $0.rows("SELECT count(*) FROM heed_version").first?.decode(Int.self) }, Migrations.all.count)
    }

    func testASchemaFromANewerHeedIsRefusedUntouched() throws {
        try fill()
        try team.links.with { try $0.execute("INSERT INTO heed_version (version, name) VALUES (\(Migrations.newest + 1), 'from the future')") }
        XCTAssertThrowsError(try openAgain(store)) { error in
            XCTAssertTrue("\(error)".contains("set up by a newer heed"), "\(error)")
            XCTAssertTrue("\(error)".contains("upgrade heed"), "\(error)")
        }
        XCTAssertEqual(try team.links.with { try $0.rows("SELECT count(*) FROM heed_version").first?.decode(Int.self) }, Migrations.all.count + 1)
        XCTAssertEqual(try store.summary().waiting, 7)
    }

    func testADatabaseOfSomeoneElsesTablesIsRefusedUntouched() throws {
        let url = try PostgresServer.freshStore()
        let schema = try XCTUnwrap(PostgresLocation(url: url, login: "x").settings["search_path"])
        try PostgresServer.sql(try PostgresServer.url(), "CREATE TABLE \(schema).invoices (id int)")
        XCTAssertThrowsError(try Self.open(url, as: "ana")) { error in
            XCTAssertTrue("\(error)".contains("holds tables that are not heed's (invoices)"), "\(error)")
        }
        XCTAssertEqual(try PostgresServer.sql(try PostgresServer.url(), "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = '\(schema)'"), "invoices")
    }

    func testAStoreGoesFromSQLiteToPostgreSQLAndBackWhole() throws {
        // Given a SQLite store with answers, an assignment and an undone action.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-copy-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let sqlite = try Store(path: folder.appendingPathComponent("a/heed.sqlite").path, person: "ana")
        _ = try sqlite.importing(now: now) { sink in for mention in Self.fixture(now) { try sink.put(mention) } }
        try sqlite.markReplied(ref(.mastodon, "2"), draft: "d1", at: now)
        try sqlite.assign(.refs([ref(.x, "5")]), to: "ben", at: now)
        try sqlite.acknowledge([ref(.x, "3")], at: now)
        _ = try sqlite.undoLast()
        // When it is copied into the team store and from there into a new SQLite file.
        let schema = """
            SELECT string_agg(d, ' | ' ORDER BY d) FROM (
                SELECT conname || ' ' || pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conrelid IN ('journal_entry'::regclass, 'mention'::regclass)
                UNION ALL SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid IN ('journal_entry'::regclass, 'mention'::regclass)) s
            """
        let before = try team.links.with { try $0.rows(schema).first?.decode(String.self) }
        let there = try team.copyIn { sink in try sqlite.copyOut { try sink.put($0) } }
        XCTAssertEqual(try team.links.with { try $0.rows(schema).first?.decode(String.self) }, before, "a bulk load puts back every index and reference")
        let back = try Store(path: folder.appendingPathComponent("b/heed.sqlite").path, person: "ana")
        let again = try back.copyIn { sink in try team.copyOut { try sink.put($0) } }
        XCTAssertEqual([there.items, there.kept, there.actions], [7, 0, 3])
        XCTAssertEqual([again.items, again.kept, again.actions], [7, 0, 3])
        // Then all three hold the same items, states, people and ranks, and undo the same.
        func whole(_ store: any MentionStore) throws -> [String] {
            try store.list(all: true, limit: nil).map { "\($0.key) \($0.mention) \($0.stateBy ?? "-") \($0.assignee ?? "-")" }
        }
        XCTAssertEqual(try whole(team), try whole(sqlite))
        XCTAssertEqual(try whole(back), try whole(sqlite))
        XCTAssertEqual(try team.page(QueryParser.parse("東京"), .first(5), now: now).map(\.mention.id), ["3"])
        let assignment = try XCTUnwrap(sqlite.undoLast())
        XCTAssertEqual(assignment.kind, .assign)
        XCTAssertEqual(try openAgain(store, as: "ana").undoLast(), assignment)
        XCTAssertEqual(try back.undoLast(), assignment)
        XCTAssertNil(try team.undoLast(), "the tester took no action")
    }
}
