import Foundation
import HeedCore
import HeedStorage
import XCTest

/// Response targets: due terms follow each item's shortest target, in real time or business
/// hours, as the in-memory matcher reads them; breaches are claimed once; the stats count
/// answers against targets.
extension StoreConformanceCase {
    /// `[targets]` as config.toml would give them.
    public func targets(_ keys: [(String, TimeInterval)], hours: BusinessHours? = nil) throws -> ResponseTargets {
        ResponseTargets(keys: try keys.map { name, seconds in
            ResponseTargets.Key(name: name, query: name == "default" ? Query() : try QueryParser.parse(name), seconds: seconds)
        }, hours: hours)
    }

    /// The ids a search finds in the store, checked against the in-memory matcher over every item.
    func matchedIDs(_ search: String, _ targets: ResponseTargets?, at now: Date) throws -> [String] {
        let query = try QueryParser.parse(search)
        let found = try store.page(query, .first(100), now: now).map(\.mention.id)
        let everything = try store.list(all: true, limit: nil)
        let inMemory = everything.filter { query.matches($0.mention, now: now, targets: targets) }.map(\.mention.id)
        XCTAssertEqual(found, inMemory, "\(search): the store and the in-memory matcher disagree")
        XCTAssertEqual(try store.summary(query, now: now).waiting, found.count, search)
        return found
    }

    func checkDueTermsFollowTheShortestTarget() throws {
        try fill()
        // Given no targets, When asked for breaches, Then none.
        XCTAssertEqual(try ids("is:breached"), [])
        // Given a day for all, four hours for Mastodon and one for DMs: 1 (50 h) and 2 (30 h)
        // on Mastodon are late, 3 (20 h) has 4 h left, the DMs 4 (6 h) and 5 (3 h) are late,
        // 6 has 23 h left and 7 (Mastodon, 30 m) 3 h 30 m.
        let set = try targets([("default", 86_400), ("platform:mastodon", 14_400), ("kind:dm", 3_600)])
        store.configure(targets: set, rank: .wait)
        XCTAssertEqual(try matchedIDs("is:breached", set, at: now), ["1", "2", "4", "5"])
        XCTAssertEqual(try matchedIDs("is:breached platform:x", set, at: now), ["5"])
        XCTAssertEqual(try matchedIDs("due<5h", set, at: now), ["1", "2", "3", "4", "5", "7"], "late counts as less left")
        XCTAssertEqual(try matchedIDs("due<4h", set, at: now), ["1", "2", "4", "5", "7"], "exactly four hours left is not less")
        XCTAssertEqual(try matchedIDs("due>3h", set, at: now), ["3", "6", "7"])
        XCTAssertEqual(try matchedIDs("due>4h", set, at: now), ["6"])
        XCTAssertEqual(try matchedIDs("is:breached meetup", set, at: now), ["1", "2"], "with words")
        try store.acknowledge([ref(.mastodon, "1")], at: now)
        XCTAssertEqual(try matchedIDs("is:breached", set, at: now), ["2", "4", "5"], "answered items leave the waiting queries")
        XCTAssertEqual(try matchedIDs("is:all is:breached", set, at: now), ["1", "2", "4", "5"])
        XCTAssertEqual(try matchedIDs("is:breached", set, at: now.addingTimeInterval(4 * 3_600)), ["2", "3", "4", "5", "7"], "time moves on")
    }

    func checkDueTermsInBusinessHours() throws {
        // Given 8 business hours, Monday to Friday 09:00 to 17:00 UTC, asked on Saturday
        // 2025-11-22 at 08:26 UTC: A (Thursday 12:00) has counted 13 h, B (Friday 10:00) 7 h,
        // C (Friday 16:30) 30 m, D (Saturday 01:00) nothing.
        let friday = Date(timeIntervalSince1970: 1_763_683_200)  // 2025-11-21 00:00 UTC
        let created: [(String, TimeInterval)] = [("A", -12 * 3_600), ("B", 10 * 3_600), ("C", 16.5 * 3_600), ("D", 25 * 3_600)]
        _ = try put(created.map { Mention(platform: .mastodon, id: $0.0, author: Author(handle: "a"), text: "hi", createdAt: friday.addingTimeInterval($0.1)) })
        let hours = BusinessHours(days: [2, 3, 4, 5, 6], from: 540, to: 1_020, zone: TimeZone(identifier: "UTC")!)
        let business = try targets([("default", 8 * 3_600)], hours: hours)
        store.configure(targets: business, rank: .wait)
        XCTAssertEqual(try matchedIDs("is:breached", business, at: now), ["A"])
        XCTAssertEqual(try matchedIDs("due<2h", business, at: now), ["A", "B"])
        XCTAssertEqual(try matchedIDs("due>7h", business, at: now), ["C", "D"], "7 h 30 m and 8 h left")
        // In real time, 8 hours have passed for A, B and C.
        let wall = try targets([("default", 8 * 3_600)])
        store.configure(targets: wall, rank: .wait)
        XCTAssertEqual(try matchedIDs("is:breached", wall, at: now), ["A", "B", "C"])
    }

