import Foundation
import XCTest

/// Search, bulk acknowledge, snooze and undo on the real binary in tmux, the store checked
/// after; changes by another process and files dropped into the spool folder show up live.
final class TriagePowerE2ETests: HeedTestCase {
    private let hour: TimeInterval = 3_600

    private func importFive() throws {
        try importMentions([
            mention("1", handle: "alice@example.social", name: "Alice", text: "is the meetup still on?", age: 50 * hour),
            mention("2", handle: "bo@example.social", name: "Bo", text: "東京のミートアップ 🎉", age: 30 * hour),
            mention("3", handle: "cy@example.social", name: "Cy", text: "the meetup moved to Friday", age: 20 * hour),
            mention("4", handle: "di@example.social", name: "Di", text: "nice talk", age: 5 * hour),
            mention("5", handle: "ed@example.social", name: "Ed", text: "see you there", age: 1 * hour),
        ])
    }

    func testSearchBulkAcknowledgeSnoozeUndoAndTheStoreAgrees() throws {
        try importFive()
        try openQueue()
        try tmux.waitForText("5 waiting")

        try tmux.press("/")
        try tmux.type("meetup")
        try tmux.waitForText("2 found", "meetup moved to Friday")
        try tmux.press("Enter", "X")
        try tmux.waitForText("All 2 of this view marked")
        try tmux.press("a")
        try tmux.waitForText("Acknowledged 2 items (u undoes)", "0 found")
        try tmux.press("Escape")
        try tmux.waitForText("3 waiting")

        try tmux.press("/")
        try tmux.type("東京")
        try tmux.waitForText("1 found", "ミートアップ")
        try tmux.press("Escape")
        try tmux.waitForText("3 waiting")

        try tmux.press("s")
        try tmux.waitForText("Snooze  1 in 1 hour")
        try tmux.press("3", "Enter")
        try tmux.waitForText("2 waiting", "Snoozed 1 item until")

        try tmux.press("u")
        try tmux.waitForText("3 waiting", "Undid the snooze of bo@example.social")
        try tmux.press("s")
        try tmux.type("2d")
        try tmux.press("Enter")
        try tmux.waitForText("2 waiting")
        try tmux.press("q")
        try tmux.waitUntilGone()

        XCTAssertEqual(try states(), ["mastodon:1": "acknowledged", "mastodon:2": "snoozed", "mastodon:3": "acknowledged",
                                      "mastodon:4": "waiting", "mastodon:5": "waiting"])

        // heed undo from the shell, as u does: first the snooze, then the bulk acknowledge at once.
        let first = try runHeed(["undo"])
        XCTAssertEqual(first.stdout, "undid snooze of 1 item: mastodon:2\n")
        let second = try runHeed(["undo"])
        XCTAssertEqual(second.stdout, "undid acknowledge of 2 items: mastodon:1, mastodon:3\n")
        XCTAssertEqual(Set(try states().values), ["waiting"])
        XCTAssertEqual(try runHeed(["undo"]).stdout, "nothing to undo\n", "the snooze undone in the queue stays undone")
    }

    func testAnotherProcessAndTheSpoolFolderShowUpInTheOpenQueue() throws {
        try importFive()
        try openQueue()
        try tmux.press("j", "j")
        try tmux.waitForText("5 waiting", "3/5")

        XCTAssertEqual(try runHeed(["ack", "mastodon:1"]).status, 0)
        try tmux.waitForText("4 waiting", "2/4")
        let selected = try XCTUnwrap(tmux.screen())
        XCTAssertTrue(selected.contains("the meetup moved to Friday"), "the cursor stayed on its item")

        let spool = directory.appendingPathComponent("spool")
        let line = String(decoding: try JSONSerialization.data(withJSONObject: mention("9", handle: "zed@example.social", name: "Zed", text: "dropped in the spool", age: 100 * hour)), as: UTF8.self)
        try (line + "\n").write(to: spool.appendingPathComponent("new.jsonl.tmp"), atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(at: spool.appendingPathComponent("new.jsonl.tmp"), to: spool.appendingPathComponent("new.jsonl"))
        try tmux.waitForText("5 waiting", "Spool: new.jsonl: imported 1", "dropped in the spool")
        XCTAssertTrue(FileManager.default.fileExists(atPath: spool.appendingPathComponent("done/new.jsonl").path))

        try ("not json\n").write(to: spool.appendingPathComponent("bad.jsonl"), atomically: true, encoding: .utf8)
        try tmux.waitForText("Spool: bad.jsonl")
        XCTAssertTrue(FileManager.default.fileExists(atPath: spool.appendingPathComponent("failed/bad.jsonl").path))
        try tmux.press("q")
        try tmux.waitUntilGone()
    }
}
