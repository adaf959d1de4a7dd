import Foundation
import HeedCore
import HeedImport
import XCTest

/// heed's JSON Lines: good lines become mentions, bad lines are named with line and reason.
final class HeedLinesTests: XCTestCase {
    func events(_ text: String) throws -> [ImportEvent] {
        try events(bytes: Array(text.utf8))
    }

    /// Reads bytes through a real file descriptor, as `heed import` does.
    func events(bytes: [UInt8]) throws -> [ImportEvent] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("heed-lines-\(UUID().uuidString)").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var events: [ImportEvent] = []
        try HeedLines.read(fd: fd, file: "m.jsonl") { events.append($0) }
        return events
    }

    func testGoodAndBadLines() throws {
        let input = """
            {"platform":"mastodon","id":"109876","kind":"mention","author":{"handle":"alice@example.social","name":"Alice","url":"https://example.social/@alice"},"text":"@you is the meetup still on?","created_at":"2026-11-20T09:14:00Z","url":"https://example.social/@alice/109876","conversation":"c-55","in_reply_to":null}
            {"platform":"x","id":1790000000000000001,"text":"numeric id","created_at":1763630040}
            {"platform":"mastodon","id":"2","text":"no time"}

            {"platform":"mastodon","id":"3","text":"bad time","created_at":"yesterday"}
            {"platform":"myspace","id":"4","text":"x","created_at":"2026-11-20T09:14:00Z"}
            {"platform":"bluesky","id":"5","text":"truncated","created_at":"2026-11-20T
            [1,2,3]
            {"platform":"reddit","id":"6","text":42,"created_at":"2026-11-20T09:14:00Z"}
            {"platform":"youtube","id":"7","text":"日本語 😀","created_at":"2026-11-20T09:14:00.5+09:00","kind":"comment","author":{"name":"田中"}}
            {"platform":"x","id":"8","text":"no zone","created_at":"2026-11-20T09:14:00"}
            """
        let events = try events(input)
        var mentions: [Mention] = []
        var problems: [String] = []
        for event in events {
            switch event {
            case .mention(let m): mentions.append(m)
            case .rejected(let p): problems.append(p.description)
            case .skipped, .answered, .advice: XCTFail("heed's format only has mentions and rejections")
            }
        }
        XCTAssertEqual(mentions.map(\.id), ["109876", "1790000000000000001", "7"])
        let alice = mentions[0]
        XCTAssertEqual(alice.author, Author(handle: "alice@example.social", name: "Alice", url: "https://example.social/@alice"))
        XCTAssertEqual(alice.createdAt, Timestamp.parseISO("2026-11-20T09:14:00Z"))
        XCTAssertEqual(alice.conversation, "c-55")
        XCTAssertNil(alice.inReplyTo)
        XCTAssertEqual(mentions[1].createdAt.timeIntervalSince1970, 1_763_630_040)
        XCTAssertEqual(mentions[2].kind, .comment)
        XCTAssertEqual(mentions[2].author.shownName, "田中")
        XCTAssertEqual(mentions[2].createdAt.timeIntervalSince1970, 1_795_133_640.5)
        XCTAssertEqual(problems, [
            "m.jsonl:line 3: missing required field 'created_at'",
            "m.jsonl:line 5: 'created_at' is not an ISO 8601 time with a zone or epoch seconds: yesterday",
            "m.jsonl:line 6: unknown platform 'myspace' (known: mastodon, bluesky, x, youtube, reddit, wordpress, facebook, instagram, github, hackernews, linkedin, flickr, blogger, friendfeed)",
            "m.jsonl:line 7: not valid JSON (truncated or malformed object)",
            "m.jsonl:line 8: a line must hold one JSON object",
            "m.jsonl:line 9: 'text' must be a string",
            "m.jsonl:line 11: 'created_at' is not an ISO 8601 time with a zone or epoch seconds: 2026-11-20T09:14:00",
        ])
    }

    func testInvalidUTF8IsNamed() throws {
        let bytes: [UInt8] = Array(#"{"platform":"x","id":"1","text":""#.utf8) + [0xFF, 0xFE] + Array(#"","created_at":1}"#.utf8) + [10]
        let problems = try events(bytes: bytes).compactMap { event -> String? in
            if case .rejected(let p) = event { return p.description } else { return nil }
        }
        XCTAssertEqual(problems, ["m.jsonl:line 1: not valid UTF-8"])
    }

    func testStateFieldsAreRead() throws {
        let events = try events(#"{"platform":"x","id":"1","text":"t","created_at":1,"state":"acknowledged","acknowledged_at":"2026-01-01T00:00:00Z"}"#)
        guard case .mention(let m) = events.first else { return XCTFail("no mention") }
        XCTAssertEqual(m.state, .acknowledged(at: Timestamp.parseISO("2026-01-01T00:00:00Z")!))
    }

    func testWrittenLineReadsBackTheSame() throws {
        let original = Mention(platform: .bluesky, id: "at://did:plc:a/app.bsky.feed.post/1", kind: .reply,
                               author: Author(handle: "a.bsky.social", name: "A \"quoted\" name", url: nil),
                               text: "line one\nline two \u{1B}[31m 😀", createdAt: Date(timeIntervalSince1970: 1_763_630_040.123),
                               url: "https://bsky.app/x", conversation: "root", inReplyTo: "parent",
                               replyTarget: ["uri": "at://x", "cid": "bafy"], state: .replied(draft: "d1", at: Date(timeIntervalSince1970: 1_763_700_000)))
        let line = HeedLines.line(original, now: Date(timeIntervalSince1970: 1_763_700_000))
        XCTAssertFalse(line.contains("\u{1B}"), "escape bytes must be escaped in JSON")
        XCTAssertTrue(line.contains(#""waited_seconds":69959"#))
        guard case .mention(let read) = try events(line).first else { return XCTFail("did not read back: \(line)") }
        XCTAssertEqual(read, original)
    }
}
