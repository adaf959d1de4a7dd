import Foundation
import XCTest

/// `heed export` on a hand-written outbox: requests for what can be posted, the rest named and left pending.
final class ExportTests: HeedTestCase {
    /// An outbox with a Mastodon DM reply, a Bluesky reply and a Blogger comment (which cannot be posted).
    func writeOutbox() throws {
        let lines = [
            #"{"record":"draft","draft":"d1","at":"2025-11-21T04:40:00Z","ref":"mastodon:109","platform":"mastodon","in_reply_to":"109","reply_target":{"in_reply_to_id":"109","visibility":"direct"},"author":"alice","text":"on it, \"soon\""}"#,
            #"{"record":"draft","draft":"d2","at":"2025-11-21T04:41:00Z","ref":"bluesky:at://did:plc:a/app.bsky.feed.post/2","platform":"bluesky","in_reply_to":"at://did:plc:a/app.bsky.feed.post/2","reply_target":{"parent_uri":"at://did:plc:a/app.bsky.feed.post/2","parent_cid":"bafy2","root_uri":"at://did:plc:a/app.bsky.feed.post/1","root_cid":"bafy1","author_did":"did:plc:alice"},"author":"alice.bsky.social","text":"日本 @alice.bsky.social hi"}"#,
            #"{"record":"draft","draft":"d3","at":"2025-11-21T04:42:00Z","ref":"blogger:9200761938824362519","platform":"blogger","in_reply_to":"9200761938824362519","reply_target":{},"author":null,"text":"thanks"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: outboxPath, atomically: true, encoding: .utf8)
    }

    func testRequestsThenNothingTheSecondTime() throws {
        try writeOutbox()
        let file = directory.appendingPathComponent("requests.jsonl").path
        var result = try runHeed(["export", "--format", "requests", "-o", file, "--outbox", outboxPath])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("heed: not exportable: draft d3 (blogger:9200761938824362519): Blogger has no API for posting replies"), result.stderr)
        XCTAssertTrue(result.stderr.contains("heed: exported 2 drafts to \(file); 1 not exportable (left pending)"), result.stderr)
        XCTAssertTrue(result.stderr.contains("heed: note: add \"repo\""), result.stderr)

        let requests = try jsonLines(String(contentsOfFile: file, encoding: .utf8))
        XCTAssertEqual(requests.map { $0["draft"] as? String }, ["d1", "d2"])
        XCTAssertEqual(requests[0]["path"] as? String, "/api/v1/statuses")
        XCTAssertEqual(requests[0]["body"] as? NSDictionary, ["status": "on it, \"soon\"", "in_reply_to_id": "109", "visibility": "direct"])
        let record = try XCTUnwrap((requests[1]["body"] as? [String: Any])?["record"] as? [String: Any])
        XCTAssertEqual(record["createdAt"] as? String, "2025-11-21T04:41:00.000Z")
        XCTAssertEqual(((record["facets"] as? [[String: Any]])?.first?["index"]) as? NSDictionary, ["byteStart": 7, "byteEnd": 25])

        let exported = try outboxRecords().filter { $0["record"] as? String == "exported" }
        XCTAssertEqual(exported.map { $0["draft"] as? String }, ["d1", "d2"])
        XCTAssertEqual(exported.map { $0["format"] as? String }, ["requests", "requests"])

        let first = try String(contentsOfFile: file, encoding: .utf8)
        result = try runHeed(["export", "--format", "requests", "-o", file, "--outbox", outboxPath])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), first, "a second export leaves the first one's file alone")
        XCTAssertTrue(result.stderr.contains("heed: nothing to export; 1 not exportable (left pending); \(file) left as it was"), result.stderr)
    }

    func testCSVAgainAndAFailedWrite() throws {
        try writeOutbox()
        let missing = directory.appendingPathComponent("no/such/folder/out.csv").path
        var result = try runHeed(["export", "--format", "csv", "-o", missing])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("nothing marked exported"), result.stderr)
        XCTAssertTrue(try outboxRecords().allSatisfy { $0["record"] as? String == "draft" })

        let file = directory.appendingPathComponent("out.csv").path
        result = try runHeed(["export", "--format", "csv", "--platform", "mastodon", "-o", file])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8),
                       "draft,ref,platform,in_reply_to,author,text,created_at\r\nd1,mastodon:109,mastodon,109,alice,\"on it, \"\"soon\"\"\",2025-11-21T04:40:00Z\r\n")
        result = try runHeed(["export", "--format", "csv", "--again", "-o", file])
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\r\n").count, 5, "header, 3 drafts, end")
        result = try runHeed(["export", "--format", "pdf"])
        XCTAssertEqual(result.status, 2)
    }
}
