import Foundation
import HeedCore
import HeedImport
import XCTest

/// Times that name no instant (February 31, a zone of +99:99, a colon without its minutes) are
/// refused with the field named, never moved to another day: the queue ranks by them.
final class ImpossibleTimeTests: XCTestCase {
    /// What one line became.
    enum Outcome { case time(Date), rejected(ImportProblem) }

    /// What each line of heed's JSON Lines with these `created_at` became.
    func read(_ times: [String]) throws -> [Outcome] {
        let lines = times.enumerated().map { #"{"platform":"x","id":"\#($0.offset)","text":"t","created_at":"\#($0.element)"}"# }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("heed-times-\(UUID().uuidString).jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var results: [Outcome] = []
        try MentionFile.read(fd: fd, file: "t", format: "jsonl") { event in
            switch event {
            case .mention(let mention): results.append(.time(mention.createdAt))
            case .rejected(let problem): results.append(.rejected(problem))
            default: XCTFail("\(event)")
            }
        }
        return results
    }

    func testImpossibleDatesAndZonesAreRejectedNamingTheField() throws {
        let impossible = ["2026-02-31T09:14:00Z", "2026-02-29T09:14:00Z", "2100-02-29T09:14:00Z", "2026-04-31T09:14:00Z",
                          "2026-11-20T09:14:00+99:99", "2026-11-20T09:14:00-00:75", "2026-11-20T09:14:00+24:00",
                          "2026-11-20T09:14:00+05:", "2026-11-20T09:14:00+0575"]
        let results = try read(impossible)
        XCTAssertEqual(results.count, impossible.count)
        for (time, result) in zip(impossible, results) {
            guard case .rejected(let problem) = result else { XCTFail("\(time) was read as \(result)"); continue }
            XCTAssertTrue(problem.reason.contains("'created_at'") && problem.reason.contains(time), "\(time): \(problem.reason)")
        }
    }

    func testEveryRealDayAndZoneIsStillRead() throws {
        let real: [(String, String)] = [
            ("2028-02-29T09:14:00Z", "2028-02-29T09:14:00Z"), ("2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"),
            ("2026-12-31T23:59:59Z", "2026-12-31T23:59:59Z"), ("2026-04-30T09:14:00Z", "2026-04-30T09:14:00Z"),
            ("2026-11-20T09:14:00+05:30", "2026-11-20T03:44:00Z"), ("2026-11-20T09:14:00+0530", "2026-11-20T03:44:00Z"),
            ("2026-11-20T09:14:00-23:59", "2026-11-21T09:13:00Z"), ("2026-11-20T09:14:00+14", "2026-11-19T19:14:00Z"),
            ("2026-11-20T09:14:00-00:00", "2026-11-20T09:14:00Z"),
        ]
        let results = try read(real.map(\.0))
        XCTAssertEqual(results.count, real.count)
        for ((time, utc), result) in zip(real, results) {
            guard case .time(let date) = result else { XCTFail("\(time): \(result)"); continue }
            XCTAssertEqual(Timestamp.format(date), utc, time)
        }
    }
}
