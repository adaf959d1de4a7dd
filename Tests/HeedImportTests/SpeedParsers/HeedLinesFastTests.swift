import Foundation
import HeedCore
@testable import HeedImport
import TestSupport
import XCTest

/// heed's JSON Lines read straight from bytes against the JSONSerialization path: every line the
/// fast reader takes must give the very mention the general path gives; every other line is
/// left to the general path (which names what is wrong).
final class HeedLinesFastTests: XCTestCase {
    func fast(_ line: String) -> Mention? {
        Array(line.utf8).withUnsafeBufferPointer { HeedLines.fastMention($0) }
    }

    func general(_ line: String) -> Result<Mention, HeedLines.Problem> {
        HeedLines.decodeGeneral(ArraySlice(line.utf8))
    }

    /// Fails when the fast reader takes a line and reads it otherwise than the general path.
    /// Answers whether the fast reader took it.
    @discardableResult
    func assertAgrees(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Bool {
        guard let mine = fast(line) else { return false }
        switch general(line) {
        case .success(let reference): XCTAssertEqual(mine, reference, line, file: file, line: number)
        case .failure(let problem): XCTFail("fast reader took a line the general path refuses (\(problem.reason)): \(line)", file: file, line: number)
        }
        return true
    }

    func testTrickyLines() {
        let base = #""platform":"mastodon","id":"1","text":"t","created_at":"2026-11-20T09:14:00Z""#
        // (line, whether the fast reader takes it)
        let cases: [(String, Bool)] = [
            ("{\(base)}", true),
            ("  {  \"platform\" : \"x\" ,\t\"id\" : 1790000000000000001 , \"text\" : \"\" , \"created_at\" : 1763630040 }  ", true),
            (#"{"platform":"bluesky","id":"at://did:plc:a/app.bsky.feed.post/1","text":"line\none \"q\" \\ \/ \u00e9 \ud83d\ude00 \u0000","created_at":"2026-11-20T09:14:00.5+09:00"}"#, true),
            (#"{"platform":"x","id":18446744073709551615,"text":"big id","created_at":"1763630040"}"#, true),
            ("{\(base),\"kind\":\"DM\",\"author\":\"alice\"}", true),
            ("{\(base),\"kind\":null,\"author\":null,\"reply_target\":null,\"url\":null,\"conversation\":null,\"in_reply_to\":null,\"state\":null}", true),
            ("{\(base),\"author\":{\"handle\":\"a\",\"name\":null,\"extra\":{\"deep\":[1,{\"x\":\"\\u00e9\"}]},\"url\":\"https://a\"}}", true),
            ("{\(base),\"reply_target\":{\"in_reply_to_id\":\"5\",\"n\":12,\"skip\":null,\"obj\":{\"a\":1},\"arr\":[1,2],\"caf\\u00e9\":\"v\"}}", true),
            ("{\(base),\"conversation\":\"\",\"in_reply_to\":99}", true),
            ("{\(base),\"state\":\"acknowledged\",\"acknowledged_at\":\"2026-01-01T00:00:00Z\"}", true),
            ("{\(base),\"state\":\"acknowledged\"}", true),
            ("{\(base),\"state\":\"replied\",\"replied_at\":1763630040,\"draft\":\"d7\"}", true),
            ("{\(base),\"state\":\"replied\",\"draft\":null}", true),
            ("{\(base),\"state\":\"snoozed\",\"snoozed_until\":\"2026-12-01T00:00:00Z\"}", true),
            ("{\(base),\"state\":7}", true),
            ("{\(base),\"state\":\"waiting\",\"acknowledged_at\":null}", true),
            ("{\(base),\"ref\":\"mastodon:1\",\"waited_seconds\":12345,\"unknown\":[{\"a\":[true,false,null,1.5e3]}],\"unknown\":2}", true),
            ("{\(base),\"platform\":\"mastodon\"}", false),          // a known key twice: JSONSerialization keeps the last
            ("{\(base),\"text\":\"second\"}", false),
            ("{\(base),\"author\":{\"name\":\"a\",\"name\":\"b\"}}", false),
            ("{\(base),\"reply_target\":{\"k\":\"1\",\"k\":null}}", false),
            ("{\(base),\"reply_target\":{\"é\":\"1\",\"e\u{301}\":\"2\"}}", false),
            ("{\(base),\"kind\":\"weird\"}", false),
            ("{\(base),\"state\":\"done\"}", false),
            ("{\(base),\"state\":\"acknowledged\",\"acknowledged_at\":null}", false),
            ("{\(base),\"url\":5}", false),
            ("{\(base),\"conversation\":1.5}", false),
            ("{\(base),\"reply_target\":{\"f\":1.5}}", false),
            ("{\(base),\"reply_target\":{\"b\":true}}", false),
            ("{\(base),\"author\":42}", false),
            ("{\(base),\"author\":{\"handle\":5}}", false),
            ("{\(base),\"pl\\u0061tform\":\"x\"}", false),
            ("{\(base),\"x\":[1,]}", false),
            (#"{"platform":"Twitter","id":"1","text":"t","created_at":"2026-11-20T09:14:00Z"}"#, true),
            (#"{"platform":"myspace","id":"1","text":"t","created_at":"2026-11-20T09:14:00Z"}"#, false),
            (#"{"platform":"x","id":"","text":"t","created_at":1}"#, false),
            (#"{"platform":"x","id":null,"text":"t","created_at":1}"#, false),
            (#"{"platform":"x","id":1.5,"text":"t","created_at":1}"#, false),
            (#"{"platform":"x","id":-5,"text":"t","created_at":1}"#, true),
            (#"{"platform":"x","id":"1","text":"t","created_at":1763630040.5}"#, false),
            (#"{"platform":"x","id":"1","text":"t","created_at":"yesterday"}"#, false),
            (#"{"platform":"x","id":"1","text":"t","created_at":"2026-11-20T09:14:00"}"#, false),
            (#"{"platform":"x","id":"1","text":"t"}"#, false),
            (#"{"platform":"x","id":"1","text":42,"created_at":1}"#, false),
            (#"{"platform":"x","id":"1","text":"t","created_at":1} trailing"#, false),
            (#"{"platform":"x","id":"1","text":"t","created_at":"2026-11-20T"#, false),
            ("\u{FEFF}{\(base)}", false),
            ("[1,2,3]", false), ("{}", false), ("", false),
        ]
        for (line, taken) in cases {
            XCTAssertEqual(assertAgrees(line), taken, line)
        }
    }

    func testInvalidUTF8IsLeftToTheGeneralPath() {
        let bytes: [UInt8] = Array(#"{"platform":"x","id":"1","text":""#.utf8) + [0xFF, 0xFE] + Array(#"","created_at":1}"#.utf8)
        XCTAssertNil(bytes.withUnsafeBufferPointer { HeedLines.fastMention($0) })
        let unknown: [UInt8] = Array(#"{"platform":"x","id":"1","text":"t","created_at":1,"z":""#.utf8) + [0xC3] + Array(#""}"#.utf8)
        XCTAssertNil(unknown.withUnsafeBufferPointer { HeedLines.fastMention($0) })
    }

    /// Lines as heed writes them (`heed list --json`, the demo backlog), with the variety of a
    /// real backlog: every one is read fast and the same.
    func testWrittenLinesAgree() {
        var random = SeededRandom.forTest("HeedLinesFastTests", seed: 42)
        let now = Date(timeIntervalSince1970: 1_763_800_000)
        let texts = [
            "is the meetup still on? I'd like to bring two friends", "返信ありがとうございます！🙏", "مرحبا! هل يدعم",
            "quote \" backslash \\ tab \t newline \n ESC \u{1B}[31m DEL \u{7F} sep \u{2028}\u{2029} nul \u{0}",
            "Que foto linda!! 😍📸 👩🏽‍💻 🏳️‍🌈", "", "   spaced   ",
        ]
        let names: [String?] = ["Alice", "田中健二", "Sam 🏳️‍🌈", "\"quoted\"", nil, ""]
        var taken = 0
        for index in 0..<2_000 {
            let platform = random.pick(Platform.allCases)
            var mention = Mention(
                platform: platform, id: index % 7 == 0 ? "at://did:plc:\(index)/app.bsky.feed.post/\(index)" : String(1_000_000_000_000_000_000 + index),
                kind: random.pick(MentionKind.allCases),
                author: Author(handle: random.next() % 5 == 0 ? nil : "user\(index)", name: random.pick(names), url: random.next() % 2 == 0 ? "https://e.x/@u\(index)" : nil),
                text: random.pick(texts) + " #\(index)",
                createdAt: now.addingTimeInterval(-Double(random.next() % 20_000_000) - Double(random.next() % 1_000) / 1_000),
                url: random.next() % 3 == 0 ? "https://e.x/\(index)" : nil,
                conversation: random.next() % 2 == 0 ? "c\(index / 3)" : nil,
                inReplyTo: random.next() % 4 == 0 ? String(index - 1) : nil
            )
            if random.next() % 3 == 0 { mention.replyTarget = ["in_reply_to_id": String(index), "visibility": "public", "mentions": "a@b c@d"] }
            switch random.next() % 6 {
            case 0: mention.state = .acknowledged(at: mention.createdAt.addingTimeInterval(3_600))
            case 1: mention.state = .replied(draft: random.next() % 2 == 0 ? "d\(index)" : "", at: mention.createdAt.addingTimeInterval(60))
            case 2: mention.state = .snoozed(until: now.addingTimeInterval(86_400))
            default: break
            }
            let line = HeedLines.line(mention, now: now)
            if assertAgrees(line) { taken += 1 }
        }
        XCTAssertEqual(taken, 2_000, "every line heed writes should be read fast")
    }

    /// Hand-varied lines: fields in any order, any spacing, numbers for ids and times, nulls,
    /// unknown nested values, repeated keys, wrong types; then damaged byte by byte.
    func testVariedAndDamagedLinesAgree() {
        var random = SeededRandom.forTest("HeedLinesFastTests", seed: 7)
        var taken = 0
        for round in 0..<4_000 {
            let line = Self.variedLine(&random)
            if assertAgrees(line) { taken += 1 }
            if round % 2 == 0 {
                var bytes = Array(line.utf8)
                let at = Int(random.next() % UInt64(bytes.count))
                let damage: [UInt8] = [0x22, 0x7B, 0x7D, 0x2C, 0x3A, 0x5C, 0x30, 0x6E, 0x00, 0xFF, 0x20]
                switch random.next() % 3 {
                case 0: bytes[at] = random.pick(damage)
                case 1: bytes.remove(at: at)
                default: bytes.insert(random.pick(damage), at: at)
                }
                let damaged = bytes.withUnsafeBufferPointer { HeedLines.fastMention($0) }
                if let damaged {
                    switch HeedLines.decodeGeneral(ArraySlice(bytes)) {
                    case .success(let reference): XCTAssertEqual(damaged, reference, String(decoding: bytes, as: UTF8.self))
                    case .failure(let problem): XCTFail("took a damaged line (\(problem.reason)): \(String(decoding: bytes, as: UTF8.self))")
                    }
                }
            }
        }
        XCTAssertGreaterThan(taken, 1_000, "the fast reader should take the well-formed lines (about a third are not)")
    }

    /// 10,000 lines of the backlog `heed demo --generate` writes for the benchmarks (emoji, CJK,
    /// every platform and state it makes): the fast reader takes each and agrees.
    func testGeneratedBacklogAgrees() throws {
        guard let heed = HeedBinary.path else { return XCTFail(HeedBinary.missing) }
        let folder = try temporaryFolder("heed-lines")
        let path = folder.appendingPathComponent("backlog.jsonl").path
        let run = try Spawn.run([heed, "demo", "--generate", "10000", "-o", path], environment: TestEnvironment.hermetic(in: folder))
        XCTAssertEqual(run.status, 0, run.stderr)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var count = 0
        for line in data.split(separator: 10) {
            let text = String(decoding: line, as: UTF8.self)
            XCTAssertTrue(assertAgrees(text), "the fast reader left a generated line: \(text)")
            count += 1
        }
        XCTAssertEqual(count, 10_000)
    }

    static func variedLine(_ random: inout SeededRandom) -> String {
        let good: [String: [String]] = [
            "platform": ["\"mastodon\"", "\"x\"", "\"bluesky\"", "\"youtube\"", "\"X\"", "\"bsky\"", "\"Hacker News\""],
            "id": ["\"1\"", "\"109876\"", "1790000000000000001", "42", "\"at://did:plc:a/b/1\"", "0"],
            "text": ["\"hi\"", "\"\"", "\"caf\\u00e9 \\ud83d\\ude00\"", "\"tab\\tnew\\nline\"", "\"日本語 😀\"", "\"q\\\"uote\\\\\""],
            "created_at": ["\"2026-11-20T09:14:00Z\"", "\"2026-11-20T09:14:00.123Z\"", "\"2026-11-20T09:14:00+02:00\"", "1763630040", "\"1763630040\"", "\"2026-11-20 09:14Z\""],
            "kind": ["\"mention\"", "\"reply\"", "\"DM\"", "\"direct_message\"", "null", "\"comment\""],
            "author": ["\"alice\"", "null", "{\"handle\":\"a\",\"name\":\"A\"}", "{\"name\":\"田中\",\"url\":null}", "{}", "{\"handle\":\"h\",\"x\":{\"y\":[1,2]}}"],
            "url": ["\"https://e.x/1\"", "null"],
            "conversation": ["\"c1\"", "12", "null", "\"\""],
            "in_reply_to": ["\"p\"", "99", "null"],
            "reply_target": ["null", "{}", "{\"in_reply_to_id\":\"5\"}", "{\"a\":1,\"b\":\"x\",\"c\":null,\"d\":[1]}"],
            "state": ["\"waiting\"", "\"acknowledged\"", "\"replied\"", "\"snoozed\"", "null"],
            "acknowledged_at": ["\"2026-01-01T00:00:00Z\"", "1763630040"],
            "replied_at": ["\"2026-01-02T00:00:00Z\""],
            "draft": ["\"d1\"", "\"\"", "null"],
            "snoozed_until": ["\"2026-12-01T00:00:00Z\""],
            "ref": ["\"x:1\""], "waited_seconds": ["12", "0"], "extra": ["{\"deep\":[true,false,null,{\"e\":\"\\u00e9\"}]}", "[]", "-1.5e2"],
        ]
        let bad: [String: [String]] = [
            "platform": ["\"myspace\"", "42", "null"], "id": ["\"\"", "null", "1.5", "true", "18446744073709551616"],
            "text": ["42", "null"], "created_at": ["\"yesterday\"", "null", "1763630040.5", "-5", "\"2026-11-20T09:14:00\""],
            "kind": ["\"weird\"", "3"], "author": ["42", "[1]", "{\"handle\":5}"], "url": ["5", "false"],
            "conversation": ["1.5", "true"], "reply_target": ["\"x\"", "{\"f\":2.5}"], "state": ["\"done\"", "true"],
            "acknowledged_at": ["null", "\"soon\""], "draft": ["5"],
        ]
        var keys = ["platform", "id", "text", "created_at"]
        for key in good.keys.sorted() where !keys.contains(key) && random.next() % 3 == 0 { keys.append(key) }
        if random.next() % 10 == 0 { keys.removeLast() }
        if random.next() % 12 == 0 { keys.append(random.pick(keys)) }  // a key given twice
        var order = keys
        for index in order.indices.reversed() {
            let other = Int(random.next() % UInt64(index + 1))
            order.swapAt(index, other)
        }
        func space() -> String { random.pick(["", "", "", " ", "  ", "\t"]) }
        var fields: [String] = []
        for key in order {
            let value: String
            if random.next() % 8 == 0, let wrong = bad[key] { value = random.pick(wrong) } else { value = random.pick(good[key] ?? ["null"]) }
            fields.append("\(space())\"\(key)\"\(space()):\(space())\(value)\(space())")
        }
        return space() + "{" + fields.joined(separator: ",") + "}" + space()
    }
}

extension HeedLinesFastTests {
    /// Ill-formed UTF-8 anywhere in a line (a value, a skipped value, a key) leaves it to the
    /// general path, which names it; well-formed characters beyond ASCII are read.
    func testUTF8InEveryPlace() {
        let bad: [[UInt8]] = [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0x80], [0xFF]]
        let good: [[UInt8]] = [[0xC3, 0xA9], [0xE6, 0x97, 0xA5], [0xF0, 0x9F, 0x98, 0x80]]
        let places: [(String, String)] = [
            (#"{"platform":"x","id":"1","text":"a"#, #"b","created_at":1}"#),
            (#"{"platform":"x","id":"1","text":"t","created_at":1,"skipped":"a"#, #"b"}"#),
            (#"{"platform":"x","id":"1","text":"t","created_at":1,"skipped":{"k"#, #"":1}}"#),
            (#"{"platform":"x","id":"1","text":"t\n"#, #"","created_at":1}"#),
            (#"{"platform":"x","id":"1","text":"t","created_at":1,"author":{"name":"n"#, #""}}"#),
            (#"{"platform":"x","id":"1","text":"t","created_at":1,"reply_target":{"k"#, #"":"v"}}"#),
        ]
        for (sequences, readable) in [(bad, false), (good, true)] {
            for sequence in sequences {
                for (before, after) in places {
                    let bytes = Array(before.utf8) + sequence + Array(after.utf8)
                    let mine = bytes.withUnsafeBufferPointer { HeedLines.fastMention($0) }
                    XCTAssertEqual(mine != nil, readable, "\(sequence) in \(before)…")
                    if let mine {
                        guard case .success(let reference) = HeedLines.decodeGeneral(ArraySlice(bytes)) else { return XCTFail("general path refused \(before)…") }
                        XCTAssertEqual(mine, reference)
                    } else if !readable {
                        guard case .failure(let problem) = HeedLines.decodeGeneral(ArraySlice(bytes)) else { return XCTFail("general path read \(before)…") }
                        XCTAssertEqual(problem.reason, "not valid UTF-8")
                    }
                }
            }
        }
    }
}
