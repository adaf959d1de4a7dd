import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedIntake
import HeedStore
import TestSupport
import XCTest

/// Detection, pages, CSV, own handles and bad input through the whole import path.
final class DetectionTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-detect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func file(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every event of a file, in order.
    func events(_ path: String, format: String? = nil) throws -> [ImportEvent] {
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var events: [ImportEvent] = []
        try MentionFile.read(fd: fd, file: "f", format: format.map(ImportFormat.named)) { events.append($0) }
        return events
    }

    func mentions(_ events: [ImportEvent]) -> [Mention] {
        events.compactMap { if case .mention(let m) = $0 { m } else { nil } }
    }

    func problems(_ events: [ImportEvent]) -> [String] {
        events.compactMap { if case .rejected(let p) = $0 { p.description } else { nil } }
    }

    static func mastodon(_ id: String, type: String = "mention", acct: String = "alice@example.social", html: String = "<p>hi</p>", reply: String? = nil) -> String {
        Pages.mastodon(id, type: type, acct: acct, html: html, reply: reply)
    }

    func testArrayOfPagesAndDuplicatesAcrossPages() throws {
        let page1 = "[\(Self.mastodon("1")),\(Self.mastodon("2"))]"
        let page2 = "[\(Self.mastodon("2")),\(Self.mastodon("3", type: "favourite"))]"
        let path = try file("pages.json", "[\(page1),\(page2)]")
        let events = try events(path)
        XCTAssertEqual(mentions(events).map(\.id), ["1", "2", "2"])
        let store = try Store()
        guard case .counted(let counts) = try Import.file(path, into: store) else { return XCTFail() }
        XCTAssertEqual([counts.imported, counts.unchanged, counts.skipped], [2, 0, 2], "the item the second page lists again is one imported, and the listing a skip")
    }

    func testOnePagePerLineAndABadLineAmongThem() throws {
        let bluesky = #"{"notifications":[{"uri":"at://did:plc:a/app.bsky.feed.post/1","cid":"bafy1","author":{"did":"did:plc:a","handle":"a.bsky.social"},"reason":"mention","record":{"$type":"app.bsky.feed.post","text":"hi 👋 世界","createdAt":"2026-11-20T09:00:00.000Z"},"indexedAt":"2026-11-20T09:00:01.000Z"}],"cursor":"c"}"#
        let path = try file("pages.jsonl", "\(bluesky)\n{\"notifications\": [\n\(bluesky)\n")
        let events = try events(path)
        XCTAssertEqual(mentions(events).map(\.text), ["hi 👋 世界", "hi 👋 世界"])
        XCTAssertEqual(problems(events).count, 1)
        XCTAssertTrue(problems(events)[0].hasPrefix("f:line 2: not valid JSON"), problems(events)[0])
    }

    func testHTMLEntitiesAndNestedMarkupBecomePlainText() throws {
        let html = #"<p>Caf&eacute; &amp; <b>bar</b> <span class=\"h-card\"><a href=\"https://x.social/@bo\" class=\"u-url mention\">@<span>bo</span></a></span></p><p>line<br />two &#x1F600; <a href=\"https://example.com/a/very/long\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">example.com/a/</span><span class=\"invisible\">very/long</span></a> <a href=\"https://example.org/page\">the page</a></p>"#
        let path = try file("html.json", "[\(Self.mastodon("7", html: html))]")
        XCTAssertEqual(mentions(try events(path)).first?.text,
                       "Café & bar @bo\n\nline\ntwo 😀 https://example.com/a/very/long the page (https://example.org/page)")
    }

    func testHeedLinesAndCSVAreDetected() throws {
        let lines = try file("m.jsonl", #"{"platform":"x","id":"1","text":"a","created_at":1763630040}"# + "\n")
        XCTAssertEqual(mentions(try events(lines)).map(\.id), ["1"])
        let csv = try file("m.csv", "platform,id,author_handle,author_name,text,created_at,kind\nmastodon,9,bo@x.social,Bö,\"hello, \"\"quoted\"\"\nsecond line\",2026-11-20T09:00:00Z,reply\nx,10,,,no time,,\nbluesky,11,a\n")
        let events = try events(csv)
        let first = try XCTUnwrap(mentions(events).first)
        XCTAssertEqual(first.text, "hello, \"quoted\"\nsecond line")
        XCTAssertEqual(first.author, Author(handle: "bo@x.social", name: "Bö"))
        XCTAssertEqual(first.kind, .reply)
        XCTAssertEqual(problems(events), ["f:row 3: missing required field 'created_at'", "f:row 4: has 3 fields, the header has 7"])
    }

    func testOwnRepliesAreSkippedAndAnswerTheirParent() throws {
        let mine = Self.mastodon("21", acct: "Me@Example.Social", reply: "20")
        let path = try file("own.json", "[\(Self.mastodon("20")),\(mine)]")
        let config = Config(handles: [.mastodon: ["me@example.social"]])
        let store = try Store()
        guard case .counted(let counts) = try Import.file(path, into: store, own: config) else { return XCTFail() }
        XCTAssertEqual([counts.imported, counts.skipped], [1, 1], "only the other's mention is stored; the user's own reply is skipped")
        XCTAssertNil(try store.item(Ref(platform: .mastodon, id: "21")))
        XCTAssertEqual(try store.item(Ref(platform: .mastodon, id: "20"))?.mention.state.name, "replied")
        XCTAssertEqual(try store.summary().waiting, 0)
    }

    func testAnswerSeenBeforeItsItemAppliesWhenItArrives() throws {
        let store = try Store()
        let at = Date(timeIntervalSince1970: 1_763_630_100)
        _ = try store.importing(now: Date()) { try $0.answered(Ref(platform: .x, id: "5"), at: at) }
        _ = try store.importing(now: Date()) { sink in
            try sink.put(Mention(platform: .x, id: "5", text: "q?", createdAt: Date(timeIntervalSince1970: 1_763_630_040)))
        }
        XCTAssertEqual(try store.item(Ref(platform: .x, id: "5"))?.mention.state, .replied(draft: "", at: at))
    }

    func testBadInputIsNamedAndNeverFatal() throws {
        let truncated = try file("t.json", "[\(Self.mastodon("1")),{\"id\":")
        let broken = problems(try events(truncated))
        XCTAssertEqual(broken.count, 1)
        XCTAssertTrue(broken.first?.hasPrefix("f:document: not valid JSON") == true, "\(broken)")

        let wrongTypes = try file("w.json", "[\(Self.mastodon("1")), {\"id\": 5, \"type\": \"mention\", \"status\": 3}, \(Self.mastodon("2"))]")
        let events = try events(wrongTypes)
        XCTAssertEqual(mentions(events).map(\.id), ["1", "2"])
        XCTAssertEqual(problems(events).count, 1)

        let path = folder.appendingPathComponent("u.json").path
        try (Data("[".utf8) + Data([0xC3, 0x28]) + Data("]".utf8)).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(problems(try self.events(path)), ["f:byte 1: not valid UTF-8"])

        let unknown = try file("x.txt", "hello there\n")
        XCTAssertThrowsError(try self.events(unknown)) { XCTAssertTrue("\($0)".contains("unknown format"), "\($0)") }
        let notMentions = try file("o.json", #"{"hello": "world"}"#)
        XCTAssertThrowsError(try self.events(notMentions))
        XCTAssertEqual(try self.events(try file("e.json", #"{"data": [], "paging": {}}"#)).count, 0)
    }

    func testNULNeverCutsAText() throws {
        let path = try file("nul.jsonl", #"{"platform":"x","id":"1","text":"before \u0000 after","created_at":1763630040,"author":{"name":"a\u0000b"}}"# + "\n")
        let store = try Store()
        guard case .counted(let counts) = try Import.file(path, into: store) else { return XCTFail() }
        XCTAssertEqual(counts.imported, 1)
        let item = try XCTUnwrap(store.item(Ref(platform: .x, id: "1")))
        XCTAssertEqual(item.mention.text, "before \u{FFFD} after")
        XCTAssertEqual(item.mention.author.name, "a\u{FFFD}b")
    }

    func testFormatCanBeNamed() throws {
        let path = try file("n.json", "[\(Self.mastodon("1"))]")
        XCTAssertEqual(mentions(try events(path, format: "mastodon")).count, 1)
        XCTAssertThrowsError(try events(path, format: "myspace"))
    }

    func testAFiftyMegabyteLineIsRefusedByItsSizeAndTheNextLineImports() throws {
        let big = #"{"platform":"x","id":"1","text":""# + String(repeating: "a", count: 50 << 20) + #"","created_at":1763630040}"#
        let path = try file("big.jsonl", big + "\n" + #"{"platform":"x","id":"2","text":"b","created_at":1763630040}"# + "\n")
        let events = try events(path)
        XCTAssertEqual(mentions(events).map(\.id), ["2"])
        // Its first line too long to tell heed's records from a page, it is named as a document.
        XCTAssertEqual(problems(events), ["f:line 1: a JSON document of 50.0 MiB, larger than heed reads (16 MiB)"])
    }
}
