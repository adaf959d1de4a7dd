import Foundation
import HeedCore
import HeedStorage
import XCTest

/// `stats` on a small store whose figures are worked out by hand in the comments.
extension StoreConformanceCase {
    /// 2026-11-21 09:00 UTC, day 20778 since 1970: when the stats and author fixtures are dated from.
    public static let morning = Date(timeIntervalSince1970: 1_795_251_600)
    /// An hour and a day, in seconds.
    public static let hour: TimeInterval = 3_600
    public static let day: TimeInterval = 86_400

    /// mastodon m1 (10 d ago, replied after 30 m), m2 (3 d, acknowledged after 2 h),
    /// m3 (2 d, replied after 10 m), m4 (30 m, waiting), m5 (5 h, waiting);
    /// x x1 (2 d, acknowledged after 26 h), x2 (26 h, snoozed), x3 (8 d, waiting).
    public func fillStats() throws {
        let now = Self.morning, day = Self.day, hour = Self.hour
        let items: [(Platform, String, TimeInterval, MentionState)] = [
            (.mastodon, "m1", 10 * day, .waiting), (.mastodon, "m2", 3 * day, .waiting),
            (.mastodon, "m3", 2 * day, .waiting), (.mastodon, "m4", 0.5 * hour, .waiting),
            (.mastodon, "m5", 5 * hour, .waiting), (.x, "x1", 2 * day, .waiting),
            (.x, "x2", 26 * hour, .snoozed(until: now.addingTimeInterval(day))), (.x, "x3", 8 * day, .waiting),
        ]
        _ = try store.importing(now: now) { sink in
            for (platform, id, age, state) in items {
                try sink.put(Mention(platform: platform, id: id, author: Author(handle: "a"), text: "hi", createdAt: now.addingTimeInterval(-age), state: state))
            }
        }
        try store.markReplied(ref(.mastodon, "m1"), draft: "d1", at: now.addingTimeInterval(-10 * day + 0.5 * hour))
        try store.acknowledge([ref(.mastodon, "m2")], at: now.addingTimeInterval(-3 * day + 2 * hour))
        try store.markReplied(ref(.mastodon, "m3"), draft: "d3", at: now.addingTimeInterval(-2 * day + 600))
        try store.acknowledge([ref(.x, "x1")], at: now.addingTimeInterval(-2 * day + 26 * hour))
    }

    func checkStatsPerPlatformAndAll() throws {
        try fillStats()
        let stats = try store.stats(since: nil, now: Self.morning)
        XCTAssertEqual(stats.platforms.map(\.platform), [.mastodon, .x], "most received first")
        let mastodon = stats.platforms[0], x = stats.platforms[1], all = stats.all
        // mastodon: 5 received, 2 replied + 1 acknowledged, 2 waiting. Times 600, 1800, 7200:
        // median 1800, p90 at rank 1.8 = 1800 + 0.8 × 5400 = 6120. m5 (5 h) is unanswered past
        // 1 h and 4 h: ≤1h 2 of 4, ≤4h 3 of 4, ≤24h 3 of 3.
        XCTAssertEqual([mastodon.received, mastodon.replied, mastodon.acknowledged, mastodon.answered, mastodon.waiting, mastodon.snoozed], [5, 2, 1, 3, 2, 0])
        XCTAssertEqual(mastodon.responseRate, 0.6)
        XCTAssertEqual(mastodon.medianSeconds, 1_800)
        XCTAssertEqual(mastodon.p90Seconds, 6_120)
        XCTAssertEqual(mastodon.within.map(\.answered), [2, 3, 3])
        XCTAssertEqual(mastodon.within.map(\.counted), [4, 4, 3])
        // x: 3 received, 1 acknowledged after 26 h (93600 s), x2 snoozed 26 h and x3 waiting 8 d
        // are both unanswered past every limit.
        XCTAssertEqual([x.received, x.replied, x.acknowledged, x.waiting, x.snoozed], [3, 0, 1, 1, 1])
        XCTAssertEqual(x.responseRate, 1.0 / 3.0)
        XCTAssertEqual(x.medianSeconds, 93_600)
        XCTAssertEqual(x.within.map(\.share), [0, 0, 0])
        XCTAssertEqual(x.within.map(\.counted), [3, 3, 3])
        // all: times 600, 1800, 7200, 93600: median 4500, p90 at rank 2.7 = 7200 + 0.7 × 86400.
        XCTAssertEqual([all.received, all.replied, all.acknowledged, all.waiting, all.snoozed, all.timed], [8, 2, 2, 3, 1, 4])
        XCTAssertEqual(all.responseRate, 0.5)
        XCTAssertEqual(all.medianSeconds, 4_500)
        XCTAssertEqual(all.p90Seconds, 67_680)
        XCTAssertEqual(all.within.map(\.answered), [2, 3, 3])
        XCTAssertEqual(all.within.map(\.counted), [7, 7, 6])
        XCTAssertNil(all.platform)
    }

    func checkQueueByAgeIsTheWholeQueueWithoutSnoozed() throws {
        try fillStats()
        // Waiting: m4 30 m, m5 5 h, x3 8 d, whatever the period.
        for since in [nil, Self.morning.addingTimeInterval(-Self.hour)] {
            let stats = try store.stats(since: since, now: Self.morning)
            XCTAssertEqual(stats.waitingAges.map(\.label), ["under 1 h", "1–4 h", "4–24 h", "1–7 days", "1–4 weeks", "older"])
            XCTAssertEqual(stats.waitingAges.map(\.count), [1, 0, 1, 0, 1, 0])
        }
    }

