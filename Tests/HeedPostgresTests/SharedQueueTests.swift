import Foundation
import TestSupport
import XCTest

/// People in terminals of their own on one team store, as the README's "Team mode" shows: each
/// queue follows the others' work as it happens, an open composer is shown on its row, and one
/// item is never answered twice, however many press Ctrl-S at once.
final class SharedQueueTests: XCTestCase {
    var team: Teammates!
    var queues: [Tmux] = []

    override func setUpWithError() throws {
        _ = try PostgresServer.url()
        team = try Teammates()
    }

    override func tearDown() {
        for queue in queues { queue.kill() }
        team = nil
    }

    /// Opens `person`'s queue and waits for its first item.
    func open(_ person: String) throws -> Tmux {
        let queue = try team.queue(person)
        queues.append(queue)
        _ = try queue.waitForText("question 0")
        return queue
    }

    /// Waits until `queue`'s screen no longer shows `text`.
    func waitUntilGone(_ text: String, from queue: Tmux, file: StaticString = #filePath, line: UInt = #line) throws -> TimeInterval {
        let start = Date()
        try queue.waitFor("\(text) to leave the screen", file: file, line: line) { !($0.contains(text)) }
        return Date().timeIntervalSince(start)
    }

    func testTwoPeopleShareOneQueueLive() throws {
        // Given three items, and ana's and ben's queues open on them.
        try team.importMentions(3)
        let ana = try open("ana"), ben = try open("ben")
        // When ana opens the composer on the first, Then ben sees it on its row.
        try ana.press("r")
        _ = try ben.waitForText("✎ ana")
        // When both write a reply and ana saves first, Then ben is told who answered and keeps his text.
        try ben.press("r")
        try ben.type(" from ben")
        try ana.type(" from ana")
        try ana.press("C-s")
        _ = try ana.waitForText("saved to the outbox")
        try ben.press("C-s")
        let told = try ben.waitForText("ana answered")
        XCTAssertTrue(told.contains("from ben"), "his reply is still in the composer:\n\(told)")
        XCTAssertTrue(told.contains("not saved"), told)
        // And the item has left his queue once he leaves the composer.
        try ben.press("Escape")
        try ben.press("y")
        _ = try waitUntilGone("question 0", from: ben)
        // When ana acknowledges the next item, Then it leaves ben's queue too.
        try ana.press("a")
        let followed = try waitUntilGone("question 1", from: ben)
        print("ben's queue followed ana's acknowledgement in \(Int(followed * 1000)) ms")
        // When ben assigns the last to ana (nobody, ana, ben in the picker), Then ana sees it.
        try ben.press("=")
        _ = try ben.waitForText("Assign to")
        try ben.press("j")
        try ben.press("Enter")
        _ = try ana.waitForText("→ ana")
        // And the team's outbox holds ana's reply alone.
        let outbox = try team.run("ben", ["outbox", "--json"])
        let drafts = outbox.stdout.split(separator: "\n")
        XCTAssertEqual(drafts.count, 1, outbox.stdout + outbox.stderr)
        XCTAssertTrue(drafts.first?.contains("from ana") ?? false, outbox.stdout)
    }

    func testTenPeopleSavingOneReplyAtOnceAnswerItOnce() throws {
        // Given one item and ten queues with a reply written to it.
        try team.importMentions(1)
        let people = (0..<10).map { "p\($0)" }
        let all = try people.map { try open($0) }
        for (person, queue) in zip(people, all) {
            try queue.press("r")
            try queue.type(" from \(person)")
        }
        for queue in all { _ = try queue.waitForText("Ctrl-S") }
        // When all ten save at once.
        for queue in all { try queue.press("C-s") }
        // Then one reply was saved, the nine others were told who answered and kept their text.
        var saved: [String] = []
        for (person, queue) in zip(people, all) {
            try queue.waitFor("the outcome of \(person)'s save") { $0.contains("saved to the outbox") || $0.contains(" answered ") }
            let screen = try queue.screen() ?? ""
            if screen.contains("saved to the outbox") { saved.append(person) } else { XCTAssertTrue(screen.contains("from \(person)"), screen) }
        }
        XCTAssertEqual(saved.count, 1, "\(saved)")
        let outbox = try team.run("p0", ["outbox", "--json"]).stdout.split(separator: "\n")
        XCTAssertEqual(outbox.count, 1)
        XCTAssertTrue(outbox.first?.contains("from \(saved.first ?? "?")") ?? false)
    }
}
