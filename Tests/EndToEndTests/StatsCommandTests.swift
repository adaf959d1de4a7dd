import Foundation
import XCTest

/// `heed stats` through the real binary: the plain report and `--json`, on items whose answer
/// times are set by the import, so every figure is known in advance.
final class StatsCommandTests: HeedTestCase {
    /// mastodon a1 (3 d ago, acknowledged after 2 h), a2 (2 d, replied after 10 m), a3 (5 h,
    /// waiting), a4 (30 m, waiting); x b1 (2 d, acknowledged after 26 h), b2 (8 d, waiting).
    func importFixture() throws {
        let now = Date()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        func item(_ platform: String, _ id: String, ago: TimeInterval, answered: (state: String, after: TimeInterval)? = nil) -> [String: Any] {
            let created = now.addingTimeInterval(-ago).timeIntervalSince1970.rounded(.down)
            var object: [String: Any] = [
                "platform": platform, "id": id, "kind": "mention", "author": ["handle": "someone"], "text": "hello",
                "created_at": formatter.string(from: Date(timeIntervalSince1970: created)),
            ]
            if let answered {
                object["state"] = answered.state
                object[answered.state == "replied" ? "replied_at" : "acknowledged_at"] = formatter.string(from: Date(timeIntervalSince1970: created + answered.after))
            }
            return object
        }
        try importMentions([
            item("mastodon", "a1", ago: 3 * 86_400, answered: ("acknowledged", 7_200)),
            item("mastodon", "a2", ago: 2 * 86_400, answered: ("replied", 600)),
            item("mastodon", "a3", ago: 5 * 3_600),
            item("mastodon", "a4", ago: 1_800),
            item("x", "b1", ago: 2 * 86_400, answered: ("acknowledged", 93_600)),
            item("x", "b2", ago: 8 * 86_400),
        ])
    }

    func testPlainReport() throws {
        try importFixture()
        let result = try runHeed(["stats"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.components(separatedBy: "\n")
        XCTAssertTrue(lines[0].hasPrefix("Items received at any time (everything in the store), as of "), lines[0])
        // Answer times 600, 7200, 93600 s: median 2 h, p90 7200 + 0.8 × 86400 = 21 h 12 m.
        // Unanswered past 1 h and 4 h: a3 and b2; past 24 h: b2.
        // ≤1h 1 of 3 + 2, ≤4h 2 of 3 + 2, ≤24h 2 of 3 + 1.
        let start = try XCTUnwrap(lines.firstIndex(of: "Answers"), result.stdout)
        XCTAssertEqual(Array(lines[start...(start + 4)]), [
            "Answers",
            "           received  answered  replied  acked  waiting  snoozed  rate  given",
            "all               6         3        1      2        3        0   50%      3",
            "mastodon          4         2        1      1        2        0   50%      2",
            "x                 2         1        0      1        1        0   50%      1",
        ])
        let times = try XCTUnwrap(lines.firstIndex(of: "Time to answer"), result.stdout)
        XCTAssertEqual(Array(lines[times...(times + 4)]), [
            "Time to answer",
            "           answered  median      p90  ≤1h  ≤4h  ≤24h",
            "all               3      2h  21h 12m  20%  40%   50%",
            "mastodon          2   1h 5m   1h 49m  33%  67%  100%",
            "x                 1   1d 2h    1d 2h   0%   0%    0%",
        ])
        let waiting = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Waiting now, by age") }, result.stdout)
        XCTAssertEqual(lines[waiting], "Waiting now, by age  3 items")
        XCTAssertEqual(lines[(waiting + 1)...(waiting + 6)].map { $0.split(separator: " ").last.map(String.init) ?? "" }, ["1", "0", "1", "0", "1", "0"],
                       "30 m, 5 h and 8 d: \(lines[(waiting + 1)...(waiting + 6)])")
        XCTAssertTrue(lines[waiting + 1].hasPrefix("under 1 h  ████"), lines[waiting + 1])
        XCTAssertTrue(lines.contains("answered ÷ received, so whatever still waits or is snoozed counts against it."), result.stdout)
        XCTAssertTrue(lines.contains("Per day (UTC)"), result.stdout)
        XCTAssertTrue(lines.contains("Replies heed posted: 0 sent · 0 pending · 0 unknown"), result.stdout)
        // Everything: the trend runs from the first item's day (b2, 8 days ago) to today, whole.
        let days = try XCTUnwrap(lines.firstIndex(of: "Per day (UTC)"), result.stdout)
        XCTAssertEqual(lines[(days + 2)...].prefix { $0.first?.isNumber == true }.count, 9, result.stdout)
        XCTAssertEqual(lines.filter { $0.unicodeScalars.count > 80 }, [], "every line fits 80 columns")
    }

    func testJSONSinceAWeek() throws {
        try importFixture()
        let result = try runHeed(["stats", "--since", "7d", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.filter { $0 == "\n" }.count, 1, "one object on one line")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["generated_at", "since", "all", "platforms", "waiting_ages", "days", "outbox"])
        XCTAssertEqual(object["outbox"] as? [String: Int], ["sent": 0, "pending": 0, "failed": 0, "unknown": 0], "no outbox yet")
        let all = try XCTUnwrap(object["all"] as? [String: Any])
        // b2 (8 d) is before the week.
        XCTAssertEqual(all["received"] as? Int, 5)
        XCTAssertEqual(all["answered"] as? Int, 3)
        XCTAssertEqual(all["waiting"] as? Int, 2)
        XCTAssertEqual(all["response_rate"] as? Double, 0.6)
        XCTAssertEqual(all["median_seconds"] as? Double, 7_200)
        XCTAssertTrue(all["platform"] is NSNull)
        let within = try XCTUnwrap(all["within"] as? [[String: Any]])
        XCTAssertEqual(within.map { $0["seconds"] as? Double }, [3_600, 14_400, 86_400])
        XCTAssertEqual(within.map { $0["counted"] as? Int }, [4, 4, 3])
        let platforms = try XCTUnwrap(object["platforms"] as? [[String: Any]])
        XCTAssertEqual(platforms.map { $0["platform"] as? String }, ["mastodon", "x"])
        let ages = try XCTUnwrap(object["waiting_ages"] as? [[String: Any]])
        XCTAssertEqual(ages.map { $0["count"] as? Int }, [1, 0, 1, 0, 1, 0], "the whole queue, b2 included")
        let days = try XCTUnwrap(object["days"] as? [[String: Any]])
        XCTAssertTrue((8...9).contains(days.count), "the week's days, today included: \(days.count)")
        XCTAssertEqual(days.compactMap { $0["received"] as? Int }.reduce(0, +), 5)
        for key in ["generated_at", "since"] {
            let text = try XCTUnwrap(object[key] as? String)
            XCTAssertNotNil(ISO8601DateFormatter().date(from: text.replacingOccurrences(of: #"\.\d+Z$"#, with: "Z", options: .regularExpression)), text)
        }
    }

    func testABadSpanIsAUsageError() throws {
        let result = try runHeed(["stats", "--since", "soon"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("'soon' is not a duration"), result.stderr)
    }
}
