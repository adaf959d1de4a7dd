import Foundation
import HeedCore
import HeedImport
import TestSupport
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
        try MentionFile.read(fd: fd, file: "t", format: .heedLines) { event in
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

    /// Random times, real and not, against Foundation's Gregorian calendar: read exactly when
    /// the calendar has the day and the zone is one a clock can show, refused otherwise.
    func testRandomTimesAreReadWhenRealAndRefusedOtherwise() {
        var generator = SeededRandom.forTest("ImpossibleTimeTests")
        let seed = generator.seed
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        for _ in 0..<5_000 {
            let (year, month, day) = (Int.random(in: 1900...2400, using: &generator), Int.random(in: 0...13, using: &generator), Int.random(in: 0...32, using: &generator))
            let (hour, minute, second) = (Int.random(in: 0...24, using: &generator), Int.random(in: 0...60, using: &generator), Int.random(in: 0...59, using: &generator))
            let (zoneHours, zoneMinutes, west) = (Int.random(in: 0...25, using: &generator), Int.random(in: 0...61, using: &generator), Bool.random(using: &generator))
            let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", year, month, day, hour, minute, second, west ? "-" : "+", zoneHours, zoneMinutes)
            let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            let real = parts.isValidDate(in: calendar) && zoneHours < 24 && zoneMinutes < 60
            let read = Timestamp.parseISO(text)
            XCTAssertEqual(read != nil, real, "\(text) (seed \(seed))")
            if let read, real, let utc = calendar.date(from: parts) {
                let offset = (west ? -1 : 1) * (zoneHours * 3_600 + zoneMinutes * 60)
                XCTAssertEqual(read.timeIntervalSince1970, utc.timeIntervalSince1970 - Double(offset), "\(text) (seed \(seed))")
            }
            if testRun!.totalFailureCount > 0 { return }
        }
    }
}
