import Foundation
import HeedCore
import HeedOutbox
import XCTest

/// The outbox: append-only lines, last record of a draft wins, torn last lines skipped.
final class OutboxTests: XCTestCase {
    var folder: URL!
    var outbox: Outbox!
    let at = Date(timeIntervalSince1970: 1_763_700_000)

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-outbox-\(UUID().uuidString)")
        outbox = Outbox(path: folder.appendingPathComponent("sub/outbox.jsonl").path)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func draft(_ id: String, _ text: String) -> Draft {
        Draft(id: id, ref: Ref(platform: .mastodon, id: "1\(id)"), replyTarget: ["id": "1\(id)"], author: "alice", text: text, createdAt: at)
    }

    func testLastRecordOfEachDraftWins() throws {
        try outbox.append([.draft(draft("a", "first")), .draft(draft("b", "second"))])
        try outbox.append([.edited(draft: "a", text: "first, edited", at: at), .exported(draft: "b", format: "jsonl", at: at)])
        try outbox.append([.draft(draft("c", "third")), .discarded(draft: "c", at: at)])
        let contents = try outbox.read()
        XCTAssertEqual(contents.drafts.map(\.id), ["a", "b", "c"])
        XCTAssertEqual(contents.drafts.map(\.status), [.pending, .exported, .discarded])
        XCTAssertEqual(contents.drafts[0].text, "first, edited")
        XCTAssertEqual(contents.pending.map(\.id), ["a"])
        XCTAssertTrue(contents.problems.isEmpty)
    }

    func testFileIsOwnerOnlyAndOneRecordPerLine() throws {
        try outbox.append([.draft(draft("a", "multi\nline \"text\""))])
        let attributes = try FileManager.default.attributesOfItem(atPath: outbox.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let text = try String(contentsOfFile: outbox.path, encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").count, 1)
        XCTAssertEqual(try outbox.read().drafts.first?.text, "multi\nline \"text\"")
    }

    func testTornLastLineIsReportedSkippedAndNotGluedToTheNextRecord() throws {
        try outbox.append([.draft(draft("a", "kept"))])
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: outbox.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"record":"draft","draft":"b","at":"2026-11"#.utf8))
        handle.closeFile()
        var contents = try outbox.read()
        XCTAssertEqual(contents.drafts.map(\.id), ["a"])
        XCTAssertEqual(contents.problems.map(\.line), [2])
        XCTAssertEqual(contents.problems.map(\.reason), [.torn])
        try outbox.append([.draft(draft("c", "after the crash"))])
        contents = try outbox.read()
        XCTAssertEqual(contents.drafts.map(\.id), ["a", "c"])
        XCTAssertEqual(contents.problems.map(\.line), [2])
        XCTAssertEqual(contents.problems.first?.reason, .torn, "still named for what it is once it is no longer last")
    }

    func testMissingOutboxIsEmpty() throws {
        XCTAssertTrue(try outbox.read().drafts.isEmpty)
    }
}