    func checkPerDayReceivedAndAnswersGiven() throws {
        try fillStats()
        let stats = try store.stats(since: nil, now: Self.morning)
        let today = 20_778.0 * Self.day
        // Everything: every day from the first item's (m1, D−10) to today.
        XCTAssertEqual(stats.days.map(\.start), (0..<11).map { Date(timeIntervalSince1970: today - Double(10 - $0) * Self.day) })
        // Received by arrival day: m1 D−10, x3 D−8, m2 D−3, m3 and x1 D−2, x2 D−1 (07:00), m4 and m5 today.
        XCTAssertEqual(stats.days.map(\.received), [1, 0, 1, 0, 0, 0, 0, 1, 2, 1, 2])
        // Answered by the day of the answer: m1 D−10, m2 D−3, m3 D−2, x1 D−1 (11:00).
        XCTAssertEqual(stats.days.map(\.answered), [1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0])
        XCTAssertEqual(stats.days.map(\.received).reduce(0, +), stats.all.received, "the trend sums to the period's figures")
        XCTAssertEqual(stats.days.map(\.answered).reduce(0, +), stats.all.answersGiven)
        XCTAssertEqual(stats.all.answersGiven, 4)
    }

    func checkStatsSinceWindow() throws {
        try fillStats()
        let stats = try store.stats(since: Self.morning.addingTimeInterval(-7 * Self.day), now: Self.morning)
        // Leaves out m1 (10 d) and x3 (8 d). mastodon times 600 and 7200: median 3900, p90 6540.
        let mastodon = stats.platforms[0], x = stats.platforms[1]
        XCTAssertEqual([stats.all.received, stats.all.answered, stats.all.waiting, stats.all.snoozed], [6, 3, 2, 1])
        XCTAssertEqual([mastodon.received, mastodon.replied, mastodon.acknowledged, mastodon.waiting], [4, 1, 1, 2])
        XCTAssertEqual(mastodon.medianSeconds, 3_900)
        XCTAssertEqual(mastodon.p90Seconds, 6_540)
        XCTAssertEqual(mastodon.within.map(\.share), [1.0 / 3.0, 2.0 / 3.0, 1])
        XCTAssertEqual([x.received, x.acknowledged, x.snoozed, x.waiting], [2, 1, 1, 0])
        XCTAssertEqual(x.within.map(\.counted), [2, 2, 2])
        // Trend: the period's 8 days (D−7 from 09:00 to today); m1's answer on D−10 is outside it.
        XCTAssertEqual(stats.days.count, 8)
        XCTAssertEqual(stats.days.map(\.received), [0, 0, 0, 0, 1, 2, 1, 2])
        XCTAssertEqual(stats.days.map(\.answered), [0, 0, 0, 0, 1, 1, 1, 0])
        XCTAssertEqual(stats.since, Self.morning.addingTimeInterval(-7 * Self.day))
        XCTAssertEqual([stats.all.answersGiven, mastodon.answersGiven, x.answersGiven], [3, 2, 1], "the answers the trend counts")
    }

    /// Answering items older than the period: the Answers table's given and the trend agree
    /// (both 2 more), while answered counts only the period's arrivals.
    func checkAnswersGivenToOlderItemsAgreeWithTheTrend() throws {
        try fillStats()
        let week = Self.morning.addingTimeInterval(-7 * Self.day)
        try store.acknowledge([ref(.x, "x3")], at: Self.morning.addingTimeInterval(-60))
        try store.markReplied(ref(.mastodon, "m4"), draft: "d4", at: Self.morning.addingTimeInterval(-30))
        let stats = try store.stats(since: week, now: Self.morning)
        XCTAssertEqual(stats.all.answered, 4, "m2, m3, x1 and m4; x3 arrived before the period")
        XCTAssertEqual(stats.all.answersGiven, 5, "x3 counts among the answers given in the period")
        XCTAssertEqual(stats.days.last?.answered, 2)
        XCTAssertEqual(stats.days.map(\.answered).reduce(0, +), stats.all.answersGiven)
        XCTAssertEqual(stats.platforms.map(\.answersGiven), [3, 2])
    }

    func checkAnUndoneAnswerCountsAsWaitingAgain() throws {
        try fillStats()
        _ = try store.undoLast()  // x1's acknowledgement
        let x = try store.stats(since: nil, now: Self.morning).platforms[1]
        XCTAssertEqual([x.acknowledged, x.waiting, x.timed], [0, 2, 0])
        XCTAssertEqual(x.responseRate, 0)
    }

    func checkAnImportedAnswerWithoutATimeIsAnsweredButUntimed() throws {
        let now = Self.morning, day = Self.day
        _ = try store.importing(now: now) { sink in
            try sink.put(Mention(platform: .bluesky, id: "b1", text: "hi", createdAt: now.addingTimeInterval(-day), state: .acknowledged(at: Date(timeIntervalSince1970: 0))))
            try sink.put(Mention(platform: .bluesky, id: "b2", text: "hi", createdAt: now.addingTimeInterval(-day), state: .replied(draft: "", at: now.addingTimeInterval(-day + 60))))
        }
        let all = try store.stats(since: nil, now: now).all
        XCTAssertEqual([all.received, all.answered, all.timed], [2, 2, 1])
        XCTAssertEqual(all.medianSeconds, 60)
        XCTAssertEqual(all.responseRate, 1)
    }

    func checkStatsOfAnEmptyStore() throws {
        let stats = try store.stats(since: nil, now: Self.morning)
        XCTAssertEqual(stats.platforms, [])
        XCTAssertEqual(stats.all.received, 0)
        XCTAssertNil(stats.all.responseRate)
        XCTAssertEqual(stats.waitingAges.map(\.count), [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(stats.days.map(\.received), [0], "today alone")
    }
}
