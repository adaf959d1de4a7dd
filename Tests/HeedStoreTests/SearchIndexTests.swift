import Foundation
import GRDB
import HeedCore
@testable import HeedStore
import TestSupport
import XCTest

/// What the full-text index holds for runs without spaces (pairs of characters, the last one
/// alone), what a search asks of it, a store indexed the older way made again, and what an
/// index still catching up means for an author's history.
final class SearchIndexTests: SQLiteStoreCase {
    func testRunsAreFoldedIntoPairs() {
        XCTAssertEqual(SearchText.fold("東京都").split(separator: " "), ["東京", "京都", "都"])
        XCTAssertEqual(SearchText.fold("東").split(separator: " "), ["東"])
        XCTAssertEqual(SearchText.fold("hi 東京, 😍 café").split(separator: " "), ["hi", "東京", "京", ",", "😍", "café"])
        XCTAssertEqual(SearchText.fold("plain ASCII stays as it is"), "plain ASCII stays as it is")
        XCTAssertEqual(SearchText.fold("東京都", query: true).text.split(separator: " "), ["東京", "京都"], "the text searched may go on")
        XCTAssertEqual(SearchText.phrase("ありがとう", prefix: true), "\"あり りが がと とう\"")
        XCTAssertEqual(SearchText.phrase("京", prefix: false), "\"京\"*", "one character: the pairs it starts, the runs it ends")
        XCTAssertEqual(SearchText.phrase("京 meetup", prefix: false), "\"京 meetup\"")
        XCTAssertEqual(SearchText.phrase("meetup 京", prefix: false), "\"meetup 京\"*")
    }

    /// A store whose index was built one character at a time (schema v3) is indexed again
    /// from the start when it is opened; searches find everything once it has caught up.
    func testAnOlderIndexIsMadeAgain() throws {
        let now = Date(timeIntervalSince1970: 1_795_251_600)
        var store: Store? = try makeSQLiteStore()
        let path = try XCTUnwrap(store?.path)
        _ = try store?.importing(now: now) { sink in
            try sink.put(Mention(platform: .x, id: "1", author: Author(handle: "kenji_t"), text: "東京のイベント", createdAt: now))
        }
        XCTAssertEqual(try store?.unindexedCount(), 0)
        // Back to v3 as it was: the same table, filled one character at a time.
        try store?.writer.write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v4%'")
            try db.execute(sql: "INSERT INTO search (search) VALUES ('delete-all')")
            try db.execute(sql: "INSERT INTO search (rowid, who, body) VALUES (1, 'kenji_t', ' 東  京  の  イ  ベ  ン  ト ')")
        }
        store = nil

        let reopened = try Store(path: path)
        XCTAssertEqual(try reopened.unindexedCount(), 1, "the index starts again")
        XCTAssertEqual(try reopened.catchUpSearch(), 1)
        let found = try reopened.page(QueryParser.parse("イベン"), .first(10), now: now).map(\.mention.id)
        XCTAssertEqual(found, ["1"])
        XCTAssertEqual(try reopened.page(QueryParser.parse("京"), .first(10), now: now).map(\.mention.id), ["1"])
    }

    /// While the search index has not taken in every row (a large import's index follows in
    /// the background), a history says it may be short.
    func testAHistoryIsIncompleteWhileTheSearchIndexCatchesUp() throws {
        try fillAuthors()
        let alice = [(Platform.mastodon, "alice@example.social")]
        XCTAssertTrue(try store.authorHistory(alice, now: Self.morning).complete)
        let newest = try sqlite.writer.read { try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM mention") } ?? 0
        try sqlite.writer.write { try $0.execute(sql: "UPDATE counter SET value = ? WHERE name = 'indexed'", arguments: [newest - 1]) }
        XCTAssertFalse(try store.authorHistory(alice, now: Self.morning).complete)
        try sqlite.writer.write { try $0.execute(sql: "UPDATE counter SET value = ? WHERE name = 'indexed'", arguments: [newest]) }
        XCTAssertTrue(try store.authorHistory(alice, now: Self.morning).complete)
    }
}
