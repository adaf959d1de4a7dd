import Foundation
import HeedCore
import HeedStorage
import XCTest

/// Rules at import: what they did to new items is stored and journaled a rule at a time, so
/// undo takes the last rule's change first; known items are left to the import alone.
extension StoreConformanceCase {
    func step(_ rule: Int, _ actions: [RuleAction]) -> RuleStep {
        RuleStep(rule: rule, label: "rule \(rule) (" + actions.map(\.text).joined(separator: ", ") + ")", actions: actions)
    }

    func checkRuleActionsAreJournaledAndUndoneLastRuleFirst() throws {
        // Given an import where rule 1 tags two items, rule 2 acknowledges one of them, rule 3
        // gives points and rule 4 snoozes.
        _ = try store.importing(now: now) { sink in
            try sink.put(mention("1", minutesAgo: 30), ruled: [step(1, [.tag("press")]), step(2, [.acknowledge])], at: now)
            try sink.put(mention("2", minutesAgo: 20), ruled: [step(1, [.tag("press")]), step(3, [.priority(5)])], at: now)
            try sink.put(mention("3", minutesAgo: 10), ruled: [step(4, [.snooze(3_600)])], at: now)
            try sink.put(mention("4", minutesAgo: 5), ruled: [], at: now)
        }
        XCTAssertEqual(try store.item(ref(.mastodon, "1"))?.mention.state, .acknowledged(at: now))
        XCTAssertEqual(try store.item(ref(.mastodon, "1"))?.mention.tags, ["press"])
        XCTAssertEqual(try store.item(ref(.mastodon, "2"))?.mention.priority, 5)
        XCTAssertEqual(try store.item(ref(.mastodon, "3"))?.mention.state, .snoozed(until: now.addingTimeInterval(3_600)))
        XCTAssertEqual(try waiting(), ["2", "4"])
        XCTAssertEqual(try store.summary().waiting, 2)
        XCTAssertEqual(try ids("is:all tag:press"), ["1", "2"])
        try reopen()
        // When undone, Then the last rule goes first, each with its label, one at a time.
        let snooze = try XCTUnwrap(store.undoLast())
        XCTAssertEqual([snooze.kind], [.rule])
        XCTAssertEqual(snooze.detail, "rule 4 (snooze:1h)")
        XCTAssertEqual(snooze.refs, [ref(.mastodon, "3")])
        XCTAssertEqual(try store.undoLast()?.detail, "rule 3 (priority:5)")
        XCTAssertEqual(try store.item(ref(.mastodon, "2"))?.mention.priority, 0)
        let acknowledge = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(acknowledge.detail, "rule 2 (ack)")
        XCTAssertEqual(try store.item(ref(.mastodon, "1"))?.mention.tags, ["press"], "rule 1's tag stays until rule 1 is undone")
        XCTAssertEqual(try waiting(), ["1", "2", "3", "4"])
        let tag = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(tag.detail, "rule 1 (tag:press)")
        XCTAssertEqual(tag.count, 2)
        XCTAssertEqual(try ids("is:all tag:press"), [])
        XCTAssertNil(try store.undoLast())
    }

    func checkEveryItemARuleChangedIsJournaledWhateverItsPlace() throws {
        // Given a backlog of 12,001 items (batches, and a store's bulk load) that a rule tags, one met twice.
        _ = try store.importing(now: now) { sink in
            for id in 0..<12_001 {
                try sink.put(self.mention(String(id % 12_000), minutesAgo: Double(12_000 - id % 12_000)), ruled: [self.step(1, [.tag("backlog")])], at: self.now)
            }
        }
        XCTAssertEqual(try count("is:all tag:backlog"), 12_000)
        // When the rule is undone, Then every item it tagged loses the tag: each was journaled once.
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.count, 12_000)
        XCTAssertEqual(try count("is:all tag:backlog"), 0)
        XCTAssertNil(try store.undoLast())
    }

    func checkRulesActOnArrivalsOnly() throws {
        _ = try put([mention("1", minutesAgo: 30)])
        _ = try store.importing(now: now) { sink in
            try sink.put(mention("1", minutesAgo: 30, text: "edited"), ruled: [step(1, [.acknowledge, .tag("seen")])], at: now)
        }
        let item = try XCTUnwrap(store.item(ref(.mastodon, "1")))
        XCTAssertEqual(item.mention.state, .waiting, "a known item is not ruled again")
        XCTAssertEqual(item.mention.tags, [])
        XCTAssertEqual(item.mention.text, "edited")
        XCTAssertNil(try store.undoLast(), "nothing was journaled")
    }

    func checkAFailedImportLeavesNoRuleInTheJournal() throws {
        struct Boom: Error {}
        XCTAssertThrowsError(try store.importing(now: now) { sink in
            try sink.put(mention("1", minutesAgo: 30), ruled: [step(1, [.acknowledge])], at: now)
            throw Boom()
        })
        XCTAssertNil(try store.item(ref(.mastodon, "1")))
        XCTAssertNil(try store.undoLast())
    }
}
