import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// The stats screen rendered to text and compared line by line.
final class StatsViewTests: XCTestCase {
    /// 2026-11-21 09:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_251_600)

    /// A week: mastodon 4 received (1 replied after 2 h, 1 acknowledged after 10 m, 2 waiting,
    /// one of them past 4 h); x 2 received (1 acknowledged after 26 h, 1 snoozed past 24 h).
    static var stats: ResponseStats {
        let mastodon = AnswerFigures(platform: .mastodon, received: 4, replied: 1, acknowledged: 1, waiting: 2, snoozed: 0, durations: [7_200, 600], unansweredOlder: [1, 1, 0], answersGiven: 12)
        let x = AnswerFigures(platform: .x, received: 2, replied: 0, acknowledged: 1, waiting: 0, snoozed: 1, durations: [93_600], unansweredOlder: [1, 1, 1], answersGiven: 7)
        let all = AnswerFigures(platform: nil, received: 6, replied: 1, acknowledged: 2, waiting: 2, snoozed: 1, durations: [600, 7_200, 93_600], unansweredOlder: [2, 2, 1], answersGiven: 19)
        var ages = AgeBucket.empty
        for (index, count) in [3, 0, 12, 5, 24, 1].enumerated() { ages[index].count = count }
        let received = [0, 0, 0, 0, 1, 2, 1, 2], answered = [0, 0, 0, 0, 1, 1, 1, 16]
        let days = (0..<8).map { DayCount(start: Date(timeIntervalSince1970: Double(20_771 + $0) * 86_400), received: received[$0], answered: answered[$0]) }
        return ResponseStats(now: now, since: now.addingTimeInterval(-7 * 86_400), all: all, platforms: [mastodon, x], waitingAges: ages, days: days)
    }

