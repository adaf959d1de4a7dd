import Foundation
import HeedCore
@testable import HeedImport
import TestSupport
import XCTest

/// Pages appended to one file one after another (`curl … >> f`, `jq . >> f`): compact or
/// pretty, mixed, with or without newlines between them, all import; a broken one is named by
/// the line it starts on and the rest go on; one too large is refused by its size alone.
final class ConcatenatedPagesTests: XCTestCase {
    /// Every event of some text read as a file is, with a document limit and piece size.
    func events(_ text: String, format: ImportFormat? = nil, limit: Int = MentionFile.documentLimit, piece: Int = MentionFile.piece) throws -> [ImportEvent] {
        var reader = LineReader(bytes: Array(text.utf8))
        var events: [ImportEvent] = []
        try MentionFile.read(&reader, file: "f", format: format, limit: limit, piece: piece) { events.append($0) }
        return events
    }

    func ids(_ events: [ImportEvent]) -> [String] {
        events.compactMap { if case .mention(let mention) = $0 { mention.id } else { nil } }
    }

    func problems(_ events: [ImportEvent]) -> [String] {
        events.compactMap { if case .rejected(let problem) = $0 { problem.description } else { nil } }
    }

    /// A Bluesky page of one mention, compact.
    static func bluesky(_ key: String, text: String = "hi") -> String {
        #"{"notifications":[{"uri":"at://did:plc:a/app.bsky.feed.post/\#(key)","cid":"bafy\#(key)","author":{"did":"did:plc:a","handle":"a.bsky.social"},"reason":"mention","record":{"$type":"app.bsky.feed.post","text":"\#(text)","createdAt":"2026-11-20T09:00:00.000Z"},"indexedAt":"2026-11-20T09:00:01.000Z"}],"cursor":"c"}"#
    }

    /// A page as `jq .` prints it: two spaces of indentation, a newline after each member.
    static func pretty(_ compact: String) throws -> String {
        let value = try JSONSerialization.jsonObject(with: Data(compact.utf8))
        let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    func testPrettyAndCompactPagesMixedAllImport() throws {
        let mastodon = "[\(DetectionTests.mastodon("1")),\(DetectionTests.mastodon("2"))]"
        let text = try [
            Self.pretty(mastodon),                  // a pretty page (lines 1–…)
            Self.bluesky("3"),                      // a compact page on a line of its own
            Self.pretty(Self.bluesky("4")) + Self.pretty(Self.bluesky("5")),  // no newline between
            Self.bluesky("6") + Self.bluesky("7"),  // two on one line, nothing between
            Self.bluesky("8") + "  \t" + Self.pretty(Self.bluesky("9")),
        ].joined(separator: "\n\n")
        let events = try events(text + "\n")
        XCTAssertEqual(ids(events), ["1", "2"] + (3...9).map { "at://did:plc:a/app.bsky.feed.post/\($0)" })
        XCTAssertEqual(problems(events), [])
    }

    func testBracketsAndQuotesInsideStringsNeverSplitAPage() throws {
        let tricky = #"}]{[ \" \\\" \\ \u007d ] } \n"#
        let text = try Self.pretty(Self.bluesky("1", text: tricky)) + "\n" + Self.bluesky("2", text: "[{") + "\n"
        let events = try events(text)
        XCTAssertEqual(ids(events).count, 2)
        let texts = events.compactMap { if case .mention(let mention) = $0 { mention.text } else { nil } }
        XCTAssertEqual(texts, ["}]{[ \" \\\" \\ } ] } \n", "[{"])
    }

    func testABrokenPageIsNamedByItsLineAndTheRestGoOn() throws {
        let good = try Self.pretty(Self.bluesky("1"))
        let cut = String(good.prefix(good.count / 2))  // a page broken off mid-string
        let text = [good, cut, Self.bluesky("2"), "{\"notifications\": [", good.replacingOccurrences(of: "/1\"", with: "/3\"")].joined(separator: "\n") + "\n"
        let events = try events(text)
        XCTAssertEqual(ids(events), ["at://did:plc:a/app.bsky.feed.post/1", "at://did:plc:a/app.bsky.feed.post/2", "at://did:plc:a/app.bsky.feed.post/3"])
        let lines = good.split(separator: "\n", omittingEmptySubsequences: false).count
        let named = problems(events)
        XCTAssertEqual(named.count, 2, "\(named)")
        XCTAssertTrue(named[0].hasPrefix("f:line \(lines + 1): not valid JSON"), named[0])
        XCTAssertTrue(named[1].hasPrefix("f:line \(lines + 1 + cut.split(separator: "\n", omittingEmptySubsequences: false).count + 1): not valid JSON"), named[1])
    }

    /// JSON pretty-printed without indentation (`json.dumps(page, indent=0)`): nested objects
    /// start in the first column, where the document can still go on, so they stay inside it.
    func testPagesPrettyPrintedWithoutIndentationStayWhole() throws {
        let flat = try Self.pretty("[\(DetectionTests.mastodon("1")),\(DetectionTests.mastodon("2"))]")
            .split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: "\n")
        XCTAssertTrue(flat.contains("\n{\n"), "objects in the first column: \(flat.prefix(80))")
        let events = try events(flat + "\n" + flat.replacingOccurrences(of: "\"1\"", with: "\"3\"") + "\n")
        XCTAssertEqual(ids(events), ["1", "2", "3", "2"])
        XCTAssertEqual(problems(events), [])
    }

