import Foundation
import HeedCore
@testable import HeedPostgres
import HeedReplies
import HeedStorage
import HeedUI
import TestSupport
import XCTest

/// Several real heeds on one team store at once, from the shell: every item answered once,
/// nothing lost, the journal and the counters consistent after; drafts exported once.
final class TeamProcessTests: XCTestCase {
    var team: Teammates!

    override func setUpWithError() throws {
        _ = try PostgresServer.url()
        team = try Teammates()
    }

    override func tearDown() {
        team = nil
    }

    /// The store as a test reads it, as `person`.
    func store(as person: String = "observer") throws -> PostgresStore {
        try PostgresStore(PostgresLocation(url: team.store, login: "observer"), passwords: PasswordSources(environment: [:]), person: person)
    }

    /// The number a command printed after `prefix` ("acknowledged 12" → 12).
    func number(_ result: SpawnResult, after prefix: String) -> Int? {
        result.stdout.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count).split(separator: " ").first ?? "") }
    }

    func testTenHeedsAcknowledgingAtOnceAnswerEachItemOnce() throws {
        // Given 300 items, and ten people each acknowledging 60 of them, every item wanted by up to three.
        try team.importMentions(300)
        let people = (0..<10).map { "p\($0)" }
        let wanted = people.indices.map { index in (0..<60).map { "mastodon:m\((index * 20 + $0) % 300)" } }
        // When all ten run at once.
        let children = try people.indices.map { try team.start(people[$0], ["ack"] + wanted[$0]) }
        let results = children.map { $0.wait(timeout: 120) }
        // Then each item was acknowledged once: the counts add up to the items wanted, each
        // person was told of the rest, and the store says the same.
        for (index, result) in results.enumerated() {
            XCTAssertEqual(result.status, 0, result.stderr)
            let told = result.stderr.split(separator: "\n").filter { $0.hasSuffix("was already answered; left as it was") }.count
            XCTAssertEqual((number(result, after: "acknowledged ") ?? -1) + told, 60, "\(people[index]): \(result.stdout) \(result.stderr)")
        }
        let union = Set(wanted.joined())
        XCTAssertEqual(results.compactMap { number($0, after: "acknowledged ") }.reduce(0, +), union.count)
        let store = try store()
        let items = try store.list(all: true, limit: nil)
        for item in items {
            let acknowledged = union.contains(item.mention.ref.description)
            XCTAssertEqual(item.mention.state != .waiting, acknowledged, "\(item.mention.ref)")
        }
        for (index, person) in people.enumerated() {
            XCTAssertEqual(items.filter { $0.stateBy == person }.count, number(results[index], after: "acknowledged "), person)
        }
        try assertConsistent(store, actions: union.count)
    }

    func testTenHeedsAssigningAndUndoingAtOnceLoseNothing() throws {
        // Given 100 items; ten people each assign their ten to themselves, then acknowledge five of them.
        try team.importMentions(100)
        let people = (0..<10).map { "p\($0)" }
        let mine = people.indices.map { index in (0..<10).map { "mastodon:m\(index * 10 + $0)" } }
        let steps = try people.indices.map { index in
            try team.start(people[index], ["assign"] + mine[index] + ["--to", people[index]])
        }
        XCTAssertEqual(steps.map { $0.wait(timeout: 120).status }, Array(repeating: 0, count: 10))
        let acks = try people.indices.map { try team.start(people[$0], ["ack"] + mine[$0].prefix(5)) }
        XCTAssertEqual(acks.map { $0.wait(timeout: 120).status }, Array(repeating: 0, count: 10))
        // When all ten undo at once, twice.
        for round in ["acknowledge", "assign"] {
            let undos = try people.map { try team.start($0, ["undo"]) }.map { $0.wait(timeout: 120) }
            for (index, result) in undos.enumerated() {
                XCTAssertTrue(result.stdout.hasPrefix("undid \(round) of \(round == "acknowledge" ? 5 : 10) items"), "\(people[index]): \(result.stdout) \(result.stderr)")
            }
            // Then each took back their own last action, and nobody else's.
            let store = try store()
            let items = try store.list(all: true, limit: nil)
            XCTAssertTrue(items.allSatisfy { $0.mention.state == .waiting })
            for (index, person) in people.enumerated() {
                let theirs = items.filter { mine[index].contains($0.mention.ref.description) }
                XCTAssertEqual(theirs.map(\.assignee), Array(repeating: round == "assign" ? nil : person, count: 10), person)
            }
            try assertConsistent(store, actions: 100 + 50)
        }
    }

    func testTwoExportsAtOnceWriteEachDraftOnce() throws {
        // Given 40 replies saved in the team's outbox.
        try team.importMentions(40)
        let ana = try store(as: "ana")
        let drafts = TeamDrafts(store: ana)
        for index in 0..<40 {
            let ref = Ref(platform: .mastodon, id: "m\(index)")
            let input = ReplyInput(ref: ref, replyTarget: ["id": ref.id], author: "user\(index)@example.social", text: "answer \(index)")
            XCTAssertEqual(try Replies.save(input, at: Date(), store: ana, outbox: drafts), .done)
        }
        // When two teammates export at once, each to a file of their own.
        let files = ["ana", "ben"].map { team.folder.appendingPathComponent("\($0).jsonl").path }
        let exports = try zip(["ana", "ben"], files).map { try team.start($0.0, ["export", "-o", $0.1]) }.map { $0.wait(timeout: 120) }
        XCTAssertEqual(exports.map(\.status), [0, 0], exports.map(\.stderr).joined())
        // Then every draft is in exactly one of the files, and marked exported once.
        let written = files.map { (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "" }.flatMap { $0.split(separator: "\n") }
        let texts = written.compactMap { line in (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String }
        XCTAssertEqual(texts.sorted(), (0..<40).map { "answer \($0)" }.sorted())
        XCTAssertEqual(try drafts.read().drafts.filter { $0.status == .exported }.count, 40)
        XCTAssertEqual(try team.run("ana", ["export"]).stderr, "heed: nothing to export\n")
    }

    /// The counters equal the rows, every journal entry belongs to one action, `actions` entries in all.
    func assertConsistent(_ store: PostgresStore, actions: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try store.summary().waiting, try store.exactCount(.queue, now: Date()), "the waiting counter", file: file, line: line)
        let platforms = try store.platformCounts().reduce(0) { $0 + $1.waiting }
        XCTAssertEqual(platforms, try store.summary().waiting, "the platforms' counters", file: file, line: line)
        let entries = try store.links.with { try $0.rows("SELECT count(*) FROM journal_entry").first?.decode(Int.self) ?? -1 }
        XCTAssertEqual(entries, actions, "journal entries", file: file, line: line)
    }
}