    func screen(_ stats: ResponseStats?, scroll: Int = 0, width: Int = 80, height: Int = 24) -> [String] {
        var buffer = ScreenBuffer(width: width, height: height)
        StatsView.render(stats, scroll: scroll, width: width, height: height, settings: Settings(), into: &buffer)
        return buffer.lines().map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    func testAt80x24() {
        XCTAssertEqual(screen(Self.stats), [
            " heed stats  last 1w",
            " Items received in the last 1w (since 2026-11-14 09:00 UTC), as of 2026-11-21",
            " 09:00 UTC.",
            "",
            " Answers",
            "            received  answered  replied  acked  waiting  snoozed  rate  given",
            " all               6         3        1      2        2        1   50%     19",
            " mastodon          4         2        1      1        2        0   50%     12",
            " x                 2         1        0      1        0        1   50%      7",
            " received: items that arrived in the period. answered: replied to, or",
            " acknowledged (seen, no reply needed). waiting, snoozed: not answered yet.",
            " rate: answered ÷ received, so whatever still waits or is snoozed counts",
            " against it.",
            " acked: acknowledged. given: answers given in the period to items of any age",
            " (the per-day column), older ones included.",
            "",
            " Time to answer",
            "            answered  median      p90  ≤1h  ≤4h  ≤24h",
            " all               3      2h  21h 12m  20%  40%   50%",
            " mastodon          2   1h 5m   1h 49m  33%  67%  100%",
            " x                 1   1d 2h    1d 2h   0%   0%    0%",
            " From an item's arrival to its reply or acknowledgement, so time snoozed counts",
            "",
            "",
        ])
    }

    func testScrolledToTheEndAt80x24() {
        let end = StatsView.maxScroll(Self.stats, width: 80, height: 24, settings: Settings())
        XCTAssertEqual(screen(Self.stats, scroll: end), screen(Self.stats, scroll: end + 100), "scrolling stops at the last line")
        XCTAssertEqual(screen(Self.stats, scroll: end), [
            " heed stats  last 1w",
            " under 1 h  ███████▌                                                      3",
            " 1–4 h                                                                    0",
            " 4–24 h     ██████████████████████████████                               12",
            " 1–7 days   ████████████▌                                                 5",
            " 1–4 weeks  ████████████████████████████████████████████████████████████ 24",
            " older      ██▌                                                           1",
            " The whole queue as it stands, whatever the period; snoozed items are not in",
            " it.",
            "",
            " Per day (UTC)",
            "           received                          answers given",
            " 11-14 Sat                                 0                                  0",
            " 11-15 Sun                                 0                                  0",
            " 11-16 Mon                                 0                                  0",
            " 11-17 Tue                                 0                                  0",
            " 11-18 Wed █▉                              1  █▉                              1",
            " 11-19 Thu ███▋                            2  █▉                              1",
            " 11-20 Fri █▉                              1  █▉                              1",
            " 11-21 Sat ███▋                            2  █████████████████████████████  16",
            " received: arrived that day. answers given: replies and acknowledgements that",
            " day, to items of any age. Each sums to its column above. Today so far.",
            "",
            "",
        ])
    }

    func testBarsAreColouredByAge() {
        var buffer = ScreenBuffer(width: 80, height: 24)
        let end = StatsView.maxScroll(Self.stats, width: 80, height: 24, settings: Settings())
        StatsView.render(Self.stats, scroll: end, width: 80, height: 24, settings: Settings(), into: &buffer)
        XCTAssertEqual((1...6).map { buffer[12, $0].role }, [.ageFresh, .ageDue, .ageLate, .ageOverdue, .ageOverdue, .ageOverdue],
                       "under 1 h is fresh, 1–4 h due, 4–24 h late, a day and more overdue")
        XCTAssertEqual(buffer[12, 2].text, " ", "nothing waits 1–4 h")
        XCTAssertEqual(buffer[0, 0].role, .header)
    }

    func testCountingBeforeTheFiguresArrive() {
        XCTAssertEqual(screen(nil, width: 40, height: 10), [" heed stats", "", " Counting…", "", "", "", "", "", "", ""])
        XCTAssertEqual(StatsView.maxScroll(nil, width: 40, height: 10, settings: Settings()), 0)
    }

    func testNothingOverflowsFrom40x10To200x60() {
        for (width, height) in [(40, 10), (41, 11), (57, 13), (80, 24), (120, 40), (200, 60)] {
            let end = StatsView.maxScroll(Self.stats, width: width, height: height, settings: Settings())
            for scroll in 0...end {
                let lines = screen(Self.stats, scroll: scroll, width: width, height: height)
                XCTAssertEqual(lines.count, height)
                XCTAssertTrue(lines.allSatisfy { Glyphs.width($0) <= width - 1 }, "\(width)×\(height) scroll \(scroll): \(lines)")
                XCTAssertEqual(lines[height - 2], "", "the status row is the caller's")
                XCTAssertEqual(lines[height - 1], "", "the key bar is the caller's")
            }
        }
        XCTAssertEqual(screen(Self.stats, width: 40, height: 10), [
            " heed stats  last 1w",
            " Items received in the last 1w (since",
            " 2026-11-14 09:00 UTC), as of",
            " 2026-11-21 09:00 UTC.",
            "",
            " Answers",
            "            received  answered  rate",
            " all               6         3   50%",
            "",
            "",
        ])
    }

    func testPlainTextIs80Wide() {
        let lines = StatsView.text(Self.stats)
        XCTAssertTrue(lines.allSatisfy { Glyphs.width($0) <= 80 })
        XCTAssertEqual(lines.first, "Items received in the last 1w (since 2026-11-14 09:00 UTC), as of 2026-11-21")
        XCTAssertTrue(lines.contains("all               6         3        1      2        2        1   50%     19"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("11-21 Sat ███▊                             2  ██████████████████████████████  16"), lines.joined(separator: "\n"))
    }

    func testALongPeriodIsShownWholeInWeeks() {
        var stats = Self.stats
        stats.since = nil
        stats.days = (0..<3).map { DayCount(start: Date(timeIntervalSince1970: Double(20_758 + 7 * $0) * 86_400), days: 7, received: [4, 0, 2][$0], answered: [1, 3, 15][$0]) }
        let lines = StatsView.text(stats)
        let title = lines.firstIndex(of: "Per week (UTC, 7 days from the date shown)")
        XCTAssertNotNil(title, lines.joined(separator: "\n"))
        XCTAssertEqual(lines[(title ?? 0) + 2].prefix(11), "2026-11-01 ", "a bucket is named by its first date")
        XCTAssertEqual(lines.filter { $0.hasPrefix("2026-") }.count, 3)
    }
}
