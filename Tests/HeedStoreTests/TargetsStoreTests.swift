import Foundation
import GRDB
import HeedCore
@testable import HeedStore
import XCTest

/// What only the SQLite store promises about tags, points, rules and targets: the migration
/// on a store of the schema before, the tag table kept by triggers, rules in bulk mode, and the
/// indexes its statements use.
final class TargetsStoreTests: SQLiteStoreCase {
    func item(_ id: Int, minutesAgo: Double, kind: MentionKind = .mention) -> Mention {
        Mention(platform: .mastodon, id: String(id), kind: kind, author: Author(handle: "user\(id % 7)"), text: id % 2 == 0 ? "even words" : "odd words",
                createdAt: now.addingTimeInterval(-minutesAgo * 60))
    }

    func testTheMigrationKeepsAStoreOfTheSchemaBefore() throws {
        // Given a store of the schema before tags, with items and an action in the journal.
        let path = folder.appendingPathComponent("previous.sqlite").path
        let migrations = Schema.migrator.migrations
        let previous = try XCTUnwrap(migrations.firstIndex(of: "v8 tags, priority, rules, breaches").map { migrations[$0 - 1] })
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: previous)
            try queue.write { db in
                for (id, state) in [("1", "waiting"), ("2", "acknowledged"), ("3", "waiting")] {
                    try db.execute(sql: "INSERT INTO mention (platform, native_id, kind, text, created_at, state, imported_at) VALUES ('x', ?, 'mention', 'hi', ?, ?, 0)",
                                   arguments: [id, Int(id)! * 1_000, state])
                }
                try db.execute(sql: "INSERT INTO journal (at, action) VALUES (0, 'acknowledge')")
                try db.execute(sql: "INSERT INTO journal_entry (journal_id, mention_id, old_state, new_state) VALUES (1, 2, 'waiting', 'acknowledged')")
            }
        }
        // When heed opens it, Then the items are as they were, without tags or points, and
        // the old action is undone as before.
        let opened = try Store(path: path)
        XCTAssertEqual(try opened.page(.first(10)).map(\.mention.id), ["1", "3"])
        XCTAssertEqual(try opened.item(Ref(platform: .x, id: "1"))?.mention.tags, [])
        XCTAssertEqual(try opened.item(Ref(platform: .x, id: "1"))?.mention.priority, 0)
        XCTAssertEqual(try opened.undoLast()?.refs, [Ref(platform: .x, id: "2")])
        XCTAssertEqual(try opened.page(.first(10)).map(\.mention.id), ["1", "2", "3"])
        try opened.tag(.refs([Ref(platform: .x, id: "3")]), adding: ["new"], removing: [], at: now)
        XCTAssertEqual(try opened.page(QueryParser.parse("tag:new"), .first(10), now: now).map(\.mention.id), ["3"])
    }

    func testTheTagTableFollowsTheTagsColumnWhateverWritesIt() throws {
        _ = try put([item(1, minutesAgo: 5), item(2, minutesAgo: 4)])
        try sqlite.tag(.refs([ref(.mastodon, "1"), ref(.mastodon, "2")]), adding: ["a", "b"], removing: [], at: now)
        try sqlite.tag(.refs([ref(.mastodon, "1")]), adding: [], removing: ["a"], at: now)
        func table() throws -> [String] {
            try sqlite.writer.read { db in try String.fetchAll(db, sql: "SELECT tag || ':' || mention_id FROM mention_tag ORDER BY tag, mention_id") }
        }
        XCTAssertEqual(try table(), ["a:2", "b:1", "b:2"])
        _ = try sqlite.undoLast()
        _ = try sqlite.undoLast()
        XCTAssertEqual(try table(), [], "undo writes the column back, the triggers the table")
    }

    func testRulesInBulkModeAreJournaledAndTheCountersStayExact() throws {
        // Given an import large enough for bulk mode, where a rule acknowledges every third item.
        let rule = RuleStep(rule: 1, label: "rule 1 (ack)", actions: [.acknowledge])
        let tag = RuleStep(rule: 2, label: "rule 2 (tag:bulk)", actions: [.tag("bulk")])
        _ = try sqlite.importing(now: now, bulkAfter: 10) { sink in
            for id in 0..<600 { try sink.put(self.item(id, minutesAgo: Double(id)), ruled: id % 3 == 0 ? [rule, tag] : [tag], at: self.now) }
        }
        XCTAssertEqual(try sqlite.summary().waiting, 400)
        XCTAssertEqual(try sqlite.page(QueryParser.parse("is:all tag:bulk"), .first(1_000), now: now).count, 600)
        XCTAssertEqual(try sqlite.undoLast()?.count, 600)
        XCTAssertEqual(try sqlite.undoLast()?.count, 200)
        XCTAssertEqual(try sqlite.summary().waiting, 600)
        let (counter, rows) = try sqlite.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'waiting'"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE state = 'waiting'"))
        }
        XCTAssertEqual(counter, rows)
    }

    func testBreachesReadTheRankIndexUpToTheCutOff() throws {
        let targets = ResponseTargets(keys: [ResponseTargets.Key(name: "default", query: Query(), seconds: 86_400), ResponseTargets.Key(name: "kind:dm", query: try QueryParser.parse("kind:dm"), seconds: 3_600)])
        var breached = Query()
        breached.breached = true
        let page = Store.pageStatement(QuerySQL(breached, now: now, targets: targets), .first(50))
        let plan = try sqlite.explain(page.statement)
        XCTAssertTrue(plan.contains("USING COVERING INDEX mention_rank (created_at<?)") || plan.contains("USING INDEX mention_rank (created_at<?)"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }

    func testATagIsFoundThroughItsIndex() throws {
        var tagged = Query()
        tagged.tags = ["press"]
        let sql = QuerySQL(tagged, now: now, targets: nil)
        let listed = try XCTUnwrap(sql.driven("mention.created_at, mention.id"))
        let plan = try sqlite.explain(listed)
        XCTAssertTrue(plan.contains("SEARCH mention_tag USING PRIMARY KEY (tag=?)"), plan)
        XCTAssertTrue(plan.contains("SEARCH mention USING INTEGER PRIMARY KEY"), plan)
        let dense = try sqlite.explain(Store.pageStatement(sql, .first(50), from: "mention INDEXED BY mention_rank").statement)
        XCTAssertTrue(dense.contains("mention_rank"), dense)
        XCTAssertTrue(dense.contains("SEARCH t USING PRIMARY KEY (tag=? AND mention_id=?)"), dense)
    }

    func testPagesRankedByPriorityReadEachBandFromItsIndex() throws {
        let page = Store.priorityPageStatement(QuerySQL(.queue, now: now, targets: nil), .after(RankKey(createdAt: 0, row: 0, priority: 3), 50), dense: false)
        let plan = try sqlite.explain(page.statement)
        XCTAssertTrue(plan.contains("SEARCH mention USING INDEX mention_priority (priority=? AND created_at>?)"), plan)
        XCTAssertTrue(plan.contains("SEARCH mention USING INDEX mention_priority (priority>? AND priority<?)"), plan)
        XCTAssertTrue(plan.contains("mention_rank"), plan)
        XCTAssertFalse(plan.contains("SCAN mention\n") || plan.hasSuffix("SCAN mention"), plan)
    }
}