    func checkBreachesAreClaimedOnce() throws {
        // Given an hour's target, and items 50, 30 and 120 minutes old when the watch starts.
        _ = try put([mention("a", minutesAgo: 50), mention("b", minutesAgo: 30), mention("c", minutesAgo: 120)])
        store.configure(targets: try targets([("default", 3_600)]), rank: .wait)
        XCTAssertEqual(try store.claimBreaches(now: now, limit: 10), [], "the first claim starts the watch; c was late before it")
        // When a quarter of an hour passes, Then a is claimed, once.
        let later = now.addingTimeInterval(15 * 60)
        XCTAssertEqual(try store.claimBreaches(now: later, limit: 10).map(\.mention.id), ["a"])
        XCTAssertEqual(try store.claimBreaches(now: later, limit: 10), [])
        // And an item arriving already late is not announced.
        _ = try put([mention("d", minutesAgo: 300)])
        // When another heed opens the store forty minutes later, Then b, once, in two claims of one.
        try reopen()
        store.configure(targets: try targets([("default", 3_600)]), rank: .wait)
        _ = try put([mention("e", minutesAgo: 29), mention("f", minutesAgo: 28)])
        let after = now.addingTimeInterval(40 * 60)
        XCTAssertEqual(try store.claimBreaches(now: after, limit: 2).map(\.mention.id), ["b", "e"])
        XCTAssertEqual(try store.claimBreaches(now: after, limit: 2).map(\.mention.id), ["f"])
        XCTAssertEqual(try store.claimBreaches(now: after, limit: 2), [])
        store.configure(targets: nil, rank: .wait)
        XCTAssertEqual(try store.claimBreaches(now: after.addingTimeInterval(86_400), limit: 2), [], "no targets: no breaches")
    }

    func checkStatsCountAnswersAgainstTargets() throws {
        // Given an hour's target for all and ten minutes for X: m1 answered in 30 m (within),
        // m2 in 2 h (late), m3 waiting 3 h (late), m4 waiting 10 m (not yet decided),
        // x1 answered in 20 m (late for X).
        let now = Self.morning
        let items: [(Platform, String, TimeInterval)] = [(.mastodon, "m1", 5 * 3_600), (.mastodon, "m2", 4 * 3_600), (.mastodon, "m3", 3 * 3_600), (.mastodon, "m4", 600), (.x, "x1", 3_600)]
        _ = try store.importing(now: now) { sink in
            for (platform, id, age) in items { try sink.put(Mention(platform: platform, id: id, text: "hi", createdAt: now.addingTimeInterval(-age))) }
        }
        try store.acknowledge([ref(.mastodon, "m1")], at: now.addingTimeInterval(-5 * 3_600 + 1_800))
        try store.markReplied(ref(.mastodon, "m2"), draft: "d2", at: now.addingTimeInterval(-2 * 3_600))
        try store.acknowledge([ref(.x, "x1")], at: now.addingTimeInterval(-3_600 + 1_200))
        XCTAssertNil(try store.stats(since: nil, now: now).targets, "no targets: no target figures")
        store.configure(targets: try targets([("default", 3_600), ("platform:x", 600)]), rank: .wait)
        let figures = try XCTUnwrap(store.stats(since: nil, now: now).targets)
        XCTAssertEqual([figures.all.within, figures.all.answeredLate, figures.all.openLate, figures.all.breaches], [1, 2, 1, 3])
        XCTAssertEqual(figures.all.share, 0.25)
        XCTAssertEqual(figures.platforms.map(\.platform), [.mastodon, .x])
        XCTAssertEqual(figures.platforms.map(\.breaches), [2, 1])
        XCTAssertEqual(figures.weeks.count, 8)
        XCTAssertEqual(figures.weeks.last?.figures.breaches, 3, "all arrived this week")
        XCTAssertEqual(figures.weeks.last?.start, Date(timeIntervalSince1970: 1_794_787_200), "Monday 2026-11-16 00:00 UTC")
    }
}