    func testRecordsOfSeveralPagesAreNamedByLineAndPage() throws {
        let broken = #"{"notifications":[{"uri":"at://did:plc:a/app.bsky.feed.post/x","reason":"mention"}],"cursor":"c"}"#
        let events = try events(Self.bluesky("1") + "\n" + broken + "\n" + "[" + broken + "," + broken + "]\n")
        XCTAssertEqual(problems(events), [
            "f:line 2, notifications[0]: missing 'record'",
            "f:line 3, page 1, notifications[0]: missing 'record'",
            "f:line 3, page 2, notifications[0]: missing 'record'",
        ])
        XCTAssertEqual(problems(try self.events(broken)), ["f:notifications[0]: missing 'record'"], "a file of one page names records by their place alone")
    }

    func testADocumentLargerThanTheLimitIsRefusedByItsSizeAndTheRestGoOn() throws {
        let big = Self.bluesky("2", text: String(repeating: "a", count: 3_000))
        let pretty = try Self.pretty(Self.bluesky("3", text: String(repeating: "b", count: 3_000)))
        let text = [Self.bluesky("1"), big, pretty, Self.bluesky("4")].joined(separator: "\n") + "\n"
        // Pieces smaller than a line: a long line is followed a piece at a time, never held whole.
        let events = try events(text, limit: 2_000, piece: 512)
        XCTAssertEqual(ids(events), ["at://did:plc:a/app.bsky.feed.post/1", "at://did:plc:a/app.bsky.feed.post/4"])
        XCTAssertEqual(problems(events), [
            "f:line 2: a JSON document of \(big.utf8.count) bytes, larger than heed reads (2000 bytes)",
            "f:line 3: a JSON document of \(pretty.utf8.count) bytes, larger than heed reads (2000 bytes)",
        ])
        XCTAssertEqual(Documents.size(300 << 20), "300 MiB")
        XCTAssertEqual(Documents.size((1 << 20) + (1 << 19)), "1.5 MiB")
    }

