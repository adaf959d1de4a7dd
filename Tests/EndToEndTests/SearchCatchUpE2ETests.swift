import Foundation
import XCTest

/// An import too large to index for search at once leaves the index to the next queue: it
/// draws first, indexes in the background, says so, and searches find everything after.
final class SearchCatchUpE2ETests: HeedTestCase {
    func testQueueIndexesALargeImportInTheBackground() throws {
        let backlog = directory.appendingPathComponent("backlog.jsonl").path
        let generated = try runHeed(["demo", "--generate", "60000", "-o", backlog])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let imported = try runHeed(["import", backlog])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        tmux.deadline = 120
        try openQueue()
        try tmux.waitForText("Search index ready (60,000 items indexed)")
        try tmux.press("/")
        try tmux.type("meetup")
        let screen = try tmux.waitForText("found", "meetup")
        let words = screen.split(whereSeparator: \.isWhitespace)
        let count = words.firstIndex(of: "found").flatMap { Int(words[$0 - 1].replacingOccurrences(of: ",", with: "")) }
        XCTAssertGreaterThan(count ?? 0, 1_000, "thousands of the generated items speak of the meetup:\n\(screen)")
        try tmux.press("Escape", "q")
        try tmux.waitUntilGone()

        // What the queue indexed in the background is what a full index finds.
        let listed = try runHeed(["list", "--search", "meetup"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertEqual(listed.stdout.split(separator: "\n").count, count)
    }
}
