import Foundation
import HeedCore
import XCTest

/// Which target an item has (the shortest of the keys that match it), where it stands, and
/// the conditions a store reads due terms by.
final class TargetsTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_763_800_000)

    func key(_ name: String, _ seconds: TimeInterval) throws -> ResponseTargets.Key {
        ResponseTargets.Key(name: name, query: name == "default" ? Query() : try QueryParser.parse(name), seconds: seconds)
    }

    func item(_ platform: Platform, _ kind: MentionKind, text: String = "hi", tags: [String] = [], minutesAgo: Double = 30, state: MentionState = .waiting) -> Mention {
        Mention(platform: platform, id: "1", kind: kind, author: Author(handle: "alice"), text: text, createdAt: now.addingTimeInterval(-minutesAgo * 60), state: state, tags: tags)
    }

    func testTheShortestMatchingKeyWins() throws {
        let targets = ResponseTargets(keys: [try key("default", 86_400), try key("platform:mastodon", 14_400), try key("kind:dm", 3_600), try key("\"press inquiry\"", 7_200), try key("tag:vip", 1_800)])
        func target(_ mention: Mention) -> Int64? { targets.due(mention, now: now)?.target }
        XCTAssertEqual(target(item(.x, .mention)), 86_400_000, "only the default matches")
        XCTAssertEqual(target(item(.mastodon, .mention)), 14_400_000)
        XCTAssertEqual(target(item(.mastodon, .dm)), 3_600_000, "a Mastodon DM: the DM's hour, not Mastodon's four")
        XCTAssertEqual(target(item(.x, .mention, text: "A Press Inquiry about pricing")), 7_200_000, "phrases match as a search does")
        XCTAssertEqual(target(item(.mastodon, .dm, tags: ["vip"])), 1_800_000)
        XCTAssertEqual(target(item(.x, .dm, state: .acknowledged(at: now))), 3_600_000, "a target is the item's whatever its state")
        let noDefault = ResponseTargets(keys: [try key("kind:dm", 3_600)])
        XCTAssertNil(noDefault.due(item(.x, .mention), now: now), "no key matches: no target")
    }

    func testWhereAnItemStands() throws {
        let targets = ResponseTargets(keys: [try key("default", 3_600)])
        let fresh = try XCTUnwrap(targets.due(item(.x, .mention, minutesAgo: 20), now: now))
        XCTAssertEqual(fresh.left, 40 * 60_000)
        let late = try XCTUnwrap(targets.due(item(.x, .mention, minutesAgo: 200), now: now))
        XCTAssertEqual(late.left, -140 * 60_000)
        XCTAssertEqual(targets.due(item(.x, .mention, minutesAgo: -10), now: now)?.elapsed, 0, "an item dated ahead has waited nothing")
    }

    func testDueTermsMatchInMemoryAsTheyRead() throws {
        let targets = ResponseTargets(keys: [try key("default", 86_400), try key("kind:dm", 3_600)])
        func matches(_ line: String, _ mention: Mention) throws -> Bool { try QueryParser.parse(line).matches(mention, now: now, targets: targets) }
        let dmLate = item(.x, .dm, minutesAgo: 90), dmFresh = item(.x, .dm, minutesAgo: 10), old = item(.x, .mention, minutesAgo: 23 * 60 + 30)
        XCTAssertTrue(try matches("is:breached", dmLate))
        XCTAssertFalse(try matches("is:breached", dmFresh))
        XCTAssertFalse(try matches("is:breached", old))
        XCTAssertTrue(try matches("due<1h", old), "30 minutes left")
        XCTAssertTrue(try matches("due<1h", dmLate), "late is less than an hour left")
        XCTAssertTrue(try matches("due>30m", dmFresh), "50 minutes left")
        XCTAssertFalse(try matches("due>1h", dmFresh))
        XCTAssertFalse(try matches("due>30m", dmLate))
        XCTAssertFalse(try QueryParser.parse("due>1m").matches(dmFresh, now: now, targets: ResponseTargets(keys: [try key("kind:quote", 60)])), "no target: never more left")
    }

    func testConditionsBoundCreationTimesPerKey() throws {
        let targets = ResponseTargets(keys: [try key("default", 86_400), try key("kind:dm", 3_600)])
        let nowMs = Timestamp.milliseconds(now)
        var breached = Query()
        breached.breached = true
        let conditions = targets.conditions(breached, now: now)
        XCTAssertEqual(conditions.count, 1)
        XCTAssertEqual(conditions[0].clauses.map(\.bound), [.atOrBefore(nowMs - 86_400_000), .atOrBefore(nowMs - 3_600_000)])
        XCTAssertEqual(conditions[0].createdAtMost, nowMs - 3_600_000)
        var beyond = Query()
        beyond.dueBeyond = 7_200
        let more = targets.conditions(beyond, now: now)[0]
        XCTAssertTrue(more.negated)
        XCTAssertEqual(more.clauses.map(\.bound), [.atOrBefore(nowMs - 79_200_000), .always], "a DM never has more than two hours left")
        XCTAssertEqual(ResponseTargets(keys: []).conditions(breached, now: now)[0].clauses, [], "no keys: nothing is breached")
    }
}