    func testAnArrayOverTheLimitIsReadInPartsNoneLargerThanTheLimit() throws {
        let huge = "[" + String(repeating: "\"abcdefgh\",", count: 200_000) + "1]"
        var reader = LineReader(bytes: Array((huge + "\n[2]\n").utf8))
        var splitter = JSONDocuments(limit: 1_000, piece: 4_096)
        var parts: [JSONDocuments.Document] = []
        while let next = try splitter.next(&reader), next.items != nil { parts.append(next) }
        XCTAssertGreaterThan(parts.count, 2_000)
        XCTAssertTrue(parts.allSatisfy { ($0.bytes?.count ?? .max) <= 1_002 }, "each part within the limit")
        XCTAssertEqual(parts.map { $0.items!.count }.reduce(0, +), 200_001)
        XCTAssertEqual(zip(parts, parts.dropFirst()).filter { $0.items!.upperBound != $1.items!.lowerBound }.count, 0, "parts follow each other")
        let last = try XCTUnwrap(parts.last?.bytes)
        XCTAssertEqual(String(decoding: last, as: UTF8.self).suffix(13), #""abcdefgh",1]"#)
        var after = JSONDocuments(limit: 1_000, piece: 4_096)
        var rest = LineReader(bytes: Array((huge + "\n[2]\n").utf8))
        var final: JSONDocuments.Document?
        while let next = try after.next(&rest) { final = next }
        XCTAssertEqual(final?.parsed, .array([.integer("2")]))
    }

    func testAnObjectOverTheLimitIsGivenByItsSizeAlone() throws {
        let huge = #"{"a":""# + String(repeating: "x", count: 100_000) + #""}"#
        var reader = LineReader(bytes: Array((huge + "\n[2]\n").utf8))
        var splitter = JSONDocuments(limit: 1_000, piece: 4_096)
        let first = try XCTUnwrap(try splitter.next(&reader))
        XCTAssertNil(first.bytes, "nothing of it is kept")
        XCTAssertEqual(first.size, huge.utf8.count)
        XCTAssertEqual(try splitter.next(&reader)?.parsed, .array([.integer("2")]))
        XCTAssertNil(try splitter.next(&reader))
    }

    /// Sample pages (strings full of brackets, quotes and escapes) joined at random, compact or
    /// pretty, with any spacing, read in pieces of any size: the splitter gives back each page.
    func testRandomConcatenationsOfSamplePagesSplitExactly() throws {
        let root = try SharedFiles.samples()
        let pages = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted().filter { $0.hasSuffix(".json") }
            .map { try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent($0))) }
        var random = SeededRandom.forTest("testRandomConcatenationsOfSamplePagesSplitExactly")
        let seed = random.seed
        for round in 0..<30 {
            let chosen = (0..<Int.random(in: 2...6, using: &random)).map { _ in pages.randomElement(using: &random)! }
            var text = Data()
            for page in chosen {
                let options: JSONSerialization.WritingOptions = Bool.random(using: &random) ? [.prettyPrinted] : []
                text += Data(["", "\n", " ", "\n\n", "\t\r\n"].randomElement(using: &random)!.utf8)
                text += try JSONSerialization.data(withJSONObject: page, options: options)
            }
            var reader = LineReader(bytes: Array(text))
            var splitter = JSONDocuments(limit: 1 << 30, piece: Int.random(in: 1...4_096, using: &random))
            var found: [JSON] = []
            while let document = try splitter.next(&reader) {
                found.append(try document.parsed ?? JSON.parse(Data(try XCTUnwrap(document.bytes))))
            }
            let expected = try chosen.map { try JSON.parse(JSONSerialization.data(withJSONObject: $0)) }
            XCTAssertEqual(found, expected, "seed \(seed), round \(round)")
        }
    }

    func testLinesAreReadInPiecesOfBoundedSize() throws {
        var reader = LineReader(bytes: Array("abcdefghij\nkl\n\nmnop".utf8))
        var pieces: [String] = []
        while let piece = try reader.nextPiece(longest: 4) {
            pieces.append("\(reader.lineNumber):\(String(decoding: piece.bytes, as: UTF8.self))\(piece.endsLine ? "|" : "")")
        }
        XCTAssertEqual(pieces, ["1:abcd", "1:efgh", "1:ij|", "2:kl|", "3:|", "4:mnop|"])
    }

    func testHeedsOwnRecordsPrettyPrintedImport() throws {
        let records = [#"{"platform":"x","id":"1","text":"a","created_at":1763630040}"#, #"{"platform":"x","id":"2","text":"b"}"#]
        let text = try records.map(Self.pretty).joined(separator: "\n") + "\n"
        let events = try events(text)
        XCTAssertEqual(ids(events), ["1"])
        XCTAssertEqual(problems(events), ["f:line 7: missing required field 'created_at'"])
        XCTAssertThrowsError(try self.events(text, format: .heedLines), "JSON Lines hold a record a line") {
            XCTAssertEqual("\($0)", "f: this is not a jsonl file: it looks like JSON (a document that spans lines)")
        }
        XCTAssertEqual(problems(try self.events(#"{"platform":"x","id":"1"}"# + "\n", format: .heedLines)), ["f:line 1: missing required field 'text'"],
                       "a bad record is still a record of heed's")
    }

    func testAFirstDocumentHeedCannotReadRefusesTheFile() throws {
        XCTAssertThrowsError(try events(#"{"hello":"world"}"# + "\n" + Self.bluesky("1") + "\n")) { error in
            XCTAssertEqual("\(error)", #"f: unknown format: this JSON is an object with the keys "hello", not a page heed reads (\#(Formats.all.map { $0.name }.sorted().joined(separator: ", ")); see heed import --help)"#)
        }
        let events = try events(Self.bluesky("1") + "\n" + #"{"hello":"world"}"# + "\n")
        XCTAssertEqual(problems(events), [#"f:line 2: not a page of any format heed knows: it looks like an object with the keys "hello""#])
    }
}
