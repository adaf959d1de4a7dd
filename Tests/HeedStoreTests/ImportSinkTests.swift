import Foundation
import GRDB
import HeedCore
@testable import HeedStore
import TestSupport
import XCTest

/// The import's hot path: statements driven through SQLite's C API on a writer thread, and bulk
/// mode (rank index and insert trigger dropped and built again inside the transaction).
final class ImportSinkTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_763_800_000)

    func makeStore(_ name: String = "heed") throws -> Store {
        try makeSQLiteStore(named: name)
    }

    func mention(_ id: Int, text: String = "hi", state: MentionState = .waiting, platform: Platform = .mastodon) -> Mention {
        Mention(platform: platform, id: String(id), kind: id % 3 == 0 ? .reply : .mention, author: Author(handle: "user\(id % 17)", name: id % 2 == 0 ? "N" : nil),
                text: text, createdAt: now.addingTimeInterval(-Double((id * 7_919) % 100_000)), url: id % 5 == 0 ? "https://e.x/\(id)" : nil,
                conversation: id % 4 == 0 ? "c\(id / 4)" : nil, replyTarget: id % 2 == 0 ? ["in_reply_to_id": String(id), "visibility": "public"] : [:],
                state: state)
    }

    /// A mix of states, as exported stores carry them.
    func mixed(_ ids: Range<Int>) -> [Mention] {
        ids.map { id in
            switch id % 5 {
            case 0: mention(id, state: .acknowledged(at: now.addingTimeInterval(-60)))
            case 1: mention(id, state: .replied(draft: id % 2 == 0 ? "d\(id)" : "", at: now.addingTimeInterval(-30)))
            case 2: mention(id, state: .snoozed(until: now.addingTimeInterval(3_600)))
            default: mention(id)
            }
        }
    }

    func counter(_ store: Store) throws -> (counter: Int, waiting: Int) {
        try store.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'waiting'") ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE state = 'waiting'") ?? -1)
        }
    }

    func schema(_ store: Store) throws -> [String] {
        try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT type || ' ' || name || ': ' || IFNULL(sql, '') FROM sqlite_master ORDER BY type, name")
        }
    }

    func rows(_ store: Store) throws -> [[String]] {
        try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM mention ORDER BY platform, native_id").map { row in
                row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }
            }
        }
    }

    func assertCounterExact(_ store: Store, file: StaticString = #filePath, line: UInt = #line) throws {
        let (counter, waiting) = try counter(store)
        XCTAssertEqual(counter, waiting, "the waiting counter must equal the waiting rows", file: file, line: line)
        XCTAssertEqual(try store.summary().waiting, waiting, file: file, line: line)
    }

    /// The same imports, once in bulk mode from the first batch and once never in bulk mode,
    /// leave the same rows, counts, counter and schema.
    func testBulkModeKeepsEverythingExact() throws {
        let bulk = try makeStore("bulk")
        let plain = try makeStore("plain")
        let freshSchema = try schema(bulk)
        var results: [[ImportCounts]] = []
        for (store, threshold) in [(bulk, 1), (plain, Int.max)] {
            var counts: [ImportCounts] = []
            // 1. A first import with every state.
            counts.append(try store.importing(now: now, bulkAfter: threshold) { sink in
                for m in self.mixed(0..<1_000) { try sink.put(m) }
            })
            try assertCounterExact(store)
            // 2. The user answers some items elsewhere: known and waiting, known and not
            // waiting, not yet imported (they arrive later in this import, and in the next).
            try store.acknowledge([Ref(platform: .mastodon, id: "3")], at: now)
            counts.append(try store.importing(now: now, bulkAfter: threshold) { sink in
                for m in self.mixed(1_000..<1_300) { try sink.put(m) }
                try sink.answered(Ref(platform: .mastodon, id: "8"), at: self.now)      // waiting → replied
                try sink.answered(Ref(platform: .mastodon, id: "5"), at: self.now)      // acknowledged: stays
                try sink.answered(Ref(platform: .mastodon, id: "1203"), at: self.now)   // inserted just before
                try sink.answered(Ref(platform: .mastodon, id: "1453"), at: self.now)   // arrives below
                try sink.answered(Ref(platform: .mastodon, id: "2003"), at: self.now)   // arrives next import
                for m in self.mixed(1_300..<1_600) { try sink.put(m) }
                // Known items again: unchanged, edited (state kept), and one acknowledged above.
                for id in 0..<200 { try sink.put(self.mixed(id..<(id + 1))[0]) }
                try sink.put(self.mention(3, text: "edited after acknowledging"))
                try sink.put(self.mention(13, text: "edited"))
            })
            try assertCounterExact(store)
            XCTAssertEqual(try store.item(Ref(platform: .mastodon, id: "3"))?.mention.state, .acknowledged(at: now))
            XCTAssertEqual(try store.item(Ref(platform: .mastodon, id: "3"))?.mention.text, "edited after acknowledging")
            XCTAssertEqual(try store.item(Ref(platform: .mastodon, id: "1453"))?.mention.state, .replied(draft: "", at: now))
            XCTAssertEqual(try store.item(Ref(platform: .mastodon, id: "8"))?.mention.state, .replied(draft: "", at: now))
            // 3. The rest arrive, one of them answered before; then everything once more.
            counts.append(try store.importing(now: now, bulkAfter: threshold) { sink in
                for m in self.mixed(1_600..<2_400) { try sink.put(m) }
            })
            XCTAssertEqual(try store.item(Ref(platform: .mastodon, id: "2003"))?.mention.state, .replied(draft: "", at: now))
            counts.append(try store.importing(now: now, bulkAfter: threshold) { sink in
                for m in self.mixed(0..<2_400) { try sink.put(m) }
            })
            try assertCounterExact(store)
            XCTAssertEqual(try schema(store), freshSchema, "bulk mode leaves the schema as it found it")
            let plan = try store.explain(Store.pageStatement(QuerySQL(.queue, now: now, targets: nil), .after(RankKey(createdAt: 0, row: 0), 50)).statement)
            XCTAssertTrue(plan.contains("mention_rank"), plan)
            results.append(counts)
        }
        XCTAssertEqual(results[0], results[1])
        XCTAssertEqual(results[0][0].imported, 1_000)
        XCTAssertEqual([results[0][1].imported, results[0][1].updated, results[0][1].unchanged], [600, 4, 200])
        XCTAssertEqual(results[0][2].imported, 800)
        XCTAssertEqual([results[0][3].imported, results[0][3].updated, results[0][3].unchanged], [0, 2, 2_398])
        XCTAssertEqual(try rows(bulk), try rows(plain))
        XCTAssertEqual(try store(bulk).page(.first(50)).map(\.mention.ref), try store(plain).page(.first(50)).map(\.mention.ref))
    }

    private func store(_ store: Store) -> Store { store }

    /// Rules in bulk mode: the tags of the new items are listed at the end, not by a trigger
    /// per item, and the journal is kept without its index; tags, journal, references and
    /// undo come out as they do item by item.
    func testBulkModeWithRulesKeepsTagsAndJournalExact() throws {
        let rules = RuleSet(rules: try [("even", ["tag:even", "priority:2"]), ("is:all", ["tag:seen"]), ("kind:reply", ["ack"])].enumerated().map { index, rule in
            Rule(number: index + 1, whenText: rule.0, when: try QueryParser.parse(rule.0), then: try rule.1.map { try RuleAction($0) })
        })
        var tables: [[[String]]] = []
        for threshold in [1, Int.max] {
            let store = try makeStore("rules-\(threshold)")
            _ = try store.importing(now: now, bulkAfter: threshold) { sink in
                for var m in self.mixed(0..<600) {
                    if m.id.hasSuffix("7") { m.tags = ["given"] }
                    if m.id.hasSuffix("3") { m.text = "an even one" }
                    try sink.put(m, ruled: rules.steps(for: m, now: self.now), at: self.now)
                }
            }
            let table = try store.writer.read { db in
                [try Row.fetchAll(db, sql: "SELECT tag, mention_id FROM mention_tag ORDER BY 1, 2").map { "\($0[0] as String) \($0[1] as Int64)" },
                 try Row.fetchAll(db, sql: "SELECT j.detail, e.mention_id, e.old_tags, e.new_tags, e.new_priority FROM journal_entry e JOIN journal j ON j.id = e.journal_id ORDER BY 1, 2")
                    .map { row in (0..<5).map { String(describing: row[$0] as DatabaseValue) }.joined(separator: " ") },
                 try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map(\.description)]
            }
            XCTAssertEqual(table[2], [], "every tag and journal entry refers to its item and journal row")
            XCTAssertEqual(try schema(store), try schema(makeStore("fresh-\(threshold)")))
            _ = try store.undoLast()
            tables.append(table + [try store.writer.read { db in try String.fetchAll(db, sql: "SELECT tag || ' ' || mention_id FROM mention_tag ORDER BY 1") }])
        }
        XCTAssertEqual(tables[0], tables[1])
        XCTAssertTrue(tables[0][0].contains { $0.hasPrefix("even ") } && tables[0][0].contains { $0.hasPrefix("given ") })
        XCTAssertFalse(tables[0][1].isEmpty)
    }

    /// Bulk mode starts by itself once an import has inserted enough items.
    func testBulkModeStartsForLargeImports() throws {
        let store = try makeStore()
        let before = try schema(store)
        let count = ImportSink.bulkMinimum + 2 * ImportSink.batchSize
        let counts = try store.importing(now: now) { sink in
            for id in 0..<count { try sink.put(self.mention(id)) }
        }
        XCTAssertEqual(counts.imported, count)
        try assertCounterExact(store)
        XCTAssertEqual(try counter(store).waiting, count)
        XCTAssertEqual(try schema(store), before)
    }

    /// An error on the writer thread rolls the whole import back, bulk mode included.
    func testFailureOnTheWriterThreadRollsBack() throws {
        let store = try makeStore()
        _ = try store.importing(now: now) { sink in for m in self.mixed(0..<10) { try sink.put(m) } }
        try store.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER test_boom BEFORE INSERT ON mention WHEN NEW.native_id = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END")
        }
        let before = try schema(store)
        let rowsBefore = try rows(store)
        XCTAssertThrowsError(try store.importing(now: now, bulkAfter: 1) { sink in
            for m in self.mixed(100..<900) { try sink.put(m) }
            try sink.put(Mention(platform: .x, id: "boom", text: "x", createdAt: self.now))
            for m in self.mixed(900..<1_500) { try sink.put(m) }
        }) { error in
            XCTAssertTrue("\(error)".contains("boom"), "\(error)")
        }
        XCTAssertEqual(try schema(store), before)
        XCTAssertEqual(try rows(store), rowsBefore)
        try assertCounterExact(store)
        // And the store goes on working.
        XCTAssertEqual(try store.importing(now: now) { sink in try sink.put(self.mention(5_000)) }.imported, 1)
        try assertCounterExact(store)
    }

    /// A body that throws after bulk mode started leaves nothing, schema included.
    func testThrowingBodyAfterBulkModeLeavesNothing() throws {
        struct Stop: Error {}
        let store = try makeStore()
        let before = try schema(store)
        XCTAssertThrowsError(try store.importing(now: now, bulkAfter: 1) { sink in
            for m in self.mixed(0..<2_000) { try sink.put(m) }
            XCTAssertEqual(sink.counts.imported, 2_000)
            throw Stop()
        })
        XCTAssertEqual(try schema(store), before)
        XCTAssertEqual(try rows(store), [])
        try assertCounterExact(store)
    }

    /// Values are stored as GRDB stores them: text up to a NUL, every column as before.
    func testValuesAreStoredAsGRDBStoresThem() throws {
        let store = try makeStore()
        let tricky = Mention(platform: .bluesky, id: "at://did:plc:a/app.bsky.feed.post/1", kind: .dm,
                             author: Author(handle: "", name: "名前 😀", url: nil), text: "before\u{0}after",
                             createdAt: Date(timeIntervalSince1970: 1_763_630_040.123), url: "", conversation: "", inReplyTo: nil,
                             replyTarget: ["uri": "at://x", "cid": "q\"uote\\ \u{1}\u{7F}\u{2028}\u{2029}😀", "": "empty key"],
                             state: .replied(draft: "d1", at: Date(timeIntervalSince1970: 1_763_700_000)))
        XCTAssertEqual(try store.importing(now: now) { sink in try sink.put(tricky) }.imported, 1)
        var expected = tricky
        expected.text = "before"
        XCTAssertEqual(try store.item(tricky.ref)?.mention, expected)
        // The same record again is unchanged, as before (compared as GRDB read it back).
        XCTAssertEqual(try store.importing(now: now) { sink in try sink.put(expected) }.unchanged, 1)
        XCTAssertEqual(try store.importing(now: now) { sink in try sink.put(tricky) }.updated, 1)
    }

    func testReplyTargetTextIsJSONWritersText() {
        let targets: [[String: String]] = [
            ["in_reply_to_id": "110000000000000000", "visibility": "public"],
            ["b": "2", "a": "1", "é": "accent", "Z": "upper", "": ""],
            ["q": "\"quoted\" \\back\\ \n\r\t \u{0}\u{1}\u{1F}\u{7F} \u{2028}\u{2029} \u{2027} 😀 日本 \u{E2}"],
            ["c1": "\u{80}\u{85}\u{9B}\u{9F}\u{A0} bidi \u{202A}\u{202E}\u{202F}\u{2066}\u{2069}\u{206A}\u{200E}\u{200F}\u{061C}\u{061B}"],
        ]
        for target in targets {
            var json = JSONWriter()
            for key in target.keys.sorted() { json.add(key, target[key]) }
            XCTAssertEqual(MentionRow.encodeTarget(target), json.finish())
        }
        XCTAssertNil(MentionRow.encodeTarget([:]))
    }
}
