import Foundation
import HeedCore
import XCTest

/// The stats figures on a fixture small enough to work out by hand.
final class StatsTests: XCTestCase {
    /// 12 received: 5 replied and 3 acknowledged (one with an answer time before its arrival,
    /// so untimed), 3 waiting, 1 snoozed. Of the unanswered, 2 are older than 1 h, 1 older than
    /// 4 h, none older than 24 h.
    let figures = AnswerFigures(
        platform: .mastodon, received: 12, replied: 5, acknowledged: 3, waiting: 3, snoozed: 1,
        durations: [600, 1_800, 3_600, 7_200, 20_000, 90_000, 100, -5], unansweredOlder: [2, 1, 0]
    )

    func testCountsAndRate() {
        XCTAssertEqual(figures.answered, 8)
        XCTAssertEqual(figures.responseRate, 8.0 / 12.0)
        XCTAssertEqual(figures.timed, 7, "the answer recorded before the item arrived has no usable time")
    }

    func testMedianAndP90OfTheTimedAnswers() {
        // Sorted: 100, 600, 1800, 3600, 7200, 20000, 90000. Median at rank 3 (of 0…6): 3600.
        // p90 at 0.9 × 6 = 5.4: 20000 + 0.4 × (90000 − 20000) = 48000.
        XCTAssertEqual(figures.medianSeconds, 3_600)
        XCTAssertEqual(figures.p90Seconds, 48_000)
    }

    func testSharesCountUnansweredItemsPastTheLimitAgainst() {
        // ≤ 1 h: 100, 600, 1800, 3600 answered in time, out of 7 timed + 2 unanswered past 1 h.
        // ≤ 4 h: and 7200, out of 7 + 1. ≤ 24 h: and 20000, out of 7 + 0.
        XCTAssertEqual(figures.within, [
            WithinShare(seconds: 3_600, answered: 4, counted: 9, share: 4.0 / 9.0),
            WithinShare(seconds: 14_400, answered: 5, counted: 8, share: 5.0 / 8.0),
            WithinShare(seconds: 86_400, answered: 6, counted: 7, share: 6.0 / 7.0),
        ])
    }

    func testPercentileInterpolatesBetweenRanks() {
        XCTAssertEqual(AnswerFigures.percentile([1, 2, 3, 10], 0.5), 2.5, "the mean of the middle two")
        XCTAssertEqual(AnswerFigures.percentile([1, 2, 3, 10], 0.9)!, 7.9, accuracy: 1e-9, "3 + 0.7 × 7")
        XCTAssertEqual(AnswerFigures.percentile([42], 0.9), 42)
        XCTAssertNil(AnswerFigures.percentile([], 0.5))
        XCTAssertEqual(AnswerFigures.percentile([5, 9], 0), 5)
        XCTAssertEqual(AnswerFigures.percentile([5, 9], 1), 9)
    }

    func testNothingToMeasureIsNilNotZero() {
        let empty = AnswerFigures(platform: nil, received: 0, replied: 0, acknowledged: 0, waiting: 0, snoozed: 0, durations: [], unansweredOlder: [0, 0, 0])
        XCTAssertNil(empty.responseRate)
        XCTAssertNil(empty.medianSeconds)
        XCTAssertNil(empty.p90Seconds)
        XCTAssertEqual(empty.within.map(\.share), [nil, nil, nil])
        let unanswered = AnswerFigures(platform: nil, received: 4, replied: 0, acknowledged: 0, waiting: 4, snoozed: 0, durations: [], unansweredOlder: [3, 1, 0])
        XCTAssertEqual(unanswered.responseRate, 0)
        XCTAssertEqual(unanswered.within.map(\.share), [0, 0, nil], "three past 1 h and one past 4 h are late; none has passed 24 h yet")
    }

    func testTrendCoversTheWholePeriodInDaysOrLongerBuckets() {
        let now = Timestamp.parseISO("2026-11-21T09:00:00Z")!
        let today = DayCount.dayNumber(now)
        XCTAssertEqual(today, 20_778)
        let everything = Trend(since: nil, earliest: nil, now: now)
        XCTAssertEqual([everything.firstDay, everything.lastDay, everything.length], [today, today, 1], "an empty store: today alone")
        let threeDays = Trend(since: now.addingTimeInterval(-3 * 86_400), earliest: nil, now: now)
        XCTAssertEqual([threeDays.firstDay, Int64(threeDays.count)], [today - 3, 4])
        let month = Trend(since: now.addingTimeInterval(-30 * 86_400), earliest: nil, now: now)
        XCTAssertEqual([month.firstDay, Int64(month.count), month.length], [today - 30, 31, 1], "30 days are shown whole, not the last 14")
        let hour = Trend(since: now.addingTimeInterval(-3_600), earliest: nil, now: now)
        XCTAssertEqual([hour.firstDay, Int64(hour.count)], [today, 1])
        let years = Trend(since: nil, earliest: now.addingTimeInterval(-400 * 86_400), now: now)
        XCTAssertEqual(years.length, 7, "401 days are 58 weeks")
        XCTAssertEqual(years.count, 58)
        XCTAssertEqual(years.lastDay, today)
        XCTAssertEqual(years.bucket(Int64(now.timeIntervalSince1970 * 1000)), 57, "today is in the last bucket")
        XCTAssertNil(month.bucket(Int64(now.addingTimeInterval(-31 * 86_400).timeIntervalSince1970 * 1000)), "before the period")
        let days = month.days(received: [2], answered: [1])
        XCTAssertEqual(days.count, 31)
        XCTAssertEqual(days[0], DayCount(start: Timestamp.parseISO("2026-10-22T00:00:00Z")!, received: 2, answered: 1))
    }

    func testJSONHasEveryKeyInSnakeCaseAndISODates() throws {
        let now = Timestamp.parseISO("2026-11-21T09:00:00.250Z")!
        var buckets = AgeBucket.empty
        buckets[5].count = 2
        let stats = ResponseStats(now: now, since: nil, all: figures, platforms: [figures], waitingAges: buckets,
                                  days: [DayCount(start: Timestamp.parseISO("2026-11-21T00:00:00Z")!, received: 3, answered: 1)])
        let data = try ResponseStats.jsonEncoder.encode(stats)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix(#"{"all":{"acknowledged":3,"answered":8,"answered_with_time":7,"answers_given":0,"median_seconds":3600,"p90_seconds":48000,"platform":"mastodon","received":12,"replied":5,"#), text)
        XCTAssertTrue(text.contains(#""days":[{"answered":1,"received":3,"start":"2026-11-21T00:00:00Z"}],"generated_at":"2026-11-21T09:00:00.250Z","#), text)
        XCTAssertTrue(text.contains(#""since":null,"#), text)
        XCTAssertTrue(text.contains(#"{"count":2,"from_seconds":2419200,"label":"older","to_seconds":null}"#), text)
        XCTAssertEqual(try ResponseStats.jsonDecoder.decode(ResponseStats.self, from: data), stats)
    }

    func testABucketOfSeveralDaysSaysItsLengthInJSON() throws {
        let week = DayCount(start: Timestamp.parseISO("2026-11-15T00:00:00Z")!, days: 7, received: 3, answered: 2)
        let data = try ResponseStats.jsonEncoder.encode(week)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"answered":2,"length_days":7,"received":3,"start":"2026-11-15T00:00:00Z"}"#)
        XCTAssertEqual(try ResponseStats.jsonDecoder.decode(DayCount.self, from: data), week)
    }
}
