import Foundation
import StandIn
import TestSupport
import XCTest

/// Fetching 10,000 Mastodon mentions from the stand-in with the real binary: items per second
/// and the peak memory of `heed fetch` (`/usr/bin/time`). A measurement, not a test: it runs
/// only when `HEED_FETCH_BENCHMARK` is set (see Benchmarks/README.md), with the binary in
/// `HEED_BIN` (a release build) or the one beside the tests.
final class FetchBenchmark: HeedTestCase {
    func testFetchingTenThousandMentions() throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["HEED_FETCH_BENCHMARK"] != nil else {
            throw XCTSkip("a measurement: HEED_FETCH_BENCHMARK=1 HEED_BIN=.build/release/heed swift test --filter FetchBenchmark")
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { throw XCTSkip("no /usr/bin/time to read the peak memory") }
        let count = Int(environment["HEED_FETCH_ITEMS"] ?? "") ?? 10_000
        let binary = environment["HEED_BIN"] ?? heed!
        let standIn = try StandIn(samples: SharedFiles.samples())
        defer { standIn.stop() }
        standIn.mastodon.addMentions(count)
        let config = directory.appendingPathComponent("config.toml").path
        try "[[accounts]]\nplatform = \"mastodon\"\nserver = \"\(standIn.base)\"\nhandle = \"noiob@127.0.0.1\"\ntoken_env = \"T\"\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let run = ["HOME": directory.path, "TZ": "UTC", "PATH": "/usr/bin:/bin", "HEED_STORE": storePath, "T": standIn.mastodon.token,
                   "XDG_DATA_HOME": directory.appendingPathComponent("data").path]
        let times = directory.appendingPathComponent("time.txt").path
        let started = Date()
        let result = try Spawn.run(["/usr/bin/time", "-o", times, "-f", "%U %S %M", binary, "fetch", "--config", config, "--since", "1y"],
                                   environment: run, timeout: 600)
        let wall = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 0, result.stderr)
        // The recorded mentions of this year come too.
        let imported = Int(result.stdout.split(separator: " ").drop { $0 != "imported" }.dropFirst().first?.dropLast() ?? "") ?? 0
        XCTAssertGreaterThanOrEqual(imported, count, result.stdout)
        let measured = try String(contentsOfFile: times, encoding: .utf8).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        XCTAssertEqual(measured.count, 3)
        let cpu = measured[0] + measured[1]
        let peak = measured[2] / 1024
        let pages = standIn.requests(to: "/api/v1/notifications").count
        print(String(format: "fetch benchmark: %d mentions in %d pages, %.2f s (heed's CPU %.2f s), %.0f items/s, peak %.1f MiB",
                     imported, pages, wall, cpu, Double(imported) / wall, peak))
    }
}
