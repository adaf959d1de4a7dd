import Foundation
import HeedConfig
import HeedStore
import XCTest
@testable import heed

/// Files dropped into the spool folder, taken one by one as the open queue takes them: the
/// status line and the `.why` file say the skip reasons, the rejections and the advice, as
/// `heed import` says them on standard error.
final class SpoolTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-spool-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func spool(own: Config = Config()) throws -> (Spool, Store) {
        let store = try Store()
        return (try Spool(folder: folder + "/spool", store: store, config: own, notices: Notices()), store)
    }

    func drop(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/spool/" + name))
    }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: folder + "/spool/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func mastodon(_ id: String, type: String, acct: String = "alice@example.social", reply: String? = nil) -> String {
        Pages.mastodon(id, type: type, acct: acct, reply: reply)
    }

    func testSkipReasonsAndTheUsersOwnRepliesAreSaid() throws {
        let (spool, store) = try spool(own: Config(handles: [.mastodon: ["me@example.social"]]))
        try drop("page.json", "[\(Self.mastodon("1", type: "mention")),\(Self.mastodon("2", type: "favourite")),\(Self.mastodon("3", type: "mention", acct: "me@example.social", reply: "1"))]")
        XCTAssertEqual(spool.take("page.json"),
                       "Spool: page.json: imported 1, updated 1, unchanged 0, skipped 2, rejected 0; skipped 1 like, 1 written by you")
        XCTAssertNotNil(contents("done/page.json"))
        XCTAssertNil(contents("done/page.json.why"), "nothing to explain beyond the status line")
        XCTAssertEqual(try store.summary().waiting, 0, "the user's own reply answered the mention")
    }

    func testAdviceIsKeptInTheWhyFile() throws {
        let (spool, _) = try spool()
        try drop("x.json", #"{"data":[{"id":"1","text":"@you hi","created_at":"2026-01-01T00:00:00.000Z","edit_history_tweet_ids":["1"]}],"meta":{"result_count":1}}"#)
        XCTAssertEqual(spool.take("x.json"), "Spool: x.json: imported 1, updated 0, unchanged 0, skipped 0, rejected 0; notes in spool/done/x.json.why")
        let why = try XCTUnwrap(contents("done/x.json.why"))
        XCTAssertTrue(why.hasPrefix("note: X: the posts came without their author;"), "the posts had their time: \(why)")
    }

    func testManyRejectionsOfOneReasonAreSummedUpAndAnEmptyFileIsSaid() throws {
        let (spool, _) = try spool()
        try drop("bad.jsonl", (1...12).map { #"{"platform":"x","id":"\#($0)","text":"t"}"# }.joined(separator: "\n") + "\n")
        XCTAssertEqual(spool.take("bad.jsonl"),
                       "Spool: bad.jsonl: imported 0, updated 0, unchanged 0, skipped 0, rejected 12; the rejected are named in spool/failed/bad.jsonl.why")
        let lines = try XCTUnwrap(contents("failed/bad.jsonl.why")).split(separator: "\n")
        XCTAssertEqual(lines, (1...5).map { "bad.jsonl:line \($0): missing required field 'created_at'" } + ["… and 7 more: missing required field 'created_at'"])
        try drop("empty.json", "\n  \n")
        XCTAssertEqual(spool.take("empty.json"), "Spool: empty.json: imported 0, updated 0, unchanged 0, skipped 0, rejected 0; it held no items")
    }

    func testRejectionsSkipsAndAdviceAreNamedInTheWhyFile() throws {
        let (spool, _) = try spool()
        try drop("mixed.jsonl", """
            {"platform":"x","id":"1","text":"a","created_at":1763630040}
            {"platform":"myspace","id":"2","text":"b","created_at":1763630040}
            not json

            """)
        XCTAssertEqual(spool.take("mixed.jsonl"),
                       "Spool: mixed.jsonl: imported 1, updated 0, unchanged 0, skipped 0, rejected 2; the rejected are named in spool/failed/mixed.jsonl.why")
        let lines = try XCTUnwrap(contents("failed/mixed.jsonl.why")).split(separator: "\n")
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertTrue(lines[0].hasPrefix("mixed.jsonl:line 2: unknown platform 'myspace'"), "\(lines)")
        XCTAssertTrue(lines[1].hasPrefix("mixed.jsonl:line 3: "), "\(lines)")
    }

    func testAnUnknownFormatIsFiledAsFailedWithItsReason() throws {
        let (spool, _) = try spool()
        try drop("notes.txt", "hello there\n")
        let line = try XCTUnwrap(spool.take("notes.txt"))
        XCTAssertTrue(line.hasPrefix("Spool: notes.txt was not imported: notes.txt: unknown format"), line)
        XCTAssertTrue(try XCTUnwrap(contents("failed/notes.txt.why")).contains("unknown format"))
    }
}
