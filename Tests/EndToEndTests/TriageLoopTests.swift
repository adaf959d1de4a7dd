import Foundation
import XCTest

/// The triage loop on the real binary in tmux: acknowledge, reply, undo, cancel a reply.
final class TriageLoopTests: HeedTestCase {
    private let day: TimeInterval = 86_400
    private let hour: TimeInterval = 3_600

    /// Three mentions of different ages; the middle one carries CJK text and emoji.
    private func importThree() throws {
        try importMentions([
            mention("1", handle: "alice@example.social", name: "Alice", text: "is the meetup still on?", age: 3 * day),
            mention("2", handle: "bo@example.social", name: "Bo", text: "会议还在吗？🎉 see you there", age: 5 * hour),
            mention("3", handle: "cy@example.social", name: "Cy", text: "nice talk", age: 600),
        ])
    }

    func testAcknowledgeThenReplySavesOneDraftAndUpdatesTheStore() throws {
        try importThree()
        try openQueue()
        try tmux.waitForText("3 waiting", "会议还在吗", "is the meetup still on?")

        try tmux.press("a")
        try tmux.waitForText("2 waiting", "Acknowledged alice@example.social (u undoes)")

        try tmux.press("r")
        try tmux.waitForText("Reply to bo@example.social on mastodon")
        try tmux.type("Thanks!")
        try tmux.waitForText("Thanks!")
        try tmux.press("C-s")
        try tmux.waitForText("Reply to bo@example.social saved to the outbox", "1 waiting")

        try tmux.press("q")
        try tmux.waitUntilGone()

        let states = try states()
        XCTAssertEqual(states, ["mastodon:1": "acknowledged", "mastodon:2": "replied", "mastodon:3": "waiting"])
        XCTAssertEqual(try listAll()["mastodon:2"]?["text"] as? String, "会议还在吗？🎉 see you there")

        let records = try outboxRecords()
        let drafts = records.filter { $0["record"] as? String == "draft" }
        XCTAssertEqual(drafts.count, 1, "outbox: \(records)")
        XCTAssertEqual(drafts.first?["ref"] as? String, "mastodon:2")
        // A Mastodon reply starts with the author's @handle (ReplyStart); the typed text follows it.
        XCTAssertEqual(drafts.first?["text"] as? String, "@bo@example.social Thanks!")
        XCTAssertFalse(records.contains { $0["record"] as? String == "discarded" }, "outbox: \(records)")
    }

    func testUndoPutsAnAcknowledgedItemBack() throws {
        try importMentions([
            mention("1", handle: "alice@example.social", name: "Alice", text: "first", age: 2 * day),
            mention("2", handle: "bo@example.social", name: "Bo", text: "second", age: hour),
        ])
        try openQueue()
        try tmux.waitForText("2 waiting")

        try tmux.press("a")
        try tmux.waitForText("1 waiting", "Acknowledged alice@example.social")
        try tmux.press("u")
        try tmux.waitForText("2 waiting", "Undid the acknowledge of alice@example.social")

        try tmux.press("q")
        try tmux.waitUntilGone()
        XCTAssertEqual(try states(), ["mastodon:1": "waiting", "mastodon:2": "waiting"])
    }

    func testUndoOfAReplyDiscardsTheDraft() throws {
        try importMentions([mention("1", handle: "alice@example.social", name: "Alice", text: "hi", age: day)])
        try openQueue()
        try tmux.press("r")
        try tmux.waitForText("Reply to alice@example.social")
        try tmux.type("Soon")
        try tmux.waitForText("Soon")
        try tmux.press("C-s")
        try tmux.waitForText("saved to the outbox", "0 waiting")
        try tmux.press("u")
        try tmux.waitForText("1 waiting", "Undid the reply to alice@example.social", "draft discarded in the outbox")
        try tmux.press("q")
        try tmux.waitUntilGone()

        XCTAssertEqual(try states(), ["mastodon:1": "waiting"])
        let records = try outboxRecords()
        let draftIDs = records.filter { $0["record"] as? String == "draft" }.compactMap { $0["draft"] as? String }
        let discardedIDs = records.filter { $0["record"] as? String == "discarded" }.compactMap { $0["draft"] as? String }
        XCTAssertEqual(draftIDs.count, 1, "outbox: \(records)")
        XCTAssertEqual(discardedIDs, draftIDs, "the undone draft is discarded in the outbox: \(records)")
    }

    func testCancellingAReplyAsksFirstAndKeepsTheTextOnNo() throws {
        try importThree()
        try openQueue()
        try tmux.waitForText("3 waiting")

        try tmux.press("r")
        try tmux.waitForText("Reply to alice@example.social on mastodon")
        try tmux.type("Draft to drop")
        try tmux.waitForText("Draft to drop")

        try tmux.press("Escape")
        try tmux.waitForText("Discard this reply?")
        try tmux.press("n")
        try tmux.waitFor("the composer again, text intact, no question") { screen in
            !screen.contains("Discard this reply?") && screen.contains("Draft to drop")
                && screen.contains("Reply to alice@example.social")
        }

        try tmux.press("Escape")
        try tmux.waitForText("Discard this reply?")
        try tmux.press("y")
        try tmux.waitFor("the queue again") { screen in
            screen.contains("3 waiting") && screen.contains("q quit") && !screen.contains("Draft to drop")
                && !screen.contains("Discard this reply?")
        }

        try tmux.press("q")
        try tmux.waitUntilGone()
        let records = try outboxRecords()
        XCTAssertFalse(records.contains { $0["record"] as? String == "draft" }, "outbox: \(records)")
        XCTAssertEqual(Set(try states().values), ["waiting"])
    }
}
