import Foundation
import HeedCore
@testable import HeedPostgres
import HeedStorage
import NIOCore
import TestSupport
import XCTest

/// A backlog into an empty team store is loaded in bulk (its secondary indexes built again
/// once, at the end); a store that holds items, or a table a teammate holds, never is. What the
/// items are afterwards is the conformance suite's (a backlog is stored as if one by one).
final class BulkImportTests: PostgresStoreCase {
    func testABacklogIntoAnEmptyStoreBuildsItsIndexesAgainAsTheyWere() throws {
        let before = try indexes()
        XCTAssertEqual(try backlog(12_000).imported, 12_000)
        let after = try indexes()
        XCTAssertEqual(after.definitions, before.definitions, "the same indexes, as they were defined")
        XCTAssertNotEqual(after.secondary, before.secondary, "the secondary indexes were built again")
        XCTAssertEqual(after.keys, before.keys, "the key and the ref were kept up")
        XCTAssertEqual(try store.summary().waiting, 12_000)
        XCTAssertEqual(try counter("waiting"), 12_000)
    }

    func testAStoreThatHoldsItemsIsNeverTakenForAnImport() throws {
        try fill()
        let before = try indexes()
        XCTAssertEqual(try backlog(12_000).imported, 12_000)
        XCTAssertEqual(try indexes(), before)
        XCTAssertEqual(try store.summary().waiting, 12_007)
    }

    func testAnImportThatGrowsTheStoreTakesItsStatistics() throws {
        // Given a store of seven items, searched (so its connections hold plans made for seven).
        try fill()
        XCTAssertEqual(try ids("meetup"), ["1", "2"])
        // When a backlog twice its size and more arrives the everyday way, Then the server
        // knows the table's size at once (plans are made again), not a minute later.
        XCTAssertEqual(try backlog(12_000).imported, 12_000)
        XCTAssertGreaterThanOrEqual(try team.links.with { try $0.rows("SELECT reltuples FROM pg_class WHERE oid = 'mention'::regclass").first?.decode(Float.self) } ?? 0, 12_000)
    }

    func testAnImportOfOneBatchIsNeverABulkLoad() throws {
        let before = try indexes()
        XCTAssertEqual(try backlog(PostgresSink.batchSize - 1).imported, PostgresSink.batchSize - 1)
        XCTAssertEqual(try indexes(), before)
    }

    func testAFailedBulkLoadLeavesTheIndexesAsTheyWere() throws {
        struct Boom: Error {}
        let before = try indexes()
        XCTAssertThrowsError(try store.importing(now: now) { sink in
            for id in 0..<12_000 { try sink.put(self.mention(String(id), minutesAgo: Double(id))) }
            throw Boom()
        })
        XCTAssertEqual(try indexes(), before)
        XCTAssertEqual(try store.summary().waiting, 0)
    }

    func testATableATeammateHoldsIsNotWaitedForLong() throws {
        // Given a teammate's transaction that has read the table and not ended.
        let teammate = try Link.open(team.location, password: nil)
        defer { teammate.close() }
        try teammate.execute("BEGIN")
        try teammate.rows("SELECT count(*) FROM mention")
        let before = try indexes()
        // When a backlog is imported, Then it goes the everyday way beside the teammate.
        XCTAssertEqual(try backlog(12_000).imported, 12_000)
        XCTAssertEqual(try indexes(), before)
        try teammate.execute("ROLLBACK")
        XCTAssertEqual(try store.summary().waiting, 12_000)
    }

    func testRowsMadeForTheTableAreMadeOverForIncomingExactly() throws {
        var odd = mention("1", minutesAgo: 1, text: "tab\there, line\nbreak, back\\slash, \r and \u{0}nul")
        odd.author = Author(handle: "a\tb", name: nil, url: "https://example.com/\\")
        odd.tags = ["x\ty", "q\"uote"]
        odd.state = .snoozed(until: now)
        let mentions = [odd, mention("2", minutesAgo: 2), mention("3", minutesAgo: 3, text: "")]
        let forTable = MovingBatch(mentions: mentions, importedAt: 1_234, indexed: 0, bulk: true, lastRowNeeded: false)
        let forIncoming = MovingBatch(mentions: mentions, importedAt: 1_234, indexed: 0, bulk: false, lastRowNeeded: false)
        XCTAssertEqual(String(buffer: MovingBatch.numbered(forTable.rows)), String(buffer: forIncoming.rows))
    }

    // MARK: - Helpers

    /// The table's indexes: every definition, and the identities of the key and ref and of the others.
    struct Indexes: Equatable {
        var definitions: [String] = []
        var keys: [Int64] = []
        var secondary: [Int64] = []
    }

    func indexes() throws -> Indexes {
        try team.links.with { link in
            var found = Indexes()
            for row in try link.rows("""
                SELECT pg_get_indexdef(indexrelid), indexrelid::bigint, indisprimary OR indisunique FROM pg_index
                WHERE indrelid = 'mention'::regclass ORDER BY indexrelid::regclass::text
                """) {
                let (definition, id, key) = try row.decode((String, Int64, Bool).self)
                found.definitions.append(definition)
                if key { found.keys.append(id) } else { found.secondary.append(id) }
            }
            return found
        }
    }

    func counter(_ name: String) throws -> Int {
        try team.links.with { try $0.rows("SELECT value FROM counter WHERE name = $1", [.text(name)]).first?.decode(Int.self) ?? -1 }
    }

    @discardableResult
    func backlog(_ count: Int) throws -> ImportCounts {
        try store.importing(now: now) { sink in
            for id in 0..<count { try sink.put(self.mention("n\(id)", minutesAgo: Double(count - id))) }
        }
    }
}
