import Foundation
import GRDB
import HeedCore
@testable import HeedStore
import XCTest

/// What only the SQLite store promises: owner-only files, and an item of a platform this heed
/// does not know refused by name wherever it is read.
final class StoreTests: SQLiteStoreCase {
    func testStoreFileAndFolderAreOwnerOnly() throws {
        let path = try XCTUnwrap(sqlite.path)
        let file = try FileManager.default.attributesOfItem(atPath: path)
        let dir = try FileManager.default.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)
        XCTAssertEqual((file[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual((dir[.posixPermissions] as? NSNumber)?.intValue, 0o700)
    }

    /// A row a newer heed wrote, of a platform this one does not know, is an error naming the
    /// row and the platform wherever it is read; it is never read as another platform.
    func testAnUnknownPlatformIsAnErrorNamingTheRow() throws {
        // Given the fixture and a row of platform "myspace", waiting, then acknowledged.
        try fill()
        try sqlite.writer.write { db in
            try db.execute(sql: "INSERT INTO mention (platform, native_id, kind, text, created_at, imported_at) VALUES ('myspace', 'm1', 'mention', 'hi', 0, 0)")
        }
        let row = try sqlite.writer.read { try Int64.fetchOne($0, sql: "SELECT id FROM mention WHERE platform = 'myspace'") } ?? 0
        let expected = "the store holds an item of platform 'myspace' (mention row \(row)), which this heed does not know; heed left it as it was: upgrade heed to read it"
        func assertRefused(_ what: String, _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try body(), what, file: file, line: line) { error in
                XCTAssertEqual("\(error)", expected, what, file: file, line: line)
            }
        }
        // Then every read that meets it says so.
        assertRefused("the queue's first page") { _ = try store.page(.first(10)) }
        assertRefused("heed list") { try store.forEach(all: true, limit: nil) { _ in } }
        assertRefused("stats") { _ = try store.stats(since: nil, now: now) }
        assertRefused("a bulk acknowledgement") { try store.acknowledge(.view(.queue), at: now) }
        XCTAssertEqual(try store.summary().waiting, 8, "the refused action changed nothing")
        // The counter of its waiting items too, until none waits.
        XCTAssertThrowsError(try store.platformCounts()) { error in
            XCTAssertEqual("\(error)", "the store holds an item of platform 'myspace' (1 waiting, counter 'waiting:myspace'), which this heed does not know; heed left it as it was: upgrade heed to read it")
        }
        try sqlite.writer.write { try $0.execute(sql: "UPDATE mention SET state = 'acknowledged' WHERE platform = 'myspace'") }
        XCTAssertEqual(try store.platformCounts().first?.waiting, 3)
        XCTAssertEqual(try waiting(), ["1", "2", "3", "4", "5", "6", "7"], "reads it is not part of go on as ever")
        assertRefused("stats, whatever its state") { _ = try store.stats(since: nil, now: now) }
    }
}
