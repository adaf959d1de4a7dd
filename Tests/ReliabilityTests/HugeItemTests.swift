import Foundation
import HeedCore
import HeedStore
import XCTest

/// An item whose text is 50 MiB (put straight into the store, whatever an import would take):
/// every command and the queue show its start with its size, at the cost of holding the text
/// as read, never a multiple of it; the queue stays responsive.
final class HugeItemTests: HeedTestCase {
    static let size = 50 << 20

    func storeHugeItem() throws {
        let store = try Store(path: storePath)
        let now = Date()
        _ = try store.importing(now: now) { sink in
            try sink.put(Mention(platform: .mastodon, id: "flood", author: Author(handle: "flood"),
                                 text: String(repeating: "0123456789abcdef", count: Self.size / 16), createdAt: now.addingTimeInterval(-7_200)))
            try sink.put(Mention(platform: .mastodon, id: "small", author: Author(handle: "alice"), text: "hello", createdAt: now.addingTimeInterval(-60)))
        }
    }

    /// `heed arguments…` under /usr/bin/time: its output and its peak memory in bytes.
    func measured(_ arguments: [String]) throws -> (stdout: String, peak: Int) {
        let result = try Spawn.run(["/usr/bin/time", "-f", "peak=%M", heed] + arguments, environment: heedEnvironment)
        XCTAssertEqual(result.status, 0, result.stderr)
        let peak = result.stderr.split(separator: "\n").last { $0.hasPrefix("peak=") }.flatMap { Int($0.dropFirst(5)) } ?? 0
        return (result.stdout, peak * 1024)
    }

    func testCommandsAndTheQueueShowItsStartWithItsSize() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { throw XCTSkip("no /usr/bin/time to measure peak memory") }
        let baseline = try measured(["list"]).peak
        try storeHugeItem()
        let (listed, peak) = try measured(["list"])
        let rows = listed.split(separator: "\n")
        XCTAssertEqual(rows.count, 2)
        XCTAssertTrue(rows[0].hasPrefix("2h\tmastodon:flood\twaiting\tflood\t[50.0 MiB] 0123456789abcdef"), String(rows[0].prefix(80)))
        XCTAssertLessThan(rows[0].utf8.count, 1_200, "a piped row keeps 1,000 cells of text")
        // The text read from the store (SQLite's copy and Swift's): no more.
        XCTAssertLessThan(peak - baseline, 3 * Self.size, "heed list grew by \((peak - baseline) >> 20) MiB for a 50 MiB text")
        let (json, jsonPeak) = try measured(["list", "--json"])
        XCTAssertGreaterThan(json.utf8.count, Self.size, "--json gives the text whole")
        XCTAssertLessThan(jsonPeak - baseline, 5 * Self.size, "heed list --json grew by \((jsonPeak - baseline) >> 20) MiB")

        // The queue shows its size and stays responsive.
        let tmux = try makeTmux()
        try tmux.start(queueCommand(), width: 100, height: 30)
        try tmux.waitForText("q quit", "The text is 50.0 MiB: its start is shown; heed list --json gives it whole")
        // Down to the small item and back: each key is answered with its screen.
        try tmux.press("j")
        try tmux.waitForText("─ @alice")
        try tmux.press("k")
        try tmux.waitForText("The text is 50.0 MiB")
        try tmux.press("q")
        try tmux.waitUntilGone()
    }
}
