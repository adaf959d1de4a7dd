import Foundation
import StandIn
import TestSupport
import XCTest

/// The stand-in's check of a post record agrees with Bluesky's: every post record of the
/// documentation in `../shared/samples/bluesky` passes, and each break of the lexicon's rules
/// (`app.bsky.feed.post`, `com.atproto.repo.strongRef`, `app.bsky.richtext.facet`) is refused.
final class BlueskyRecordTests: XCTestCase {
    func record(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: try SharedFiles.samples().appendingPathComponent("bluesky/\(name)"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testTheDocumentedRecordsPass() throws {
        for name in ["post_record_reply_docs.json", "post_record_mention_facets_docs.json", "post_record_quote_docs.json"] {
            XCTAssertNil(BlueskyStandIn.problem(post: try record(name)), name)
        }
    }

    func testBreaksOfTheLexiconAreRefused() throws {
        let reply = try record("post_record_reply_docs.json")
        let facets = try record("post_record_mention_facets_docs.json")
        func changed(_ record: [String: Any], _ change: (inout [String: Any]) -> Void) -> [String: Any] {
            var copy = record
            change(&copy)
            return copy
        }
        let broken: [(String, [String: Any])] = [
            ("$type must be app.bsky.feed.post", changed(reply) { $0["$type"] = "app.bsky.feed.like" }),
            ("Record must have the property \"text\"", changed(reply) { $0["text"] = nil }),
            ("Record/text must not be longer than 300 graphemes", changed(reply) { $0["text"] = String(repeating: "a", count: 301) }),
            ("Record/text must not be longer than 3000 characters", changed(reply) { $0["text"] = String(repeating: "👨‍👩‍👧‍👦", count: 121) }),
            ("Record/createdAt must be a valid datetime", changed(reply) { $0["createdAt"] = "yesterday" }),
            ("Record/reply/parent must be a strongRef (uri and cid)", changed(reply) { $0["reply"] = ["root": (reply["reply"] as? [String: Any])?["root"] ?? [:]] }),
            ("unknown property via", changed(reply) { $0["via"] = "heed" }),
            ("Record/facets/0/index must be a byte slice of the text", changed(facets) { record in
                var list = record["facets"] as? [[String: Any]] ?? []
                list[0]["index"] = ["byteStart": 23, "byteEnd": 10_000]
                record["facets"] = list
            }),
        ]
        for (problem, record) in broken {
            XCTAssertEqual(BlueskyStandIn.problem(post: record), problem)
        }
        XCTAssertEqual(String(repeating: "👨‍👩‍👧‍👦", count: 121).utf8.count, 3025, "few graphemes, many bytes")
    }
}
