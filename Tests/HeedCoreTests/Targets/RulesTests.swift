import Foundation
import HeedCore
import XCTest

/// Rules' actions as written, and what rules do to an arriving item, in file order.
final class RulesTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_763_800_000)

    func rule(_ number: Int, _ when: String, _ then: [String]) throws -> Rule {
        Rule(number: number, whenText: when, when: try QueryParser.parse(when), then: try then.map { try RuleAction($0) })
    }

    func testActionsAsWritten() throws {
        XCTAssertEqual(try RuleAction("ack"), .acknowledge)
        XCTAssertEqual(try RuleAction("tag:Press"), .tag("press"))
        XCTAssertEqual(try RuleAction("snooze:4h"), .snooze(14_400))
        XCTAssertEqual(try RuleAction("priority:-5"), .priority(-5))
        XCTAssertEqual(try RuleAction("priority:5").text, "priority:5")
        XCTAssertEqual(try RuleAction("snooze:90m").text, "snooze:90m")
        func problem(_ written: String) -> String {
            do {
                _ = try RuleAction(written)
                return "no error"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(problem("archive"), #""archive" is not an action: write ack, tag:NAME, snooze:DURATION or priority:N"#)
        XCTAssertEqual(problem("snooze:soon"), "snooze:soon: write a duration like 4h or 2d")
        XCTAssertEqual(problem("priority:5000"), "priority:5000: write a whole number from -1000 to 1000")
        XCTAssertEqual(problem("tag:a b"), #""a b" is not a tag: one word of letters, digits, - _ or ., at most 40 characters"#)
    }

    func testRulesActInFileOrderEachSeeingTheOnesBefore() throws {
        let rules = RuleSet(rules: [
            try rule(1, #""press inquiry""#, ["tag:press", "priority:5"]),
            try rule(2, "tag:press kind:dm", ["tag:urgent"]),
            try rule(3, "from:spammer", ["ack"]),
        ])
        let press = Mention(platform: .x, id: "1", kind: .dm, author: Author(handle: "reporter"), text: "A press inquiry", createdAt: now)
        XCTAssertEqual(rules.steps(for: press, now: now).map(\.rule), [1, 2])
        XCTAssertEqual(rules.steps(for: press, now: now).first?.label, #"rule 1 ("press inquiry" → tag:press, priority:5)"#)
        let spam = Mention(platform: .x, id: "2", author: Author(handle: "spammer"), text: "buy now", createdAt: now)
        XCTAssertEqual(rules.steps(for: spam, now: now).map(\.actions), [[.acknowledge]])
        XCTAssertEqual(rules.steps(for: Mention(platform: .x, id: "3", text: "hello", createdAt: now), now: now), [])
    }

    func testAStepThatChangesNothingIsLeftOut() throws {
        let rules = RuleSet(rules: [try rule(1, "is:all hello", ["ack"]), try rule(2, "is:all hello", ["tag:greeting"])])
        let answered = Mention(platform: .x, id: "1", text: "hello", createdAt: now, state: .replied(draft: "d", at: now), tags: ["greeting"])
        XCTAssertEqual(rules.steps(for: answered, now: now), [], "acknowledging an answered item, or tagging what carries the tag, changes nothing")
        var marks = ItemMarks(state: .waiting, tags: [], priority: 0)
        marks.apply(.snooze(3_600), now: now)
        XCTAssertEqual(marks.state, .snoozed(until: now.addingTimeInterval(3_600)))
        marks.apply(.snooze(60), now: now)
        XCTAssertEqual(marks.state, .snoozed(until: now.addingTimeInterval(3_600)), "only a waiting item is snoozed")
        marks.apply(.acknowledge, now: now)
        XCTAssertEqual(marks.state, .acknowledged(at: now), "a snoozed item is acknowledged")
    }
}
