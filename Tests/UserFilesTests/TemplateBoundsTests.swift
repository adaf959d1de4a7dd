import Foundation
import HeedCore
import HeedReplies
import HeedUI
import XCTest

/// Saved replies: filled once (a value is never filled again), bounded, and every file the
/// folder holds is either a template or a line saying why it is not.
final class TemplateBoundsTests: XCTestCase {
    func mention(handle: String, name: String) -> Mention {
        Mention(platform: .mastodon, id: "1", kind: .mention, author: Author(handle: handle, name: name), text: "hi", createdAt: Date(timeIntervalSince1970: 0))
    }

    func testValuesHoldingPlaceholdersAreNotFilledAgain() {
        let template = Template(name: "t", text: "Hi {author} ({name}) on {platform}, {unknown} {")
        let filled = template.filled(for: mention(handle: "{name}{author}", name: "{platform}{author}"))
        XCTAssertEqual(filled, "Hi @{name}{author} ({platform}{author}) on mastodon, {unknown} {")
    }

    func testFillingIsBoundedWhateverTheTemplateAndValues() {
        let template = Template(name: "t", text: String(repeating: "{author}{name}", count: 8_000))
        let filled = template.filled(for: mention(handle: String(repeating: "h", count: 1_000_000), name: String(repeating: "名", count: 1_000_000)))
        XCTAssertLessThanOrEqual(filled.utf8.count, Template.maxFilled)
        XCTAssertTrue(filled.hasPrefix("@" + String(repeating: "h", count: Template.maxValue - 1) + String(repeating: "名", count: Template.maxValue)))
    }

    /// Random templates and values against a plain reading of the rule: left to right, each
    /// placeholder once, values as they are.
    func testRandomTemplatesFillAsTheRuleSays() {
        var state: UInt64 = 0xC0FFEE
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["{author}", "{name}", "{platform}", "{", "}", "author", "x", "中", "{autho", "r}", "\n", "😀"]
        for _ in 0..<2_000 {
            let text = (0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined()
            let handle = (0..<next(4)).map { _ in pieces[next(pieces.count)] }.joined()
            let name = (0..<next(4)).map { _ in pieces[next(pieces.count)] }.joined()
            let values = ["{author}": handle, "{name}": name, "{platform}": "P"]
            var expected = ""
            var rest = Substring(text)
            while !rest.isEmpty {
                if let key = values.keys.first(where: { rest.hasPrefix($0) }) {
                    expected += values[key]!
                    rest = rest.dropFirst(key.count)
                } else {
                    expected.append(rest.removeFirst())
                }
            }
            XCTAssertEqual(Template.fill(text, values), expected, text.debugDescription)
        }
    }

    func testEveryFileIsATemplateOrSaysWhyNot() throws {
        let scratch = try Scratch()
        try scratch.write("thanks.txt", "Thanks {author}!\n")
        try scratch.sparse("huge.txt", size: 100 << 20)
        try scratch.fifo("pipe.txt")
        try FileManager.default.createDirectory(atPath: scratch.path + "/folder", withIntermediateDirectories: true)
        let templates = Templates.load(scratch.path)
        XCTAssertEqual(templates.map(\.name), ["folder", "huge", "pipe", "thanks"])
        XCTAssertEqual(templates.map(\.problem), [
            "is a folder, not a file: heed reads only plain files here",
            "is 100.0 MiB, over the 64.0 KiB heed reads: left unread",
            "is a FIFO, not a file: heed reads only plain files here",
            nil,
        ])
        XCTAssertEqual(templates.last?.text, "Thanks {author}!")
    }

    func testMoreTemplatesThanHeedListsEndWithHowManyMore() throws {
        let scratch = try Scratch()
        for index in 0..<520 { try scratch.write(String(format: "t%04d.txt", index), "reply \(index)") }
        let templates = Templates.load(scratch.path)
        XCTAssertEqual(templates.count, Templates.maxFiles + 1)
        XCTAssertEqual(templates.last?.problem, "20 more files are not listed: heed lists the first 500 by name")
    }
}
